"""Dataset, the immutable bundle every loader returns, and DatasetInfo, its one-line description."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

CLASSIFICATION = "classification"
REGRESSION = "regression"
TASKS = (CLASSIFICATION, REGRESSION)
MEANING_INPUTS, MEANING_CLASSES = 6, 10  # `meaning()` names this many inputs and classes at most


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train and test arrays plus what the trainer and the UI need to know about them.

    X is (n, d) float32, or uint8 pixels 0..255 for image sets (the trainer
    multiplies by `x_scale` per batch). y is int64 (n,) class indices for
    classification and float32 (n, 1) values for regression (a CSV's
    standardized: value = y · y_std + y_mean). The arrays are
    made read-only: loaders may hand the same cached arrays to several runs.
    """

    name: str
    task: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    class_names: tuple[str, ...]
    feature_names: tuple[str, ...]
    image_shape: tuple[int, int] | None
    source: str
    x_scale: float = 1.0
    x_mean: np.ndarray | None = None  # CSV data: the training mean subtracted from each feature
    x_std: np.ndarray | None = None  # CSV data: the training std each feature was divided by
    y_mean: np.ndarray | None = None  # CSV regression: the training mean subtracted from the target
    y_std: np.ndarray | None = None  # CSV regression: the training std the target was divided by
    target_name: str = ""  # what the target (the output) is called: a CSV's column name, "go outside?", "digit"

    def __post_init__(self) -> None:
        for array in (self.X_train, self.y_train, self.X_test, self.y_test, self.x_mean, self.x_std,
                      self.y_mean, self.y_std):
            if array is not None:
                array.setflags(write=False)

    @property
    def target_scale(self) -> float:
        """A regression target's units per unit the network predicts (its training std; 1 when not scaled)."""
        return float(self.y_std[0]) if self.y_std is not None else 1.0

    def target_rmse(self, mse: float) -> float:
        """An MSE in the network's (standardized) units as a root mean squared error in the target's own units."""
        return float(np.sqrt(mse)) * self.target_scale

    @property
    def n_inputs(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_train(self) -> int:
        return len(self.X_train)

    @property
    def n_test(self) -> int:
        return len(self.X_test)

    @property
    def is_image(self) -> bool:
        return self.image_shape is not None

    def x_bounds(self) -> list[tuple[float, float]]:
        """(lo, hi) of each input over train and test, in network units, padded by 10% each side."""
        return list(self._bounds)

    @cached_property
    def _bounds(self) -> tuple[tuple[float, float], ...]:
        lo = np.minimum(self.X_train.min(axis=0), self.X_test.min(axis=0)) * self.x_scale
        hi = np.maximum(self.X_train.max(axis=0), self.X_test.max(axis=0)) * self.x_scale
        pad = np.where(hi > lo, 0.1 * (hi - lo), 0.5)
        return tuple((float(a), float(b)) for a, b in zip(lo - pad, hi + pad))

    def meaning(self) -> str:
        """The data in words, one line: "temperature (tens of °C), rain → go outside? (no, yes)"."""
        if self.image_shape is not None:
            inputs = "{} pixels ({}×{})".format(self.n_inputs, *self.image_shape)
        elif len(self.feature_names) == self.n_inputs and self.n_inputs <= MEANING_INPUTS:
            inputs = ", ".join(self.feature_names)
        else:
            inputs = ", ".join(self.feature_names[:MEANING_INPUTS]) + f", … ({self.n_inputs} inputs)"
        output = self.target_name or ("class" if self.task == CLASSIFICATION else "value")
        if self.task != CLASSIFICATION:
            return f"{inputs} → {output}"
        shown = self.class_names[:MEANING_CLASSES]
        classes = ", ".join(shown) + (f", … ({self.n_classes} classes)" if len(self.class_names) > len(shown) else "")
        return f"{inputs} → {output} ({classes})"

    def info(self) -> DatasetInfo:
        """The description `dataset_info` gives for a registered name, here for loaded data (a CSV too)."""
        return DatasetInfo(
            name=self.name, task=self.task, n_inputs=self.n_inputs, n_outputs=self.n_classes or self.y_train.shape[1],
            image_shape=self.image_shape, n_train=self.n_train, n_test=self.n_test, source=self.source,
            available="loaded",
        )


@dataclass(frozen=True)
class DatasetInfo:
    """What `nntui datasets list` shows about one dataset, known without loading it."""

    name: str
    task: str
    n_inputs: int
    n_outputs: int  # classes for classification, values for regression
    image_shape: tuple[int, int] | None
    n_train: int
    n_test: int
    source: str
    available: str = "built in"  # or where the files are, or how to get them
    description: str = ""
    default_noise: float | None = None  # None: the dataset has no noise setting

    @classmethod
    def generated(cls, *, name: str, task: str, n_inputs: int, n_outputs: int, image_shape: tuple[int, int] | None,
                  n: int, test_split: float, description: str, noise: float) -> DatasetInfo:
        """The info of a set nntui draws itself: `n` samples, `test_split` of them held out."""
        from nntui.data.split import n_test_for

        n_test = n_test_for(test_split, n)
        return cls(name=name, task=task, n_inputs=n_inputs, n_outputs=n_outputs, image_shape=image_shape,
                   n_train=n - n_test, n_test=n_test, source=generated_source(description),
                   description=description, default_noise=noise)

    @property
    def shape(self) -> str:
        """Inputs → outputs, e.g. "2 → 2 classes", "784 (28×28) → 10 classes", "1 → 1 value"."""
        inputs = str(self.n_inputs)
        if self.image_shape:
            inputs += " ({}×{})".format(*self.image_shape)
        if self.task == CLASSIFICATION:
            outputs = f"{self.n_outputs} classes"
        else:
            outputs = f"{self.n_outputs} value" + ("s" if self.n_outputs != 1 else "")
        return f"{inputs} → {outputs}"

    @property
    def size(self) -> str:
        return f"{self.n_train} train / {self.n_test} test"


def pixel_names(shape: tuple[int, int]) -> tuple[str, ...]:
    """The inputs of an image, row by row: "pixel (0, 0)", "pixel (0, 1)", …"""
    rows, cols = shape
    return tuple(f"pixel ({r}, {c})" for r in range(rows) for c in range(cols))


def generated_source(description: str) -> str:
    """The `source` line of a dataset nntui generates."""
    return f"generated by nntui: {description}"
