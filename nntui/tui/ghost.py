"""The ghost: what the Loss chart draws of the previous run (dimmed, under the current run's curves).

A ghost with two evaluations or more is drawn as its train and test loss per
evaluation, as the current run's are; one with fewer as its per-step training
loss, smoothed the way the chart's early curve is (`smoothed`). Pure lists,
no textual: the chart plots them.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import GhostCurve

SMOOTHING_STEPS = 20  # moving-mean window of a per-step curve

Series = tuple[str, list[int], list[float]]  # (series name, steps, values)


def smoothed(losses, last_step: int) -> tuple[list[int], list[float], int]:
    """(steps, moving means, window) of a per-step loss curve whose last value is at `last_step` (≥ 2 values)."""
    window = min(SMOOTHING_STEPS, len(losses))
    smooth = np.convolve(np.asarray(losses, np.float64), np.ones(window) / window, mode="valid")
    return list(range(last_step - len(smooth) + 1, last_step + 1)), smooth.tolist(), window


def ghost_series(ghost: GhostCurve | None) -> list[Series]:
    """The ghost's curves: ("ghost-train", …) and ("ghost-test", …) per evaluation, or its smoothed steps."""
    if ghost is None:
        return []
    if len(ghost.evals) >= 2:
        steps = [e.step for e in ghost.evals]
        return [("ghost-train", steps, [e.train_loss for e in ghost.evals]),
                ("ghost-test", steps, [e.test_loss for e in ghost.evals])]
    if len(ghost.losses) < 2:
        return []
    steps, values, _ = smoothed(ghost.losses, ghost.first_step + len(ghost.losses) - 1)
    return [("ghost-train", steps, values)]
