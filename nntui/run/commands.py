"""Commands: what the UI asks of a run source. A training source applies them between steps, never mid-step.

Each command says what a source that refuses it cannot do (`REFUSED`, the
end of "a recorded run cannot be nudged"). The UI owns only view state
(which weight is selected, the nudge size δ, log scale); anything that
touches the run goes down as one of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, get_args

from nntui.run.frame import GhostCurve


@dataclass(frozen=True)
class TogglePause:
    REFUSED: ClassVar[str] = "be paused or resumed"


@dataclass(frozen=True)
class SetPaused:
    REFUSED: ClassVar[str] = "be paused or resumed"
    paused: bool


@dataclass(frozen=True)
class Step:
    """Take `count` mini-batch steps, then stay paused."""

    REFUSED: ClassVar[str] = "be stepped"

    count: int = 1


@dataclass(frozen=True)
class PhaseStep:
    """Advance one phase of a step: forward → loss → backward → update (pauses training)."""

    REFUSED: ClassVar[str] = "take a step apart"


@dataclass(frozen=True)
class Downhill:
    """Compute the downhill view (loss against one weight) for W[layer][i, j], or b[layer][j] with `bias`;
    `layer` None stops it."""

    REFUSED: ClassVar[str] = "show the downhill view"

    layer: int | None
    i: int = 0
    j: int = 0
    bias: bool = False


@dataclass(frozen=True)
class StepEpoch:
    """Train to the end of the current epoch, then stay paused."""

    REFUSED: ClassVar[str] = "be stepped to the end of an epoch"


@dataclass(frozen=True)
class Nudge:
    """Add `delta` to W[layer][i, j], or with `bias` to b[layer][j] (i is then not used)."""

    REFUSED: ClassVar[str] = "be nudged"

    layer: int
    i: int
    j: int
    delta: float
    bias: bool = False


@dataclass(frozen=True)
class SetWeight:
    """Set W[layer][i, j], or with `bias` b[layer][j], to `value` (the `0` key sends value=0.0)."""

    REFUSED: ClassVar[str] = "have a weight set by hand"

    layer: int
    i: int
    j: int
    value: float
    bias: bool = False


@dataclass(frozen=True)
class UndoNudge:
    """Restore the weight or bias the last Nudge or SetWeight changed."""

    REFUSED: ClassVar[str] = "undo a nudge"


@dataclass(frozen=True)
class ScaleLR:
    REFUSED: ClassVar[str] = "change its learning rate"
    factor: float


@dataclass(frozen=True)
class CycleActivation:
    """Switch the hidden activation to the next one and re-initialize."""

    REFUSED: ClassVar[str] = "change its activation"


@dataclass(frozen=True)
class Reset:
    """Re-initialize the weights (new seed), keep the config."""

    REFUSED: ClassVar[str] = "be re-initialized"


@dataclass(frozen=True)
class AddNeuron:
    """Add a neuron to hidden layer `layer` (the outputs of W[layer]) with small random weights; training goes on."""

    REFUSED: ClassVar[str] = "change its architecture"

    layer: int


@dataclass(frozen=True)
class RemoveNeuron:
    """Remove neuron `index` of hidden layer `layer` with its edges; training goes on."""

    REFUSED: ClassVar[str] = "change its architecture"

    layer: int
    index: int


@dataclass(frozen=True)
class AddLayer:
    """Insert a hidden layer after the layer W[after] feeds (its size), then restart with fresh weights."""

    REFUSED: ClassVar[str] = "change its architecture"

    after: int


@dataclass(frozen=True)
class RemoveLayer:
    """Remove hidden layer `layer` (the outputs of W[layer]), then restart with fresh weights."""

    REFUSED: ClassVar[str] = "change its architecture"

    layer: int


@dataclass(frozen=True)
class SetHidden:
    """Use these hidden layer sizes (() for none), then restart with fresh weights."""

    REFUSED: ClassVar[str] = "change its architecture"

    sizes: tuple[int, ...]


@dataclass(frozen=True)
class SetGhost:
    """Show `ghost` (a previous run's curves) beside this run's, and keep it in the session; None clears it."""

    REFUSED: ClassVar[str] = "show a previous run's curves"

    ghost: GhostCurve | None = None


@dataclass(frozen=True)
class Save:
    """Write a checkpoint; `path` None means the default location."""

    REFUSED: ClassVar[str] = "save a checkpoint"

    path: str | None = None


@dataclass(frozen=True)
class Seek:
    """Show another snapshot of a recorded run: `offset` snapshots on from the one shown (relative), or the
    snapshot at index `offset` (not relative: 0 is the first, -1 the last)."""

    REFUSED: ClassVar[str] = "be replayed snapshot by snapshot"

    offset: int
    relative: bool = True


@dataclass(frozen=True)
class Describe:
    """Work out what neuron `j` of layer W[`layer`] looks for (image data: top test images, receptive field);
    `layer` None stops it."""

    REFUSED: ClassVar[str] = "show what a neuron looks for"

    layer: int | None
    j: int = 0


@dataclass(frozen=True)
class Trace:
    """Follow one sample through the network: row `index` of `split` ("train" or "test"); with `relative`, `index`
    samples on from the one traced (or from the sample shown now); `split` None stops tracing."""

    REFUSED: ClassVar[str] = "trace one sample"

    split: str | None
    index: int = 0
    relative: bool = False


@dataclass(frozen=True)
class TraceWorst:
    """Trace the test sample the network gets most wrong (the highest loss)."""

    REFUSED: ClassVar[str] = "trace one sample"


@dataclass(frozen=True)
class Stop:
    """End the training loop."""

    REFUSED: ClassVar[str] = "be stopped"


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
    | AddNeuron
    | RemoveNeuron
    | AddLayer
    | RemoveLayer
    | SetHidden
    | SetGhost
    | Save
    | Seek
    | Describe
    | Trace
    | TraceWorst
    | Stop
)
EVERY_COMMAND: frozenset[type] = frozenset(get_args(Command))  # every command a source may support
TRAINER_COMMANDS: frozenset[type] = EVERY_COMMAND - {Seek}  # what nntui's own trainer takes (all but replay's)
