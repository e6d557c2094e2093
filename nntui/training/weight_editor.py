"""The weight editor: nudge or set one weight or bias by hand, and undo, measuring the probe loss before and after.

Runs in the loop's thread, between steps (the loop owns the weights).
"""

from __future__ import annotations

from collections.abc import Callable

from nntui.nn import MLP
from nntui.run.frame import NudgeResult
from nntui.training.param_cell import Address, cell

UNDO_DEPTH = 100


class WeightEditor:
    """Changes to single parameters of `net()` (the trainer may build a new net), with an undo stack."""

    def __init__(self, net: Callable[[], MLP], probe_loss: Callable[[], float]):
        self.net, self.probe_loss = net, probe_loss
        self.undo_stack: list[tuple[Address, float]] = []

    def change(self, k: int, i: int, j: int, new_value: Callable[[float], float],
               bias: bool = False) -> NudgeResult | None:
        """Set W[k][i, j] (or b[k][j] with `bias`) to `new_value(old)`; None (nothing done) if there is none."""
        found = cell(self.net(), k, i, j, bias)
        if found is None:
            return None
        array, index = found
        before_loss = self.probe_loss()
        old = float(array[index])
        array[index] = new_value(old)
        self.undo_stack.append(((k, i, j, bias), old))
        del self.undo_stack[:-UNDO_DEPTH]
        return NudgeResult(k, i, j, old, float(array[index]), before_loss, self.probe_loss(), bias=bias)

    def undo(self) -> NudgeResult | None:
        """Restore the parameter the last change touched; None if there is nothing to undo."""
        if not self.undo_stack:
            return None
        (k, i, j, bias), old = self.undo_stack.pop()
        array, index = cell(self.net(), k, i, j, bias)
        before_loss = self.probe_loss()
        current = float(array[index])
        array[index] = old
        return NudgeResult(k, i, j, current, old, before_loss, self.probe_loss(), bias=bias)

    def forget(self) -> None:
        """The weights were re-initialized: old changes no longer apply."""
        self.undo_stack.clear()
