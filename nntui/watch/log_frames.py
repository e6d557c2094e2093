"""Frames from a run log: one snapshot of a user's model, with its meta, scalars and evals, as the panes' Frame.

The panes read nntui's meaning of each field, so the log's is translated
here: the output layer's `a` becomes class probabilities when the model
emits logits for a cross-entropy loss, and the snapshot's output over the
grid becomes the decision boundary (2 inputs) or the fitted curve (1 input);
784 inputs, or a declared image shape, show the probe's digit and its
class bars.
"""

from __future__ import annotations

import math

import numpy as np

from nntui.nn.activations import ACTIVATIONS
from nntui.run.frame import BoundaryView, CurveView, EvalPoint, Frame, ImageView, LayerView, OverTimeView, frozen
from nntui.watch.records import Layer, Meta, Snapshot
from nntui.watch.run import Run

HISTORY_SHOWN = 600  # as nntui's own frames
SAMPLE_EVERY_STEPS = 25  # the digit shown moves on this often
_LOSS_NAMES = {"cross_entropy": "softmax_cross_entropy", "binary_cross_entropy": "binary_cross_entropy",
               "binary_cross_entropy_with_logits": "binary_cross_entropy", "mse_loss": "mse", "mse": "mse"}


def loss_name(meta: Meta) -> str:
    """nntui's name of the log's loss (softmax_cross_entropy, binary_cross_entropy, mse), else the log's own."""
    return _LOSS_NAMES.get(meta.loss, meta.loss)


def classifies(meta: Meta) -> bool:
    """A classifier: integer targets on the probe, or class names given."""
    y = meta.probe_y
    return meta.class_names is not None or (y is not None and np.issubdtype(y.dtype, np.integer))


def image_shape(meta: Meta) -> tuple[int, int] | None:
    if meta.image_shape is not None and len(meta.image_shape) >= 2:
        return tuple(meta.image_shape[-2:])
    return (28, 28) if meta.layer_sizes[0] == 784 else None


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def probabilities(meta: Meta, out: np.ndarray) -> np.ndarray:
    """The model's output as probabilities: (…, n) class probabilities, or (…, 1) P(class 1)."""
    out = np.asarray(out, np.float64)
    if meta.activations[-1] == "sigmoid":
        return out
    if out.shape[-1] == 1:
        return 1 / (1 + np.exp(-out))
    if meta.loss == "cross_entropy" or not np.allclose(out.sum(axis=-1), 1, atol=1e-3):
        return _softmax(out)
    return out


def blank_snapshot(meta: Meta) -> Snapshot:
    """Zeros in every shape: what a log with no snapshot yet shows."""
    p = len(meta.probe_x)
    layers = tuple(Layer(W=np.zeros((i, o), np.float32), b=np.zeros(o, np.float32),
                         z=np.zeros((p, o), np.float32), a=np.zeros((p, o), np.float32),
                         blame=np.zeros((p, o), np.float32), dW=np.zeros((i, o), np.float32),
                         db=np.zeros(o, np.float32))
                   for i, o in zip(meta.layer_sizes, meta.layer_sizes[1:]))
    return Snapshot(step=0, loss=math.nan, layers=layers)


def layer_views(meta: Meta, snap: Snapshot) -> tuple[LayerView, ...]:
    views = []
    for k, (name, layer) in enumerate(zip(meta.activations, snap.layers)):
        a = layer.a
        if k == len(snap.layers) - 1 and classifies(meta):
            a = probabilities(meta, layer.a).astype(np.float32)  # a: the model's output (logits or probabilities)
        known = ACTIVATIONS.get(name)  # (a name the engine does not know has no traits)
        views.append(LayerView(activation=name, W=frozen(layer.W), b=frozen(layer.b), z=frozen(layer.z),
                               a=frozen(a), blame=frozen(layer.blame), dW=frozen(layer.dW), db=frozen(layer.db),
                               **(known.traits if known else {})))
    return tuple(views)


