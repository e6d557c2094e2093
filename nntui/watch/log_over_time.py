"""LogOverTime: the gradients-over-time view of a run log, built from its snapshots.

A log keeps no per-step update, so the update ratio is taken between two
snapshots, |W(s) − W(s−1)| / |W(s−1)|, and the blame is the mean |dL/dz| on
the probe batch the snapshot holds; the view says `per="snapshot"`. The
activation histograms are the probe batch's hidden activations of each
snapshot, binned by the activation's range when the engine knows its name
(run/histograms.py), symmetric and doubling otherwise. Snapshots are taken
in once each, as they arrive; a replay's view ends at the snapshot shown.
"""

from __future__ import annotations

import math

import numpy as np

from nntui.nn.activations import ACTIVATIONS
from nntui.run.frame import OverTimeView, frozen
from nntui.run.histograms import HistogramHistory
from nntui.watch.records import Snapshot
from nntui.watch.run import Run

UNKNOWN_BOUNDS = (-math.inf, math.inf)


def _ratio(W: np.ndarray, before: np.ndarray | None) -> float:
    if before is None or before.shape != W.shape:
        return math.nan
    base = float(np.linalg.norm(before))
    return float(np.linalg.norm(W - before)) / base if base > 0 else math.nan


def _mean_blame(blame: np.ndarray) -> float:
    value = float(np.abs(np.asarray(blame, np.float64)).mean()) if np.size(blame) else 0.0
    return value if value > 0 else math.nan  # a log without probe gradients holds zeros


class LogOverTime:
    """Takes in a log's snapshots as they arrive; `view(run, k)` is the view up to snapshot k."""

    def __init__(self):
        self._run: Run | None = None

    def _start(self, run: Run) -> None:
        self._run, self._seen, self._before = run, 0, None
        self._steps: list[int] = []
        self._rows: list[tuple[list[float], list[float]]] = []  # (update ratios, mean blames) per snapshot
        names = run.meta.activations[:-1]
        self.histograms = HistogramHistory([getattr(ACTIVATIONS.get(n), "bounds", UNKNOWN_BOUNDS) for n in names])

    def _take(self, snap: Snapshot) -> None:
        weights = [np.asarray(layer.W, np.float64) for layer in snap.layers]
        before = self._before or [None] * len(weights)
        self._rows.append(([_ratio(W, b) for W, b in zip(weights, before)],
                           [_mean_blame(layer.blame) for layer in snap.layers]))
        self._steps.append(snap.step)
        self._before = weights
        self.histograms.add(snap.step, [layer.a for layer in snap.layers[:-1]])

    def view(self, run: Run, k: int | None) -> OverTimeView | None:
        """The view up to snapshot `k` (None: no snapshot yet)."""
        if k is None:
            return None
        if run is not self._run:
            self._start(run)
        while self._seen < len(run.snapshots):
            self._take(run.snapshots[self._seen])
            self._seen += 1
        rows = self._rows[: k + 1]
        shown = int(np.searchsorted(self.histograms.steps, self._steps[k], side="right"))
        return OverTimeView(
            steps=frozen(np.array(self._steps[: k + 1], np.int64)),
            update_ratio=frozen(np.array([r for r, _ in rows]).T), mean_blame=frozen(np.array([b for _, b in rows]).T),
            hist_steps=frozen(np.array(self.histograms.steps[:shown], np.int64)),
            hist_edges=tuple(map(frozen, self.histograms.edges())),
            hist_counts=frozen(self.histograms.counts()[:, :shown]), per="snapshot",
        )
