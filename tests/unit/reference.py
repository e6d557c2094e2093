"""An independent float64 forward pass for the tests: the engine's formulas written out again, from W and b alone."""

from __future__ import annotations

import numpy as np

FUNCTIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "linear": lambda z: z,
}
SLOPES = {"relu": lambda z: (z > 0).astype(np.float64), "tanh": lambda z: 1.0 - np.tanh(z) ** 2}


def forward(net, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(z, a) per layer for the rows of X; the output's a is the softmax of its z."""
    a, zs, as_ = np.asarray(X, np.float64), [], []
    names = [layer.activation.name for layer in net.layers]
    for k, layer in enumerate(net.layers):
        z = a @ layer.W.astype(np.float64) + layer.b.astype(np.float64)
        a = FUNCTIONS[names[k]](z) if k < len(net.layers) - 1 else softmax(z)
        zs.append(z)
        as_.append(a)
    return zs, as_


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-sample −log softmax(z)[y]."""
    shifted = z - z.max(axis=1, keepdims=True)
    return np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(len(y)), y]


def scaled(dataset, X: np.ndarray) -> np.ndarray:
    return np.asarray(X, np.float64) * dataset.x_scale
