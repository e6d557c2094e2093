"""Commands: what the UI asks of the trainer. Applied between steps, never mid-step.

The UI owns only view state (which weight is selected, the nudge size δ, log
scale); anything that touches the run goes down as one of these.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass


@dataclass(frozen=True)
class TogglePause:
    pass


@dataclass(frozen=True)
class SetPaused:
    paused: bool


@dataclass(frozen=True)
class Step:
    """Take `count` mini-batch steps, then stay paused."""

    count: int = 1


@dataclass(frozen=True)
class PhaseStep:
    """Advance one phase of a step: forward → loss → backward → update (pauses training)."""


@dataclass(frozen=True)
class Downhill:
    """Compute the downhill view (loss against one weight) for W[layer][i, j]; `layer` None stops it."""

    layer: int | None
    i: int = 0
    j: int = 0


@dataclass(frozen=True)
class StepEpoch:
    """Train to the end of the current epoch, then stay paused."""


@dataclass(frozen=True)
class Nudge:
    """Add `delta` to W[layer][i, j]."""

    layer: int
    i: int
    j: int
    delta: float


@dataclass(frozen=True)
class SetWeight:
    """Set W[layer][i, j] to `value` (the `0` key sends value=0.0)."""

    layer: int
    i: int
    j: int
    value: float


@dataclass(frozen=True)
class UndoNudge:
    """Restore the weight the last Nudge or SetWeight changed."""


@dataclass(frozen=True)
class ScaleLR:
    factor: float


@dataclass(frozen=True)
class CycleActivation:
    """Switch the hidden activation to the next one and re-initialize."""


@dataclass(frozen=True)
class Reset:
    """Re-initialize the weights (new seed), keep the config."""


@dataclass(frozen=True)
class Save:
    """Write a checkpoint; `path` None means the default location."""

    path: str | None = None


@dataclass(frozen=True)
class Call:
    """Run `fn(trainer)` in the trainer's thread; its result or exception goes into `future`."""

    fn: Callable
    future: Future


@dataclass(frozen=True)
class Stop:
    """End the training loop."""


Command = (
    TogglePause
    | SetPaused
    | Step
    | PhaseStep
    | Downhill
    | StepEpoch
    | Nudge
    | SetWeight
    | UndoNudge
    | ScaleLR
    | CycleActivation
    | Reset
    | Save
    | Call
    | Stop
)
