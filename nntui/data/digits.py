"""Offline handwritten-style digits: strokes per digit, randomly distorted, drawn into 28×28 uint8 like MNIST.

Each digit 0–9 has one to three stroke templates (a 1 with or without a flag,
a 4 open or closed, ...). Every image takes a template, bends it with a smooth
random warp, slants, rotates and stretches it, picks a pen width, then scales
it so its ink fits about 20 pixels and puts its centre of mass in the middle,
as MNIST was prepared. The pen is a dense row of Gaussian dots, so an
image is one small matrix product per image: (28×P)·(P×28) for P dots.
`noise` scales every random distortion (0: clean templates, 1: default).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nntui.data.dataset import CLASSIFICATION, Dataset, DatasetInfo, generated_source, pixel_names
from nntui.data.split import check_noise, split_indices

SIDE = 28
PIXELS = np.arange(SIDE, dtype=np.float32)
DOT_SPACING = 0.02  # template units between pen dots; a template is about 1 unit tall
BATCH = 1024  # images drawn at once

Stroke = np.ndarray  # (m, 2) polyline of (x, y), y pointing down


def line(*points: tuple[float, float]) -> Stroke:
    """A polyline through the given points."""
    return np.array(points, dtype=np.float64)


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float) -> Stroke:
    """An elliptical arc from angle `start` to `end` in degrees (0 right, 90 down)."""
    t = np.radians(np.linspace(start, end, max(8, int(abs(end - start) / 6))))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def joined(*parts: Stroke) -> Stroke:
    """One pen stroke through several pieces in order."""
    return np.concatenate(parts)


# Templates in a box about 0.6 wide and 1 tall, centred on (0, 0).
TEMPLATES: dict[int, tuple[tuple[Stroke, ...], ...]] = {
    0: ((arc(0, 0, 0.28, 0.5, -80, 285),),),
    1: ((line((0.02, -0.5), (-0.02, 0.5)),),
        (line((-0.16, -0.3), (0.04, -0.5), (0.0, 0.5)),),
        (line((-0.16, -0.3), (0.04, -0.5), (0.0, 0.5)), line((-0.16, 0.5), (0.16, 0.5)))),
    2: ((joined(arc(0, -0.22, 0.27, 0.28, 195, 395), line((0.2, -0.03), (-0.28, 0.5), (0.3, 0.5))),),
        (joined(arc(0, -0.22, 0.27, 0.28, 195, 360), arc(-0.33, -0.2, 0.6, 0.68, 0, 90),
                arc(-0.22, 0.43, 0.09, 0.07, 180, 420), line((-0.17, 0.5), (0.3, 0.46))),)),
    3: ((joined(arc(0, -0.25, 0.25, 0.25, 200, 450), arc(0, 0.24, 0.29, 0.26, 270, 520)),),
        (joined(line((-0.25, -0.5), (0.25, -0.5), (-0.05, -0.06)), arc(0, 0.24, 0.29, 0.3, 250, 520)),)),
    4: ((line((0.12, -0.5), (-0.3, 0.18), (0.3, 0.18)), line((0.12, -0.5), (0.12, 0.5))),
        (line((-0.2, -0.5), (-0.26, 0.12), (0.3, 0.12)), line((0.16, -0.42), (0.16, 0.5)))),
    5: ((joined(line((0.25, -0.5), (-0.2, -0.5), (-0.22, -0.05)), arc(0.0, 0.2, 0.27, 0.3, 235, 520)),),
        (joined(line((-0.2, -0.5), (-0.22, -0.05)), arc(0.0, 0.2, 0.27, 0.3, 235, 520)),
         line((-0.2, -0.5), (0.25, -0.5)))),
    6: ((joined(arc(0.3, 0.15, 0.55, 0.65, 250, 180), arc(0, 0.22, 0.25, 0.26, 180, 540)),),),
    7: ((line((-0.28, -0.5), (0.28, -0.5), (-0.05, 0.5)),),
        (line((-0.28, -0.5), (0.28, -0.5), (-0.05, 0.5)), line((-0.02, 0.0), (0.26, 0.0)))),
    8: ((arc(0, -0.25, 0.22, 0.25, 0, 360), arc(0, 0.24, 0.27, 0.26, 0, 360)),
        (joined(arc(0, -0.25, 0.22, 0.25, 120, 360), arc(0, 0.24, 0.27, 0.26, 270, -90)),
         arc(0, -0.25, 0.22, 0.25, 0, 120))),
    9: ((arc(0, -0.22, 0.25, 0.27, 0, 360), line((0.25, -0.22), (0.2, 0.5))),
        (arc(0, -0.22, 0.25, 0.27, 0, 360), arc(-0.25, -0.2, 0.5, 0.7, 0, 70))),
}


@dataclass(frozen=True)
class PenPath:
    """A template resampled into evenly spaced pen dots: xy (P, 2); `joins` is False where a new stroke starts."""

    xy: np.ndarray
    joins: np.ndarray


def pen_path(strokes: tuple[Stroke, ...]) -> PenPath:
    """Dots every DOT_SPACING along each stroke."""
    xy, joins = [], []
    for stroke in strokes:
        seg = np.hypot(*np.diff(stroke, axis=0).T)
        s = np.concatenate([[0.0], np.cumsum(seg)])
        at = np.linspace(0, s[-1], max(2, int(s[-1] / DOT_SPACING) + 1))
        xy.append(np.stack([np.interp(at, s, stroke[:, 0]), np.interp(at, s, stroke[:, 1])], axis=1))
        joins.append(np.arange(len(at)) > 0)
    return PenPath(np.concatenate(xy), np.concatenate(joins))


PATHS = [(digit, pen_path(t)) for digit, variants in TEMPLATES.items() for t in variants]


def _warp(xy: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """Bend (B, P, 2) points with a smooth random field, then slant, stretch and rotate each image."""
    b = len(xy)
    freq = rng.normal(0, 2.5, (b, 3, 2))
    phase = rng.uniform(0, 2 * np.pi, (b, 3, 1))
    amp = noise * 0.05 * rng.standard_normal((b, 3, 2))
    wave = np.sin(np.einsum("bpd,bkd->bkp", xy, freq) + phase)  # (b, 3, P)
    xy = xy + np.einsum("bkp,bkd->bpd", wave, amp)
    slant = noise * rng.normal(0.1, 0.2, b)
    stretch = np.exp(noise * rng.normal(0, 0.15, b))
    angle = noise * np.radians(rng.normal(0, 9, b))
    shear = np.zeros((b, 2, 2))  # x' = stretch·(x − slant·y), y' = y
    shear[:, 0, 0], shear[:, 0, 1], shear[:, 1, 1] = stretch, -stretch * slant, 1.0
    cos, sin = np.cos(angle), np.sin(angle)
    rotate = np.stack([np.stack([cos, -sin], axis=1), np.stack([sin, cos], axis=1)], axis=1)
    return xy @ (rotate @ shear).transpose(0, 2, 1)


def _place(xy: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """Scale each image's pen path to span 15–18 px (about 20 with the ink) and centre it, give or take a pixel."""
    extent = (xy.max(axis=1) - xy.min(axis=1)).max(axis=1)
    size = 18.0 - noise * rng.uniform(0, 3, len(xy))
    xy = xy * (size / extent)[:, None, None]
    centre = xy.mean(axis=1)  # the dots are evenly spaced, so this is the ink's centre of mass
    shift = noise * rng.normal(0, 0.4, (len(xy), 2))
    return xy - centre[:, None, :] + (SIDE - 1) / 2 + shift[:, None, :]


