"""Frame: an immutable snapshot of a run, made by its source for the UI.

A source's thread owns the network; every 1/fps seconds it copies what the
panes need into a Frame (arrays are copies with ``writeable=False``) and hands
it up. Panes read frames and nothing else, so the UI never touches live
weights and never waits on training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RUNNING, PAUSED, DIVERGED = "running", "paused", "diverged"


def frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy of `array` (what frames hold)."""
    out = np.array(array, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class LayerView:
    """Dense layer k (0-based): maps the previous layer's `a` to this layer's `z` and `a`.

    Probe arrays have one row per probe sample (P rows). For the output layer,
    `a` is what the loss reads: class probabilities (softmax), the probability
    of class 1 (one sigmoid unit), or the predicted value (regression).
    """

    activation: str
    W: np.ndarray  # (fan_in, fan_out)
    b: np.ndarray  # (fan_out,)
    z: np.ndarray  # (P, fan_out) pre-activations on the probe batch
    a: np.ndarray  # (P, fan_out) activations on the probe batch
    blame: np.ndarray  # (P, fan_out) dL/dz on the probe batch
    dW: np.ndarray  # (fan_in, fan_out) dL/dW on the probe batch
    db: np.ndarray  # (fan_out,)
    # The activation's traits (the UI never matches its name): a unit can die (z <= 0 on every input) or
    # saturate (flat for large |z|); its derivative f'(z) as text, in z and a ("1 − a²").
    can_die: bool = False
    saturates: bool = False
    derivative: str = "1"


@dataclass(frozen=True)
class EvalPoint:
    """Loss and accuracy measured at one moment (end of an epoch, or a periodic check)."""

    step: int
    epoch: float  # fractional epochs done
    train_loss: float
    test_loss: float
    test_acc: float | None  # None for regression


@dataclass(frozen=True)
class NudgeResult:
    """What a hand nudge of one weight W[layer][i, j] (or, with `bias`, b[layer][j]) did to the probe loss."""

    layer: int
    i: int
    j: int
    w_before: float
    w_after: float
    loss_before: float
    loss_after: float
    bias: bool = False


@dataclass(frozen=True, eq=False)
class BoundaryView:
    """2-D inputs: the model's output over a grid of the input plane, and the points."""

    x_range: tuple[float, float]  # feature 0 (columns of `grid`)
    y_range: tuple[float, float]  # feature 1 (rows of `grid`, row 0 = y_range[0])
    grid_class: np.ndarray  # (G, G) int: predicted class at each grid point
    grid_conf: np.ndarray  # (G, G) float in [0,1]: probability of that class
    train_xy: np.ndarray  # (N, 2) a subsample of the training points
    train_label: np.ndarray  # (N,) int
    test_xy: np.ndarray
    test_label: np.ndarray
    # Each hidden layer's activations `a` over the same grid, from the same forward pass: (G, G, n) per hidden
    # layer, [row, col, neuron] as `grid_class`. Empty when the source does not record them (or no hidden layer).
    neuron_maps: tuple[np.ndarray, ...] = ()


@dataclass(frozen=True, eq=False)
class CurveView:
    """1-D regression: target points, the fitted curve, and each hidden unit's share of it."""

    x: np.ndarray  # (G,) grid over the input range
    y_pred: np.ndarray  # (G,) network output on the grid
    train_x: np.ndarray  # (N,)
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    # With exactly one hidden layer: (H, G), unit h's activation times its outgoing
    # weight, so that hinges.sum(0) + output bias == y_pred. Otherwise None.
    hinges: np.ndarray | None
    output_bias: float
    # ReLU-like hidden units of that one layer bend where z = 0, at x = -b/w: those inside the range, ascending.
    bends: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class ImageView:
    """Image data: the current probe sample, what the net says, and the confusion matrix."""

    image: np.ndarray  # (H, W) float32 in [0,1]
    true_label: int
    predicted_label: int
    probs: np.ndarray  # (n_classes,)
    class_names: tuple[str, ...]
    confusion: np.ndarray | None  # (k, k) int, rows = true, cols = predicted, on the test set
    probe_row: int | None = None  # the row of the frame's probe batch the image is (None: not one of them)


@dataclass(frozen=True, eq=False)
class GhostCurve:
    """The previous run's curves, kept after a restart (r, a, v, a new shape) for comparison in the Loss pane.

    `label` says what changed ("before: 2 hidden units"); `losses` are its training loss per step, the
    first one at step `first_step`; `evals` its evaluations, as the current run's.
    """

    label: str
    evals: tuple[EvalPoint, ...]
    losses: np.ndarray  # (S,) float64
    first_step: int = 1


DataView = BoundaryView | CurveView | ImageView | None

PHASES = ("forward", "loss", "backward", "update")


@dataclass(frozen=True, eq=False)
class PhaseView:
    """One optimizer step taken apart, on the real mini-batch it trains on.

    `phase` says how far the step has got: forward (z and a known), loss
    (per-sample losses and their mean), backward (blame = dL/dz and dW, db),
    update (the change each weight received, already applied). Forward and
    backward go one layer per phase step: `done` layers are computed so far,
    counted from the input in forward and from the output in backward.
    """

    phase: str  # one of PHASES
    done: int  # layers computed so far in this phase's pass (all of them in loss and update)
    step: int  # the step being taken (trainer.step + 1 until the update lands)
    X: np.ndarray  # (B, d) the batch, as the network sees it
    y: np.ndarray
    W: tuple[np.ndarray, ...]  # the weights the forward pass used
    b: tuple[np.ndarray, ...]
    z: tuple[np.ndarray, ...]  # per layer (B, n)
    a: tuple[np.ndarray, ...]
    per_sample_loss: np.ndarray  # (B,)
    loss: float  # their mean (+ penalties)
    blame: tuple[np.ndarray, ...]  # per layer (B, n): dL/dz
    dW: tuple[np.ndarray, ...]
    db: tuple[np.ndarray, ...]
    delta_W: tuple[np.ndarray, ...] | None = None  # update phase: W_after - W_before
    delta_b: tuple[np.ndarray, ...] | None = None
    lr: float = 0.0
    slope: tuple[np.ndarray, ...] = ()  # per layer (B, n): the activation's f'(z) (da/dz) on the batch
    traced_row: int | None = None  # the batch row that is the traced sample (None: not tracing, or not in it)
    traced_note: str = ""  # what the step does with the traced sample ("this batch holds traced sample train #812")


@dataclass(frozen=True, eq=False)
class DownhillView:
    """The probe loss as one weight, W[layer][i, j], alone moves around its value `w`.

    `slope` is the engine's dL/dW[i, j] on the probe batch at `w` (the tangent
    drawn at the current point); `loss` is the probe loss there. `batch_slope` is
    dL/dW[i, j] on the mini-batch the next step trains on: the slope that step
    follows, which can point the other way (then the step goes uphill here).
    """

    layer: int
    i: int
    j: int
    w: float
    loss: float
    slope: float
    ws: np.ndarray  # (N,) weight values, ascending
    losses: np.ndarray  # (N,) probe loss at each
    batch_slope: float | None = None  # dL/dW[i, j] on the next step's mini-batch (None: the source cannot say)
    bias: bool = False  # the curve is of the bias b[layer][j] (slopes are dL/db[j]; i is not used)


@dataclass(frozen=True, eq=False)
class OverTimeView:
    """Gradients over time, per layer k (0-based, as `Frame.layers`): the Activations pane's `o` view.

    `update_ratio[k]` is |ΔW_k| / |W_k| (Frobenius norms of a step's weight change and of the weights before
    it) and `mean_blame[k]` the mean |dL/dz_k| on the step's batch, at `steps` (NaN: not known). `per` says
    what a column spans: "step" (nntui's trainer), "snapshot" (a run log: between two snapshots, and the
    blame on the probe batch). `hist_counts[k, c]` counts hidden layer k's probe activations at
    `hist_steps[c]` in the bins `hist_edges[k]` (fixed over time: run/histograms.py).
    """

    steps: np.ndarray  # (S,) int
    update_ratio: np.ndarray  # (L, S)
    mean_blame: np.ndarray  # (L, S)
    hist_steps: np.ndarray  # (C,) int
    hist_edges: tuple[np.ndarray, ...]  # per hidden layer, (bins + 1,)
    hist_counts: np.ndarray  # (hidden layers, C, bins) int
    per: str = "step"


@dataclass(frozen=True, eq=False)
class NeuronLooks:
    """What one neuron looks for on image data: its top test images and its receptive field.

    The neuron is output `j` of layer W[`layer`] (layer `layer` + 1 in the panes' numbering). `top_index` are the
    test samples with the largest activation `a` of that neuron, largest first (ties: the lower index first).
    `field` is the input picture it weighs: W0[:, j] itself for layer 1 (`exact`), else dz/dx averaged over its top
    images, a first-order approximation (`caption` says which).
    """

    layer: int
    j: int
    step: int  # the step whose weights these are
    top_index: np.ndarray  # (K,) int test indices
    top_a: np.ndarray  # (K,) their activations
    top_images: np.ndarray  # (K, H, W) float32 in [0, 1]
    top_labels: np.ndarray  # (K,) int true classes
    field: np.ndarray  # (H, W) float
    exact: bool
    caption: str  # "its weights W0[:, 3]" or "first-order approximation through layers 1–2"


@dataclass(frozen=True, eq=False)
class TracedSample:
    """One sample the learner follows: its values in every layer with the current weights.

    `z` and `a` are per layer (n,), as in LayerView (the output's `a` is what the loss reads).
    """

    split: str  # "train" | "test"
    index: int  # row in that split
    x: np.ndarray  # (d,) as the network sees it
    y: np.ndarray  # () class or (1,) target
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]
    loss: float
    note: str = ""  # how it was chosen ("worst test sample")

    @property
    def name(self) -> str:
        return f"{self.split} #{self.index}"


