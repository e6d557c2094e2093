"""Small generated datasets for watching a network learn: weather, xor, circles, gaussians, spiral, moons, sine.

Each generator draws standard-normal jitter and multiplies it by `noise`, so
the same seed gives the same points at any noise level. Two-input sets keep
their features roughly in [-1, 1]; `noise` is the standard deviation of the
jitter in those feature units (weather: in tens of °C; sine: on y).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nntui.data.dataset import CLASSIFICATION, REGRESSION, Dataset, DatasetInfo, generated_source
from nntui.data.split import check_noise, split_indices

# (n, noise, rng) → X (n, d), y (n,) class indices or values, groups (n,) to stratify the split by
Generate = Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray, np.ndarray]]


def weather_table(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Temperature in °C (-5..35, as measured), raining (0/1) and whether to go outside (0/1).

    The rule is linear: go outside when warmer than 12 °C, or than 25 °C when it
    rains (temperature − 13·rain > 12). The measured temperature is off by
    N(0, 10·noise) °C, so a few days near the threshold look mislabelled.
    """
    temperature = rng.uniform(-5.0, 35.0, n)
    rain = (rng.random(n) < 0.35).astype(np.float64)
    go = (temperature - 13.0 * rain > 12.0).astype(np.int64)
    measured = temperature + 10.0 * noise * rng.standard_normal(n)
    return measured, rain, go


def _weather(n, noise, rng):
    temperature, rain, go = weather_table(n, noise, rng)
    return np.stack([temperature / 10.0, rain], axis=1), go, go


def _xor(n, noise, rng):
    corner = np.arange(n) % 4  # exactly as many points in each corner
    signs = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]])
    X = 0.5 * signs[corner] + noise * rng.standard_normal((n, 2))
    return X, (corner >= 2).astype(np.int64), corner


def _circles(n, noise, rng):
    outer = np.arange(n) % 2
    u, angle = rng.random(n), rng.uniform(0, 2 * np.pi, n)
    radius = np.where(outer == 1, 0.7 + 0.3 * u, 0.45 * np.sqrt(u))
    X = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1) + noise * rng.standard_normal((n, 2))
    return X, outer.astype(np.int64), outer


def _gaussians(n, noise, rng):
    blob = np.arange(n) % 2
    centre = np.where(blob[:, None] == 1, 0.45, -0.45)
    X = centre + noise * rng.standard_normal((n, 2))
    return X, blob.astype(np.int64), blob


def _spiral(n, noise, rng):
    arm = np.arange(n) % 2
    u = rng.random(n)  # position along the arm, centre to rim
    turn = 2 * np.pi * 1.75 * u + np.pi * arm
    radius = 0.1 + 0.9 * u
    X = radius[:, None] * np.stack([np.sin(turn), np.cos(turn)], axis=1) + noise * rng.standard_normal((n, 2))
    return X, arm.astype(np.int64), arm


def _moons(n, noise, rng):
    lower = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    upper_xy = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower_xy = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    X = np.where(lower[:, None] == 1, lower_xy, upper_xy)
    X = (X - [0.5, 0.25]) / 1.5 + noise * rng.standard_normal((n, 2))
    return X, lower.astype(np.int64), lower


def _sine(n, noise, rng):
    x = rng.uniform(-np.pi, np.pi, n)
    y = np.sin(x) + noise * rng.standard_normal(n)
    return x[:, None], y, np.zeros(n, np.int64)


@dataclass(frozen=True)
class ToySet:
    """One generated dataset: how to draw it, its defaults and how to describe it."""

    name: str
    description: str
    generate: Generate
    n: int
    noise: float
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...] = ()  # empty for regression
    output_name: str = ""  # what the output says: for two classes a question whose yes is class 1 ("go outside?")
    test_split: float = 0.2

    @property
    def task(self) -> str:
        return CLASSIFICATION if self.class_names else REGRESSION

    @property
    def source(self) -> str:
        return generated_source(self.description)

    def info(self, data_dir: str | None = None) -> DatasetInfo:
        return DatasetInfo.generated(
            name=self.name, task=self.task, n_inputs=len(self.feature_names), n_outputs=len(self.class_names) or 1,
            image_shape=None, n=self.n, test_split=self.test_split, description=self.description, noise=self.noise,
        )

    def load(self, *, seed: int = 0, noise: float | None = None, test_split: float | None = None,
             data_dir: str | None = None) -> Dataset:
        """Draw the points for `seed` and split them; the same arguments give the same arrays."""
        noise = self.noise if noise is None else check_noise(noise)
        rng = np.random.default_rng(seed)
        X, y, groups = self.generate(self.n, noise, rng)
        train, test = split_indices(groups, self.test_split if test_split is None else test_split, rng)
        X = X.astype(np.float32)
        y = y.astype(np.int64) if self.class_names else y.astype(np.float32)[:, None]
        return Dataset(
            name=self.name, task=self.task, X_train=X[train], y_train=y[train], X_test=X[test], y_test=y[test],
            n_classes=len(self.class_names), class_names=self.class_names, feature_names=self.feature_names,
            image_shape=None, source=self.source, target_name=self.output_name,
        )


XY = ("x1", "x2")
TOY_SETS = (
    ToySet("weather", "go outside? from temperature and rain; one neuron is enough", _weather, 400, 0.05,
           ("temperature (tens of °C)", "rain"), ("no", "yes"), "go outside?"),
    ToySet("xor", "four clusters at the corners, opposite corners alike; needs a hidden layer", _xor, 400, 0.15,
           XY, ("same sign", "opposite sign"), "opposite sign?"),
    ToySet("circles", "a disc inside a ring", _circles, 400, 0.05, XY, ("inside", "outside"), "outside?"),
    ToySet("gaussians", "two Gaussian blobs, almost linearly separable", _gaussians, 400, 0.2,
           XY, ("blob A", "blob B"), "blob B?"),
    ToySet("spiral", "two interleaved spiral arms, 1.75 turns each", _spiral, 600, 0.03, XY, ("arm A", "arm B"),
           "arm B?"),
    ToySet("moons", "two interleaving half circles", _moons, 400, 0.08, XY, ("upper moon", "lower moon"),
           "lower moon?"),
    ToySet("sine", "y = sin(x) + noise for x in [-π, π]; regression", _sine, 300, 0.1, ("x (radians)",),
           output_name="y"),
)
