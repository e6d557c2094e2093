"""What a LogSource does with a command: the snapshot a Seek lands on, and the control line a key sends the loop."""

from __future__ import annotations

import numpy as np

from nntui.run import commands as cmd
from nntui.watch.control import Controller

# the commands that reach a user's loop started with control=True
CONTROL = frozenset({cmd.TogglePause, cmd.Step, cmd.Nudge, cmd.SetWeight, cmd.UndoNudge, cmd.ScaleLR})


def seek_to(shown: int, n: int, seek: cmd.Seek) -> int:
    """The index of the snapshot (of n) a Seek from snapshot `shown` lands on, inside 0..n-1."""
    k = (shown + seek.offset) if seek.relative else seek.offset % n
    return max(0, min(n - 1, k))


BIAS_REFUSED = "a watched run's biases cannot be changed from here: the control file takes weights W[L][I,J] only"


def send_to_loop(controller: Controller, command, paused: bool, lr: np.ndarray) -> str:
    """Write `command` as a control line; `paused` is the state a pause toggle leaves, `lr` the logged rates.

    Returns why nothing was sent ("" when it was): the control file cannot name a bias."""
    if getattr(command, "bias", False):
        return BIAS_REFUSED
    if isinstance(command, cmd.TogglePause):
        controller.pause() if paused else controller.resume()
    elif isinstance(command, cmd.Step):
        controller.step(command.count)
    elif isinstance(command, cmd.Nudge):
        controller.nudge(command.layer, command.i, command.j, command.delta)
    elif isinstance(command, cmd.SetWeight):
        controller.set(command.layer, command.i, command.j, command.value)
    elif isinstance(command, cmd.UndoNudge):
        controller.undo()
    elif isinstance(command, cmd.ScaleLR) and len(lr):
        controller.set_lr(float(lr[-1]) * command.factor)
    return ""
