"""Building Frames: copy what the panes need out of a live Trainer.

`FrameMaker` keeps the fixed probe batch and the slow-changing pieces (the
decision-boundary grid, the confusion matrix) so that a frame costs little
more than a forward and backward pass on the probe batch.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import (
    BoundaryView,
    CurveView,
    DownhillView,
    Frame,
    ImageView,
    LayerView,
    NudgeResult,
    PhaseView,
    frozen,
)
from nntui.training.trainer import Trainer

PROBE_SIZE = 32
GRID = 48  # decision-boundary grid points per side
CURVE_POINTS = 160
POINTS_SHOWN = 300
HISTORY_SHOWN = 600
TRAIN_LOSS_STEPS = 50  # the status line's loss is the mean training loss over this many latest steps
SAMPLE_EVERY_STEPS = 25  # the "current sample" of image data moves on this often


def _subsample(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    return np.sort(rng.choice(n, size=k, replace=False)) if n > k else np.arange(n)


class FrameMaker:
    """Makes Frames for one trainer; owns the probe batch and cached heavy views."""

    def __init__(self, trainer: Trainer, probe_size: int = PROBE_SIZE):
        self.trainer = trainer
        ds = trainer.dataset
        rng = np.random.default_rng(trainer.config.seed + 7919)
        self.probe_rows = _subsample(ds.n_train, probe_size, rng)
        self.probe_x = frozen(trainer.scaled(ds.X_train[self.probe_rows]))
        self.probe_y = frozen(ds.y_train[self.probe_rows])
        self.train_rows = _subsample(ds.n_train, POINTS_SHOWN, rng)
        self.test_rows = _subsample(ds.n_test, POINTS_SHOWN, rng)
        self.seq = 0
        self._view = None
        self._confusion: np.ndarray | None = None
        self._confusion_step = -1
        self._probe: tuple[tuple[LayerView, ...], float, np.ndarray] | None = None

    def forget(self) -> None:
        """Drop the cached views: the run they showed was replaced (a restart)."""
        self._view = self._confusion = self._probe = None
        self._confusion_step = -1

    # -- probe --------------------------------------------------------------

    def probe_loss(self) -> float:
        return self.trainer.net.loss_value(self.probe_x, self.probe_y)

    def current_sample(self) -> int:
        """Index into the probe batch of the sample the UI shows as "current"."""
        return (self.trainer.step // SAMPLE_EVERY_STEPS) % len(self.probe_rows)

    # -- views --------------------------------------------------------------

    def _boundary(self) -> BoundaryView:
        trainer, ds = self.trainer, self.trainer.dataset
        (x0, x1), (y0, y1) = ds.x_bounds()[:2]
        gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
        points = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(trainer.dtype)
        p = trainer.net.predict(points)
        if p.shape[1] == 1:  # one sigmoid unit: p is P(class 1)
            cls = (p[:, 0] > 0.5).astype(np.int64)
            conf = np.where(cls == 1, p[:, 0], 1 - p[:, 0])
        else:
            cls, conf = p.argmax(axis=1), p.max(axis=1)
        return BoundaryView(
            x_range=(float(x0), float(x1)),
            y_range=(float(y0), float(y1)),
            grid_class=frozen(cls.reshape(GRID, GRID)),
            grid_conf=frozen(conf.reshape(GRID, GRID).astype(np.float32)),
            train_xy=frozen(ds.X_train[self.train_rows, :2]),
            train_label=frozen(ds.y_train[self.train_rows]),
            test_xy=frozen(ds.X_test[self.test_rows, :2]),
            test_label=frozen(ds.y_test[self.test_rows]),
        )

    def _curve(self) -> CurveView:
        trainer, ds = self.trainer, self.trainer.dataset
        lo, hi = ds.x_bounds()[0]
        x = np.linspace(lo, hi, CURVE_POINTS).astype(trainer.dtype)
        ws = trainer.net.forward(x[:, None])
        y_pred = ws.z[-1][:, 0].copy()
        hinges = bends = None
        first, out = trainer.net.layers[0], trainer.net.layers[-1]
        if len(trainer.net.layers) == 2:
            hinges = frozen((ws.a[0] * out.W[:, 0]).T)
            if first.activation.relu_family:
                w, b = first.W[0].astype(np.float64), first.b.astype(np.float64)
                at = -b[w != 0] / w[w != 0]
                bends = frozen(np.sort(at[(at >= lo) & (at <= hi)]))
        return CurveView(
            x=frozen(x), y_pred=frozen(y_pred),
            train_x=frozen(ds.X_train[self.train_rows, 0]), train_y=frozen(ds.y_train[self.train_rows, 0]),
            test_x=frozen(ds.X_test[self.test_rows, 0]), test_y=frozen(ds.y_test[self.test_rows, 0]),
            hinges=hinges, output_bias=float(out.b[0]), bends=bends,
        )

    def confusion(self) -> np.ndarray:
        """Test-set confusion matrix (rows true, columns predicted) as of the latest evaluation.

        The trainer counts it during evaluate() from the same forward pass; before the first
        evaluation (or after a resume) it is counted here, once per evaluation step.
        """
        trainer = self.trainer
        last = trainer.evals[-1].step if trainer.evals else 0
        if self._confusion is None or self._confusion_step != last:
            counts = trainer.test_confusion
            if counts is None or not trainer.evals:
                k = trainer.dataset.n_classes
                counts = np.zeros((k, k), np.int64)
                trainer.evaluate_on(trainer.dataset.X_test, trainer.dataset.y_test, counts)
            self._confusion, self._confusion_step = frozen(counts), last
        return self._confusion

    def _image(self, probs: np.ndarray) -> ImageView:
        ds = self.trainer.dataset
        i = self.current_sample()
        p = probs[i]
        return ImageView(
            image=frozen(self.probe_x[i].reshape(ds.image_shape)),
            true_label=int(self.probe_y[i]),
            predicted_label=int(p.argmax()),
            probs=frozen(p),
            class_names=tuple(ds.class_names),
            confusion=self.confusion() if ds.n_classes > 1 else None,
            probe_row=i,
        )

    def view(self, refresh: bool, probs: np.ndarray):
        ds = self.trainer.dataset
        if ds.image_shape is not None and ds.task == "classification":
            return self._image(probs)
        if refresh or self._view is None:
            if ds.task == "classification" and ds.n_inputs == 2:
                self._view = self._boundary()
            elif ds.task == "regression" and ds.n_inputs == 1:
                self._view = self._curve()
        return self._view

    # -- the frame ----------------------------------------------------------

    def _record_probe(self) -> tuple[tuple[LayerView, ...], float, np.ndarray]:
        """(layers, probe loss, output activations) for the probe batch with the current weights."""
        net = self.trainer.net
        rec = net.record(self.probe_x, self.probe_y)
        names = [layer.activation.name for layer in net.layers[:-1]] + [net.loss.output_activation]  # a = link(z)
        layers = tuple(
            LayerView(
                activation=name, W=frozen(layer.W), b=frozen(layer.b),
                z=frozen(z), a=frozen(a), blame=frozen(blame), dW=frozen(dW), db=frozen(db),
                can_die=layer.activation.can_die, saturates=layer.activation.saturates,
            )
            for name, layer, z, a, blame, dW, db in zip(names, net.layers, rec.z, rec.a, rec.blame, rec.dW, rec.db)
        )
        return layers, rec.loss, layers[-1].a

    def make(self, *, state: str, message: str = "", nudge: NudgeResult | None = None, event: int = 0,
             refresh_view: bool = True, samples_per_s: float | None = None,
             phase: PhaseView | None = None, downhill: DownhillView | None = None) -> Frame:
        """A frame of the run now; with `refresh_view` False the data view and the probe batch's layers,
        loss and outputs are those of the last refresh (the loop refreshes them at the heavy-view pace
        while training: copying every weight and running the probe batch at every frame cost MNIST
        training several percent)."""
        trainer, ds = self.trainer, self.trainer.dataset
        if refresh_view or self._probe is None:
            self._probe = self._record_probe()
        layers, probe_loss, probs = self._probe
        self.seq += 1
        recent = trainer.losses[-HISTORY_SHOWN:]
        window = trainer.losses[-TRAIN_LOSS_STEPS:]
        return Frame(
            seq=self.seq,
            state=state,
            step=trainer.step,
            epoch=trainer.epoch,
            epoch_progress=trainer.epoch_progress,
            samples_per_s=trainer.samples_per_s if samples_per_s is None else samples_per_s,
            lr=trainer.opt.lr,
            dataset=trainer.config.data_label,
            task=ds.task,
            layer_sizes=tuple(trainer.net.sizes),
            loss_name=trainer.net.loss.name,
            optimizer=trainer.opt.name,
            layers=layers,
            probe_x=self.probe_x,
            probe_y=self.probe_y,
            probe_loss=probe_loss,
            train_loss=float(np.mean(window)) if len(window) else None,
            train_loss_steps=len(window),
            target_scale=ds.target_scale if ds.y_std is not None else None,
            target_name=ds.target_name or "target",
            loss_history=tuple(recent),
            evals=tuple(trainer.evals),
            view=self.view(refresh_view, probs),
            image_shape=ds.image_shape,
            nudge=nudge,
            phase=phase,
            downhill=downhill,
            ghost=trainer.ghost,
            run=trainer.runs,
            message=message,
            event=event,
        )