@dataclass(frozen=True, eq=False)
class Frame:
    """Everything the panes show, at one moment of one run."""

    seq: int  # frames published so far in this run
    state: str  # RUNNING | PAUSED | DIVERGED
    step: int  # optimizer steps taken
    epoch: int  # epochs completed
    epoch_progress: float  # 0..1 through the current epoch
    samples_per_s: float  # recent training throughput (0 when paused)
    lr: float
    dataset: str
    task: str  # classification | regression
    layer_sizes: tuple[int, ...]  # input size first, e.g. (784, 128, 64, 10)
    loss_name: str  # softmax_cross_entropy | binary_cross_entropy | mse
    optimizer: str
    layers: tuple[LayerView, ...]
    probe_x: np.ndarray  # (P, d) float32, scaled as the network sees it
    probe_y: np.ndarray  # (P,) int labels or (P, 1) float targets
    probe_loss: float  # loss on the probe batch with the current weights
    train_loss: float | None  # mean training loss over the last `train_loss_steps` steps
    loss_history: tuple[float, ...]  # training loss per step, the most recent ones
    evals: tuple[EvalPoint, ...]
    data_view: DataView  # what the Data pane draws
    image_shape: tuple[int, int] | None = None
    nudge: NudgeResult | None = None
    phase: PhaseView | None = None
    downhill: DownhillView | None = None
    ghost: GhostCurve | None = None  # the previous run's curves, dimmed in the Loss pane
    run: int = 0  # fresh runs this source started before this one (r, a, a new shape: each one more)
    message: str = ""  # the latest event for the user ("saved to …", "diverged at step …")
    target_scale: float | None = None  # a standardized regression target's units per network unit (None: own units)
    target_name: str = ""  # what the target is called (a CSV's column)
    train_loss_steps: int = 0  # how many steps `train_loss` is the mean of (0: the source does not say)
    event: int = 0  # counts the source's events: a new one, even in the same words, replaces the one shown
    over_time: OverTimeView | None = None  # gradients and activations over time (None: not recorded)
    looks: NeuronLooks | None = None  # image data: what the described neuron looks for (Describe)
    trace: TracedSample | None = None  # the sample being traced (Trace), None when not tracing
    # What the data calls things (empty: the source does not say; the UI then numbers them x0, x1, class 0…)
    input_names: tuple[str, ...] = ()  # one per input
    output_name: str = ""  # what the output answers ("go outside?"; a CSV's target column)
    class_names: tuple[str, ...] = ()  # one per class (classification)

    @property
    def test_acc(self) -> float | None:
        return self.evals[-1].test_acc if self.evals else None

    @property
    def test_loss(self) -> float | None:
        return self.evals[-1].test_loss if self.evals else None

    @property
    def architecture(self) -> str:
        return "-".join(str(n) for n in self.layer_sizes)
