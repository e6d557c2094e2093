"""Dense: one fully connected layer, z = X @ W + b, a = f(z).

W has shape (fan_in, fan_out). The layer's W, b, dW and db are views into
flat buffers the network owns, so an optimizer updates every parameter with
one array operation. Initialization follows a scheme of nn/init.py: by
default He (variance 2/fan_in) for the ReLU family and Xavier/Glorot
(variance 2/(fan_in+fan_out)) otherwise.
"""

from __future__ import annotations

import numpy as np

from nntui.nn.activations import Activation, get_activation
from nntui.nn.init import weight_std


class Dense:
    """A layer's parameters (views), its activation, and its shapes."""

    def __init__(self, fan_in: int, fan_out: int, activation: str):
        self.fan_in = fan_in
        self.fan_out = fan_out
        self.activation: Activation = get_activation(activation)
        self.W: np.ndarray
        self.b: np.ndarray
        self.dW: np.ndarray
        self.db: np.ndarray

    @property
    def size(self) -> int:
        return self.fan_in * self.fan_out + self.fan_out

    def bind(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Point W, b at `params` and dW, db at `grads` (both flat slices of length `size`)."""
        n = self.fan_in * self.fan_out
        shape = (self.fan_in, self.fan_out)
        self.W, self.b = params[:n].reshape(shape), params[n:]
        self.dW, self.db = grads[:n].reshape(shape), grads[n:]

    def initialize(self, rng: np.random.Generator, scheme: str | None = None) -> None:
        """Draw W for `scheme` (None: this layer's default) and zero b."""
        std = weight_std(scheme, self.fan_in, self.fan_out, self.activation.relu_family)
        if std:
            self.W[...] = rng.standard_normal(self.W.shape) * std
        else:
            self.W[...] = 0.0
        self.b[...] = 0.0