def _ink(xy: np.ndarray, joins: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """Draw (B, P, 2) pixel-space dots as Gaussian pen dots; returns uint8 images (B, 28, 28)."""
    b = len(xy)
    width = np.exp(rng.normal(np.log(0.9), 0.2 * noise, b)).astype(np.float32)  # pen σ in pixels
    step = np.hypot(*np.diff(xy, axis=1).transpose(2, 0, 1)) * joins[1:]  # (b, P-1) pixels between dots
    arc = np.zeros(xy.shape[:2])  # the length of pen path each dot stands for
    arc[:, 1:] += step / 2
    arc[:, :-1] += step / 2
    pressure = 1.0 - noise * 0.15 * rng.random((b, 1))
    weight = (arc * pressure / (np.sqrt(2 * np.pi) * width[:, None])).astype(np.float32)
    inv = (-0.5 / width**2)[:, None, None]
    xy = xy.astype(np.float32)
    gx = np.exp(inv * (xy[:, :, 0, None] - PIXELS) ** 2)  # (b, P, 28)
    gy = np.exp(inv * (xy[:, :, 1, None] - PIXELS) ** 2) * weight[:, :, None]
    density = np.matmul(gy.transpose(0, 2, 1), gx)  # (b, 28 rows, 28 cols)
    ink = np.clip(2.0 * density - 0.1, 0, 1)
    ink *= 1 - noise * 0.08 * rng.random(ink.shape, dtype=np.float32)
    return np.rint(ink * 255).astype(np.uint8)


def draw(path: PenPath, count: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    """`count` distorted images of one template, uint8 (count, 784)."""
    xy = _warp(np.broadcast_to(path.xy, (count, *path.xy.shape)), noise, rng)
    xy = _place(xy, noise, rng)
    return _ink(xy, path.joins, noise, rng).reshape(count, SIDE * SIDE)


@lru_cache(maxsize=4)
def generate(n: int, seed: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """n images uint8 (n, 784) and labels int64 (n,), as many of each digit, in shuffled order."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n, dtype=np.int64) % 10)
    variant = rng.random(n)
    X = np.empty((n, SIDE * SIDE), np.uint8)
    for digit in range(10):
        paths = [p for d, p in PATHS if d == digit]
        rows = np.flatnonzero(labels == digit)
        which = np.minimum((variant[rows] * len(paths)).astype(int), len(paths) - 1)
        for k, path in enumerate(paths):
            chosen = rows[which == k]
            for start in range(0, len(chosen), BATCH):
                part = chosen[start:start + BATCH]
                X[part] = draw(path, len(part), noise, rng)
    X.setflags(write=False)
    labels.setflags(write=False)
    return X, labels


@dataclass(frozen=True)
class DigitsSet:
    """The registry's view of the generated digits."""

    name: str = "digits"
    n: int = 12_000
    noise: float = 1.0
    test_split: float = 1 / 6
    description: str = "handwritten-style digits drawn offline from strokes, 28×28 like MNIST"

    @property
    def source(self) -> str:
        return generated_source(self.description)

    def info(self, data_dir: str | None = None) -> DatasetInfo:
        return DatasetInfo.generated(
            name=self.name, task=CLASSIFICATION, n_inputs=SIDE * SIDE, n_outputs=10, image_shape=(SIDE, SIDE),
            n=self.n, test_split=self.test_split, description=self.description, noise=self.noise,
        )

    def load(self, *, seed: int = 0, noise: float | None = None, test_split: float | None = None,
             data_dir: str | None = None) -> Dataset:
        noise = self.noise if noise is None else check_noise(noise)
        X, y = generate(self.n, seed, noise)
        train, test = split_indices(y, self.test_split if test_split is None else test_split,
                                    np.random.default_rng([seed, 1]))
        return Dataset(
            name=self.name, task=CLASSIFICATION, X_train=X[train], y_train=y[train], X_test=X[test], y_test=y[test],
            n_classes=10, class_names=tuple(str(d) for d in range(10)),
            feature_names=pixel_names((SIDE, SIDE)), image_shape=(SIDE, SIDE), source=self.source, x_scale=1 / 255,
            target_name="digit",
        )
