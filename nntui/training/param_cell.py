"""One parameter of the network by its address: the weight W[k][i, j], or the bias b[k][j] (`bias`).

The weight editor and the downhill view change one number at a time; this
says where that number lives and what its gradient is, the same way for a
weight and a bias.
"""

from __future__ import annotations

import numpy as np

from nntui.nn import MLP

Address = tuple[int, int, int, bool]  # (k, i, j, bias); i is not used for a bias


def cell(net: MLP, k: int, i: int, j: int, bias: bool = False) -> tuple[np.ndarray, tuple] | None:
    """(the array, the index in it) of the parameter, or None if the network has no such parameter."""
    layers = net.layers
    if not 0 <= k < len(layers):
        return None
    if bias:
        b = layers[k].b
        return (b, (j,)) if 0 <= j < b.shape[0] else None
    W = layers[k].W
    return (W, (i, j)) if 0 <= i < W.shape[0] and 0 <= j < W.shape[1] else None


def gradient(record, k: int, i: int, j: int, bias: bool = False) -> float:
    """dL/db[k][j] or dL/dW[k][i, j] from a record of the network's forward and backward pass (`MLP.record`)."""
    return float(record.db[k][j]) if bias else float(record.dW[k][i, j])

