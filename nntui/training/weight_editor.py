"""The weight editor: nudge or set one weight by hand, and undo, measuring the probe loss before and after.

Runs in the loop's thread, between steps (the loop owns the weights).
"""

from __future__ import annotations

from collections.abc import Callable

from nntui.nn import MLP
from nntui.run.frame import NudgeResult

UNDO_DEPTH = 100


class WeightEditor:
    """Changes to single weights of `net()` (the trainer may build a new net), with an undo stack."""

    def __init__(self, net: Callable[[], MLP], probe_loss: Callable[[], float]):
        self.net, self.probe_loss = net, probe_loss
        self.undo_stack: list[tuple[int, int, int, float]] = []

    def change(self, k: int, i: int, j: int, new_value: Callable[[float], float]) -> NudgeResult | None:
        """Set W[k][i, j] to `new_value(old)`; None (nothing done) if there is no such weight."""
        layers = self.net().layers
        if not (0 <= k < len(layers)):
            return None
        W = layers[k].W
        if not (0 <= i < W.shape[0] and 0 <= j < W.shape[1]):
            return None
        before_loss = self.probe_loss()
        old = float(W[i, j])
        W[i, j] = new_value(old)
        self.undo_stack.append((k, i, j, old))
        del self.undo_stack[:-UNDO_DEPTH]
        return NudgeResult(k, i, j, old, float(W[i, j]), before_loss, self.probe_loss())

    def undo(self) -> NudgeResult | None:
        """Restore the weight the last change touched; None if there is nothing to undo."""
        if not self.undo_stack:
            return None
        k, i, j, old = self.undo_stack.pop()
        W = self.net().layers[k].W
        before_loss = self.probe_loss()
        current = float(W[i, j])
        W[i, j] = old
        return NudgeResult(k, i, j, current, old, before_loss, self.probe_loss())

    def forget(self) -> None:
        """The weights were re-initialized: old changes no longer apply."""
        self.undo_stack.clear()
