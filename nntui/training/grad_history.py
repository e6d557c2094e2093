"""GradHistory: per step and per layer, the update ratio |ΔW|/|W| and the mean |dL/dz|, over the last STEPS steps.

The trainer calls `before_update(net)` between the backward pass and the
optimizer's step (one pass over the weights, for |W|) and
`after_update(step, net, batch)` once the update is applied: the optimizer
leaves the update ΔW in the gradient buffer (nn/optimizers.py), so |ΔW| is
one more pass, and the batch's blame (dL/dz) is still in the network's
workspace. Norms are Frobenius norms of each layer's W (biases left out).
"""

from __future__ import annotations

import math

import numpy as np

STEPS = 600  # as many steps as the Loss pane's history


class GradHistory:
    """A ring of the last `capacity` steps: the step, then per layer the update ratio and the mean |blame|."""

    def __init__(self, capacity: int = STEPS):
        self.capacity = capacity
        self.clear()

    def clear(self) -> None:
        """Start over (a fresh run)."""
        self._rows: np.ndarray | None = None  # (capacity, 2L): update ratios, then mean |blame|
        self._steps = np.zeros(self.capacity, np.int64)
        self._count = 0
        self._w2: list[float] = []

    def before_update(self, net) -> None:
        self._w2 = [float(np.dot(W.ravel(), W.ravel())) for W in net.weights]

    def after_update(self, step: int, net, batch: int) -> None:
        """Record the update just applied to `net` (its gradient buffer holds ΔW) for a batch of `batch` rows."""
        n = len(net.layers)
        if self._rows is None or self._rows.shape[1] != 2 * n:  # the first step, or a new number of layers
            self._rows, self._count = np.zeros((self.capacity, 2 * n)), 0
        at = self._count % self.capacity
        row = self._rows[at]
        for k, layer in enumerate(net.layers):
            d = layer.dW.ravel()
            row[k] = math.sqrt(float(np.dot(d, d)) / self._w2[k]) if self._w2[k] > 0 else math.nan
        for k, blame in enumerate(net.blame_of(batch)):
            row[n + k] = float(np.abs(blame).sum()) / blame.size
        self._steps[at] = step
        self._count += 1

    def series(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(steps (S,), update ratio (L, S), mean |blame| (L, S)), oldest first; new arrays."""
        if self._rows is None or not self._count:
            return np.zeros(0, np.int64), np.zeros((0, 0)), np.zeros((0, 0))
        size = min(self._count, self.capacity)
        order = (np.arange(size) + self._count - size) % self.capacity
        rows = self._rows[order].T
        n = rows.shape[0] // 2
        return self._steps[order], rows[:n], rows[n:]
