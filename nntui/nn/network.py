"""MLP: a stack of Dense layers with a loss; forward, backward and blame.

Arrays are (batch, features). The forward pass keeps each layer's `z` and
`a`; the backward pass walks right to left turning the loss's blame on the
output (dL/dz) into dW, db and the blame on every earlier neuron:

    dW_k = a_{k-1}.T @ blame_k        db_k = sum over the batch of blame_k
    blame_{k-1} = (blame_k @ W_k.T) * f'(z_{k-1})

All parameters live in one flat float buffer (views per layer), as do all
gradients. Per batch size the network keeps a workspace of preallocated
buffers, so a training step allocates (almost) nothing. Products use
`np.dot(..., out=)`: the same BLAS call as matmul with half its per-call
overhead, which is most of a tiny net's step. Callers run it under
one BLAS thread (threadpoolctl): on two cores shared with a UI thread and
other processes, a second BLAS thread stalls the steps whenever the other
core is busy (benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nntui.nn.layers import Dense
from nntui.nn.losses import Loss, get_loss


@dataclass
class Record:
    """Copies of what one forward/backward pass computed, for display."""

    z: list[np.ndarray]
    a: list[np.ndarray]
    blame: list[np.ndarray]
    dW: list[np.ndarray]
    db: list[np.ndarray]
    loss: float
    per_sample_loss: np.ndarray


class _Workspace:
    """Buffers for one batch size: z, a and blame per layer, plus the input gradient."""

    def __init__(self, batch: int, sizes: list[int], dtype):
        self.z = [np.empty((batch, n), dtype) for n in sizes[1:]]
        self.a = [np.empty((batch, n), dtype) for n in sizes[1:]]
        self.blame = [np.empty((batch, n), dtype) for n in sizes[1:]]
        self.da = [np.empty((batch, n), dtype) for n in sizes[1:-1]]
        self.ones = np.ones(batch, dtype)


class MLP:
    """A multi-layer perceptron: `sizes` = (n_in, hidden..., n_out), one activation per layer."""

    def __init__(self, sizes, activations, loss: str, *, dtype="float32", seed: int = 0,
                 l1: float = 0.0, l2: float = 0.0, init: str | None = None):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer sizes must be positive and at least two, got {sizes}")
        if len(activations) != len(sizes) - 1:
            raise ValueError(f"need {len(sizes) - 1} activations, got {len(activations)}")
        self.sizes = sizes
        self.dtype = np.dtype(dtype)
        self.loss: Loss = get_loss(loss)
        self.l1, self.l2 = float(l1), float(l2)
        self.init = init  # the weight scheme (nn/init.py); None: each layer's default
        self.layers = [Dense(i, o, act) for i, o, act in zip(sizes[:-1], sizes[1:], activations)]
        n = sum(layer.size for layer in self.layers)
        self.params = np.zeros(n, self.dtype)
        self.grads = np.zeros(n, self.dtype)
        self._bind()
        self._workspaces: dict[int, _Workspace] = {}
        self.initialize(seed)

    # -- parameters -------------------------------------------------------

    def _bind(self) -> None:
        start = 0
        for layer in self.layers:
            end = start + layer.size
            layer.bind(self.params[start:end], self.grads[start:end])
            start = end

    def initialize(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        for layer in self.layers:
            layer.initialize(rng, self.init)

    def set_params(self, flat: np.ndarray) -> None:
        """Copy `flat` into the parameters (the layer views see it at once)."""
        np.copyto(self.params, flat)

    @property
    def activations(self) -> list[str]:
        return [layer.activation.name for layer in self.layers]

    @property
    def weights(self) -> list[np.ndarray]:
        return [layer.W for layer in self.layers]

    @property
    def biases(self) -> list[np.ndarray]:
        return [layer.b for layer in self.layers]

    # -- passes -------------------------------------------------------------

    def _workspace(self, batch: int) -> _Workspace:
        ws = self._workspaces.get(batch)
        if ws is None:
            if len(self._workspaces) >= 4:
                self._workspaces.clear()
            ws = self._workspaces[batch] = _Workspace(batch, self.sizes, self.dtype)
        return ws

    def forward(self, X: np.ndarray) -> _Workspace:
        """Run the layers on X; the workspace holds every z and a afterwards."""
        X = np.asarray(X, self.dtype)  # np.dot's out= needs matching dtypes; free when they match
        ws = self._workspace(len(X))
        a = X
        for layer, z, out in zip(self.layers, ws.z, ws.a):
            np.dot(a, layer.W, out=z)
            z += layer.b
            a = layer.activation.forward(z, out)
        return ws

    def predict(self, X: np.ndarray) -> np.ndarray:
        """What the net predicts for X: probabilities or values (a new array)."""
        return self.loss.link(self.forward(X).z[-1])

    def penalty(self) -> float:
        """The L1/L2 terms added to the loss: l1·Σ|W| + (l2/2)·ΣW² over weights (not biases)."""
        total = 0.0
        for layer in self.layers:
            if self.l1:
                total += self.l1 * float(np.abs(layer.W).sum(dtype=np.float64))
            if self.l2:
                total += 0.5 * self.l2 * float(np.vdot(layer.W, layer.W))
        return total

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray) -> float:
        """Forward and backward on one batch: fills `grads`, returns the loss (with penalties)."""
        X = np.asarray(X, self.dtype)
        ws = self.forward(X)
        out_blame = ws.blame[-1]
        loss = self.loss.value_and_blame(ws.z[-1], y, out_blame)
        self._backward(X, ws)
        if self.l1 or self.l2:
            loss += self.penalty()
            for layer in self.layers:
                if self.l2:
                    layer.dW += self.l2 * layer.W
                if self.l1:
                    layer.dW += self.l1 * np.sign(layer.W)
        return loss

    def _backward(self, X: np.ndarray, ws: _Workspace) -> None:
        last = len(self.layers) - 1
        for k in range(last, -1, -1):
            layer = self.layers[k]
            blame = ws.blame[k]
            a_prev = X if k == 0 else ws.a[k - 1]
            if len(blame) == 1:  # an outer product: broadcasting beats a (n,1)@(1,m) matmul
                np.multiply(a_prev.T, blame, out=layer.dW)
            else:
                np.dot(a_prev.T, blame, out=layer.dW)
            np.dot(ws.ones, blame, out=layer.db)
            if k > 0:  # the input needs no blame
                da = ws.da[k - 1]
                np.dot(blame, layer.W.T, out=da)
                self.layers[k - 1].activation.backward(ws.z[k - 1], ws.a[k - 1], da, ws.blame[k - 1])

    def blame_of(self, batch: int) -> list[np.ndarray]:
        """dL/dz per layer from the latest backward pass on a batch of `batch` rows (workspace buffers: read now)."""
        return self._workspace(batch).blame

    def loss_value(self, X: np.ndarray, y: np.ndarray) -> float:
        """The loss (with penalties) on a batch, without touching the gradients."""
        ws = self.forward(X)
        return float(self.loss.per_sample(ws.z[-1], y).mean()) + self.penalty()

    def record(self, X: np.ndarray, y: np.ndarray) -> Record:
        """Forward and backward on X, returning copies of z, a, blame, dW and db per layer.

        The network's own gradient buffer is left as it was.
        """
        saved = self.grads.copy()
        X = np.asarray(X, self.dtype)
        loss = self.loss_and_grad(X, y)
        ws = self._workspace(len(X))
        rec = Record(
            z=[z.copy() for z in ws.z],
            a=[a.copy() for a in ws.a[:-1]] + [self.loss.link(ws.z[-1])],
            blame=[b.copy() for b in ws.blame],
            dW=[layer.dW.copy() for layer in self.layers],
            db=[layer.db.copy() for layer in self.layers],
            loss=loss,
            per_sample_loss=self.loss.per_sample(ws.z[-1], y),
        )
        np.copyto(self.grads, saved)
        return rec
