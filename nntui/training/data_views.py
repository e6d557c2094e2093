"""The Data pane's view of a live Trainer: the decision boundary, the fitted curve, or one image sample.

Which one follows the data: 2-D classification gets the boundary over a grid
of the input plane, 1-D regression the curve (and each hidden unit's share
of it), image classification the current probe sample with its prediction
and the test-set confusion matrix. The boundary and the curve are kept
between refreshes; the confusion matrix is counted once per evaluation.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import BoundaryView, CurveView, DataView, ImageView, frozen
from nntui.training.trainer import Trainer

GRID = 48  # decision-boundary grid points per side
CURVE_POINTS = 160
POINTS_SHOWN = 300
SAMPLE_EVERY_STEPS = 25  # the "current sample" of image data moves on this often


def subsample(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """`k` of `n` row indices, ascending (all of them when n <= k)."""
    return np.sort(rng.choice(n, size=k, replace=False)) if n > k else np.arange(n)


class DataViews:
    """Makes the DataView of one trainer's frames (over the probe batch the frames carry)."""

    def __init__(self, trainer: Trainer, probe_x: np.ndarray, probe_y: np.ndarray, rng: np.random.Generator):
        self.trainer = trainer
        self.probe_x, self.probe_y = probe_x, probe_y
        ds = trainer.dataset
        self.train_rows = subsample(ds.n_train, POINTS_SHOWN, rng)
        self.test_rows = subsample(ds.n_test, POINTS_SHOWN, rng)
        self._kept: DataView = None  # the boundary or curve of the last refresh
        self._confusion: np.ndarray | None = None
        self._confusion_step = -1

    def current(self, refresh: bool, probs: np.ndarray) -> DataView:
        """The view for the data (None when the Data pane has no picture of it); with `refresh` False a kept
        boundary or curve is the last refresh's. `probs` are the output activations on the probe batch."""
        ds = self.trainer.dataset
        if ds.image_shape is not None and ds.task == "classification":
            return self._image(probs)
        if refresh or self._kept is None:
            if ds.task == "classification" and ds.n_inputs == 2:
                self._kept = self._boundary()
            elif ds.task == "regression" and ds.n_inputs == 1:
                self._kept = self._curve()
        return self._kept

    def forget(self) -> None:
        """Drop the kept views: the run they showed was replaced (a restart)."""
        self._kept = self._confusion = None
        self._confusion_step = -1

    def current_sample(self) -> int:
        """Index into the probe batch of the sample the UI shows as "current"."""
        return (self.trainer.step // SAMPLE_EVERY_STEPS) % len(self.probe_x)

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

    def _boundary(self) -> BoundaryView:
        trainer, ds = self.trainer, self.trainer.dataset
        (x0, x1), (y0, y1) = ds.x_bounds()[:2]
        gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
        points = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(trainer.dtype)
        ws = trainer.net.forward(points)  # one pass: the output and every hidden layer's map
        p = trainer.net.loss.link(ws.z[-1])
        maps = tuple(frozen(a.reshape(GRID, GRID, -1)) for a in ws.a[:-1])
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
            neuron_maps=maps,
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
