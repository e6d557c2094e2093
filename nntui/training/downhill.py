"""The downhill view: the probe loss as one weight (or bias) alone moves, and the gradient's slope there.

Gradient descent in one picture: hold every other parameter still, slide
W[layer][i, j] along a range around its value, and record the loss on the
probe batch. The engine's dL/dW[i, j] is the slope of that curve at the
current point. A real step moves the weight against the slope of its own
mini-batch, computed beside it (it can differ, even in sign). Runs in the trainer
thread (it briefly changes the weight and puts it back exactly).
"""

from __future__ import annotations

import numpy as np

from collections.abc import Callable

from nntui.nn import MLP
from nntui.run.frame import DownhillView, frozen
from nntui.training.param_cell import Address, cell, gradient

POINTS = 81
MIN_HALF_WIDTH = 1.0  # the range reaches at least this far either side of the weight
KEEP_INSIDE = 0.8  # the range stays put while the weight is within this share of it (so a nudge moves the point)


def weight_range(w: float, previous: DownhillView | None) -> tuple[float, float]:
    """The previous range if `w` is still well inside it, else one centred on `w`."""
    if previous is not None:
        lo, hi = float(previous.ws[0]), float(previous.ws[-1])
        middle, half = (lo + hi) / 2, (hi - lo) / 2
        if abs(w - middle) <= KEEP_INSIDE * half:
            return lo, hi
    half = max(MIN_HALF_WIDTH, 2 * abs(w))
    return w - half, w + half


Batch = tuple[np.ndarray, np.ndarray]


def weight_curve(net: MLP, X: np.ndarray, y: np.ndarray, layer: int, i: int, j: int,
                 previous: DownhillView | None = None, batch: Batch | None = None,
                 bias: bool = False) -> DownhillView:
    """Loss on (X, y) for W[layer][i, j] (b[layer][j] with `bias`) over a range around its value; the value is
    restored exactly.

    `previous` (the last curve of the same parameter) keeps the range still while the value moves inside it;
    `batch` (the next step's mini-batch) gives the slope that step will follow.
    """
    array, index = cell(net, layer, i, j, bias)
    w = float(array[index])
    same = previous is not None and (previous.layer, previous.i, previous.j, previous.bias) == (layer, i, j, bias)
    lo, hi = weight_range(w, previous if same else None)
    ws = np.linspace(lo, hi, POINTS)
    losses = np.empty(POINTS)
    try:
        for n, value in enumerate(ws):
            array[index] = value
            losses[n] = net.loss_value(X, y)
    finally:
        array[index] = w
    rec = net.record(X, y)
    batch_slope = None if batch is None else gradient(net.record(*batch), layer, i, j, bias)
    return DownhillView(layer=layer, i=i, j=j, w=w, loss=float(rec.loss), slope=gradient(rec, layer, i, j, bias),
                        ws=frozen(ws), losses=frozen(losses), batch_slope=batch_slope, bias=bias)


class DownhillFollower:
    """The parameter the downhill view follows, (k, i, j, bias) (None: the view is off), and its latest curve."""

    def __init__(self) -> None:
        self.target: Address | None = None
        self.curve: DownhillView | None = None

    def follow(self, target: Address | None) -> None:
        self.target, self.curve = target, None

    def refresh(self, net: MLP, X: np.ndarray, y: np.ndarray,
                next_batch: Callable[[], Batch] | None = None) -> DownhillView | None:
        """Recompute the curve of the followed parameter (None if there is none, or no such parameter);
        `next_batch()` is the mini-batch the next step trains on."""
        if self.target is None or cell(net, *self.target) is None:
            self.curve = None
            return None
        k, i, j, bias = self.target
        self.curve = weight_curve(net, X, y, k, i, j, self.curve, next_batch() if next_batch else None, bias)
        return self.curve
