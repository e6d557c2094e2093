"""The losses as the screen names them: which loss each number is, and in which units.

Three losses are on screen: the status line's mean training loss over the
last N steps, a nudge's probe-batch loss (before → after), and the Loss
pane's loss of this batch (the latest step's). On a standardized regression
target (a CSV) the network's MSE is in standard deviations squared; the
status line and the Loss pane give the root of it in the target's own units
(`RMSE 52,310 price`) instead.
"""

from __future__ import annotations

import math

from nntui.run.frame import Frame


def in_units(mse: float, frame: Frame) -> str:
    """An MSE of the standardized target as an RMSE in the target's units, and their name."""
    rmse = math.sqrt(max(0.0, mse)) * frame.target_scale
    number = f"{rmse:,.0f}" if rmse >= 1000 else f"{rmse:.4g}"
    return f"RMSE {number} {frame.target_name}"


def train_loss_text(frame: Frame) -> str:
    """The status line's loss: the mean training loss over the last N steps (before any step, the probe's)."""
    if frame.train_loss is None:
        loss = in_units(frame.probe_loss, frame) if frame.target_scale else f"loss {frame.probe_loss:.4g}"
        return f"probe-batch {loss}"
    n = frame.train_loss_steps  # the mean is over the last n steps (0: the source does not say)
    if frame.target_scale:
        loss = f"train {in_units(frame.train_loss, frame)}"
    else:
        loss = f"loss {frame.train_loss:.4g}" if n else f"train loss {frame.train_loss:.4g}"
    return loss + (f" ({n}-step mean)" if n else "")


def test_loss_text(frame: Frame) -> str:
    """The latest test measurement: accuracy, else the loss (as an RMSE in the target's units when scaled)."""
    if frame.test_acc is not None:
        return f"test acc {100 * frame.test_acc:.1f}%"
    return f"test {in_units(frame.test_loss, frame)}" if frame.target_scale else f"test loss {frame.test_loss:.4g}"


def batch_text(frame: Frame, loss: float) -> str:
    """The Loss pane's loss of this (the latest) batch."""
    return f"this batch {in_units(loss, frame)}" if frame.target_scale else f"this batch {loss:.4g}"