def _image(meta: Meta, snap: Snapshot, probs: np.ndarray, shape: tuple[int, int]) -> ImageView | None:
    if meta.probe_y is None or len(meta.probe_x) == 0:
        return None
    row = (snap.step // SAMPLE_EVERY_STEPS) % len(meta.probe_x)
    names = meta.class_names or tuple(str(c) for c in range(probs.shape[1]))
    pixels = np.asarray(meta.probe_x[row], np.float32).reshape(shape)
    span = float(pixels.max() - pixels.min())
    return ImageView(image=frozen((pixels - pixels.min()) / span if span else pixels * 0),
                     true_label=int(meta.probe_y[row]), predicted_label=int(probs[row].argmax()),
                     probs=frozen(probs[row]), class_names=tuple(names), confusion=None, probe_row=row)


def _boundary(meta: Meta, snap: Snapshot) -> BoundaryView:
    p = probabilities(meta, snap.out)
    if p.shape[-1] == 1:
        cls = (p[..., 0] > 0.5).astype(np.int64)
        conf = np.where(cls == 1, p[..., 0], 1 - p[..., 0])
    else:
        cls, conf = p.argmax(axis=-1), p.max(axis=-1)
    gx, gy = meta.grid
    labels = np.asarray(meta.probe_y).reshape(len(meta.probe_x), -1)[:, 0].astype(np.int64)
    return BoundaryView(x_range=(float(gx[0]), float(gx[-1])), y_range=(float(gy[0]), float(gy[-1])),
                        grid_class=frozen(cls), grid_conf=frozen(conf.astype(np.float32)),
                        train_xy=frozen(meta.probe_x[:, :2]), train_label=frozen(labels),
                        test_xy=frozen(np.zeros((0, 2), np.float32)), test_label=frozen(np.zeros(0, np.int64)))


def _curve(meta: Meta, snap: Snapshot) -> CurveView:
    y = np.asarray(meta.probe_y, np.float64).reshape(len(meta.probe_x), -1)[:, 0]
    empty = frozen(np.zeros(0))
    return CurveView(x=frozen(meta.grid[0]), y_pred=frozen(np.asarray(snap.out)[:, 0]),
                     train_x=frozen(meta.probe_x[:, 0]), train_y=frozen(y), test_x=empty, test_y=empty,
                     hinges=None, output_bias=float(snap.layers[-1].b[0]))


def data_view(meta: Meta, snap: Snapshot, layers: tuple[LayerView, ...]):
    """What the Data pane shows for this snapshot (None when the log holds nothing it can draw)."""
    shape = image_shape(meta)
    if shape is not None and classifies(meta) and meta.layer_sizes[-1] > 1:
        return _image(meta, snap, np.asarray(layers[-1].a), shape)
    if snap.out is None or meta.probe_y is None or len(meta.grid) != meta.layer_sizes[0]:
        return None
    if len(meta.grid) == 2 and classifies(meta):
        return _boundary(meta, snap)
    if len(meta.grid) == 1 and not classifies(meta):
        return _curve(meta, snap)
    return None


def evals_of(run: Run, upto: int) -> tuple[EvalPoint, ...]:
    """The log's evals up to step `upto` as EvalPoints (test_loss, test_acc or accuracy; NaN where not logged)."""
    points = []
    for e in run.evals:
        if e.step > upto:
            break
        v = e.values
        acc = v.get("test_acc", v.get("accuracy"))
        points.append(EvalPoint(step=e.step, epoch=0.0, train_loss=v.get("train_loss", math.nan),
                                test_loss=v.get("test_loss", math.nan), test_acc=acc))
    return tuple(points)


def scalar_upto(run: Run, name: str, upto: int, last: int = 1) -> np.ndarray:
    """The last `last` logged values of scalar `name` at steps ≤ `upto` (NaNs skipped)."""
    if name not in run.scalars.columns:
        return np.zeros(0)
    steps, col = run.scalars.steps, run.scalars[name]
    col = col[: np.searchsorted(steps, upto, side="right")]
    col = col[~np.isnan(col)]
    return col[-last:]


def frame_at(run: Run, snap: Snapshot, *, seq: int, state: str, upto: int, label: str, message: str = "",
             nudge=None, over_time: OverTimeView | None = None) -> Frame:
    """The frame of snapshot `snap`, with the scalars and evals logged up to step `upto`."""
    meta = run.meta
    layers = layer_views(meta, snap)
    history = scalar_upto(run, "loss", upto, HISTORY_SHOWN)
    lr = scalar_upto(run, "lr", upto)
    probe_y = meta.probe_y if meta.probe_y is not None else np.zeros(len(meta.probe_x), np.int64)
    return Frame(seq=seq, state=state, step=max(snap.step, upto), epoch=0, epoch_progress=0.0, samples_per_s=0.0,
                 lr=float(lr[-1]) if len(lr) else math.nan, dataset=label,
                 task="classification" if classifies(meta) else "regression",
                 layer_sizes=tuple(meta.layer_sizes), loss_name=loss_name(meta), optimizer="",
                 layers=layers, probe_x=frozen(np.asarray(meta.probe_x, np.float32).reshape(len(meta.probe_x), -1)),
                 probe_y=frozen(probe_y), probe_loss=float(snap.loss),
                 train_loss=float(np.mean(history[-50:])) if len(history) else None,
                 loss_history=tuple(float(v) for v in history), evals=evals_of(run, upto),
                 data_view=data_view(meta, snap, layers), image_shape=image_shape(meta), nudge=nudge, message=message,
                 over_time=over_time, input_names=meta.input_names or (), class_names=meta.class_names or ())
