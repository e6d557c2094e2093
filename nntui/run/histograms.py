"""Activation histograms over time: per layer, bins fixed once chosen, so that the columns of different steps compare.

A layer's bins span the range of its activation's values (the `bounds` trait:
[0, 1] for a sigmoid, [-1, 1] for tanh). An unbounded side (a ReLU's top,
both sides of a linear unit) starts at the smallest power of two above the
values seen and doubles when a value reaches it. BINS is a multiple of 4, so
doubling maps the old bins exactly onto the new ones (two old bins make one
new bin) and every kept column stays the `np.histogram` of its values with
the current edges. Both sources use it: nntui's trainer at each probe refresh
(training/over_time.py), the run log at each snapshot (watch/log_over_time.py).

At most `capacity` columns are kept: when full, every other one is dropped
and columns are taken half as often, so the history spans the whole run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

BINS = 16  # a multiple of 4 (see above)
COLUMNS = 120


def _power_above(span: float) -> float:
    """The smallest power of two strictly above `span` (1 for a span of 0 or less)."""
    if not span > 0:
        return 1.0
    top = 2.0 ** math.ceil(math.log2(span))
    return top * 2 if top <= span else top


class LayerBins:
    """One layer's bin edges: fixed for a bounded range, doubling on an unbounded side."""

    def __init__(self, bounds: tuple[float, float], bins: int = BINS):
        low, high = float(bounds[0]), float(bounds[1])
        if math.isinf(low):  # an unbounded bottom: symmetric around 0
            low, high = -math.inf, math.inf
        self.low, self.high, self.bins = low, high, bins
        self.span: float | None = None  # an unbounded range's half-width (symmetric) or width (from `low`)

    @property
    def symmetric(self) -> bool:
        return math.isinf(self.low)

    def edges(self) -> np.ndarray:
        if not math.isinf(self.high):
            return np.linspace(self.low, self.high, self.bins + 1)
        span = self.span or 1.0  # (no values seen yet)
        if self.symmetric:
            return np.linspace(-span, span, self.bins + 1)
        return np.linspace(self.low, self.low + span, self.bins + 1)

    def doublings(self, values: np.ndarray) -> int:
        """Fit the range to `values`: how many times an unbounded range doubled (0 for a bounded one)."""
        if not math.isinf(self.high) or values.size == 0:
            return 0
        reach = float(np.abs(values).max()) if self.symmetric else float(values.max()) - self.low
        if self.span is None:
            self.span = _power_above(reach)
            return 0
        times = 0
        while reach >= self.span:
            self.span *= 2
            times += 1
        return times

    def merged(self, counts: np.ndarray) -> np.ndarray:
        """Counts (…, bins) laid out on the edges after one doubling."""
        half = counts[..., 0::2] + counts[..., 1::2]
        out = np.zeros_like(counts)
        start = self.bins // 4 if self.symmetric else 0
        out[..., start:start + self.bins // 2] = half
        return out


class HistogramHistory:
    """Histograms of each layer's activations at a growing spacing of steps (see the module docstring)."""

    def __init__(self, bounds: Sequence[tuple[float, float]], bins: int = BINS, capacity: int = COLUMNS):
        self.layers = [LayerBins(b, bins) for b in bounds]
        self.bins, self.capacity = bins, capacity
        self.steps: list[int] = []
        self.columns: list[np.ndarray] = []  # (L, bins) int64 per column
        self.stride = 1  # steps between columns

    def add(self, step: int, activations: Sequence[np.ndarray]) -> None:
        """A column of the activations at `step` (the same step again replaces its column), if one is due."""
        replace = bool(self.steps) and step == self.steps[-1]
        if self.steps and not replace and step < self.steps[-1] + self.stride:
            return
        column = np.zeros((len(self.layers), self.bins), np.int64)
        for k, (layer, a) in enumerate(zip(self.layers, activations)):
            a = np.asarray(a, np.float64).ravel()
            for _ in range(layer.doublings(a)):
                for old in self.columns:
                    old[k] = layer.merged(old[k])
            column[k] = np.histogram(a, layer.edges())[0]
        if replace:
            self.steps.pop()
            self.columns.pop()
        self.steps.append(step)
        self.columns.append(column)
        if len(self.columns) > self.capacity:
            self.steps, self.columns = self.steps[1::2], self.columns[1::2]
            self.stride *= 2

    def edges(self) -> tuple[np.ndarray, ...]:
        return tuple(layer.edges() for layer in self.layers)

    def counts(self) -> np.ndarray:
        """(L, C, bins): layer, column (oldest first), bin."""
        if not self.columns:
            return np.zeros((len(self.layers), 0, self.bins), np.int64)
        return np.stack(self.columns, axis=1)
