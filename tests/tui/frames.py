"""Deterministic Frames for UI tests: a 2-D spiral, a 1-D sine fit and 28x28 digits.

Built from a seeded numpy rng with a real forward pass through random
weights, so every array in a frame is consistent (z = a_prev @ W + b, a =
relu(z), softmax outputs, the boundary grid is the network's own
prediction). Snapshot tests feed these at a fixed terminal size.
"""

from __future__ import annotations

import numpy as np

from nntui.nn.activations import ACTIVATIONS
from nntui.run.frame import (
    PAUSED,
    BoundaryView,
    CurveView,
    EvalPoint,
    Frame,
    ImageView,
    LayerView,
    NudgeResult,
    frozen,
)

KINDS = ("spiral", "sine", "mnist")
PROBE = 16


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class _Net:
    """A random ReLU MLP with a softmax, sigmoid or identity output."""

    def __init__(self, rng: np.random.Generator, sizes: tuple[int, ...], output: str):
        self.sizes, self.output = sizes, output
        self.W = [rng.normal(0, np.sqrt(2 / m), (m, n)).astype(np.float32) for m, n in zip(sizes, sizes[1:])]
        self.b = [rng.normal(0, 0.1, n).astype(np.float32) for n in sizes[1:]]

    def forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        zs, as_ = [], []
        a = X
        for k, (W, b) in enumerate(zip(self.W, self.b)):
            z = a @ W + b
            last = k == len(self.W) - 1
            if not last:
                a = np.maximum(z, 0)
            elif self.output == "softmax":
                a = _softmax(z)
            elif self.output == "sigmoid":
                a = 1 / (1 + np.exp(-z))
            else:
                a = z
            zs.append(z)
            as_.append(a)
        return zs, as_

    def layers(self, X: np.ndarray, rng: np.random.Generator) -> tuple[LayerView, ...]:
        zs, as_ = self.forward(X)
        out = []
        for k, (W, b, z, a) in enumerate(zip(self.W, self.b, zs, as_)):
            act = "linear" if k == len(self.W) - 1 else "relu"  # (its traits: relu units can die)
            blame = rng.normal(0, 0.05, z.shape).astype(np.float32)
            out.append(LayerView(
                activation=act, W=frozen(W), b=frozen(b), z=frozen(z), a=frozen(a), blame=frozen(blame),
                dW=frozen(rng.normal(0, 0.01, W.shape).astype(np.float32)),
                db=frozen(rng.normal(0, 0.01, b.shape).astype(np.float32)),
                **ACTIVATIONS[act].traits,
            ))
        return tuple(out)


def _history(rng: np.random.Generator, start: float, end: float, n: int = 240) -> tuple[float, ...]:
    t = np.linspace(0, 1, n)
    return tuple(float(v) for v in end + (start - end) * np.exp(-4 * t) * (1 + 0.15 * rng.normal(size=n)).clip(0.5))


def _evals(start: float, end: float, steps_per_epoch: int, epochs: int, acc: bool) -> tuple[EvalPoint, ...]:
    points = []
    for e in range(1, epochs + 1):
        f = np.exp(-1.2 * e)
        train = end + (start - end) * f
        points.append(EvalPoint(e * steps_per_epoch, float(e), train, train * 1.1,
                                (1 - 0.6 * f) if acc else None))
    return tuple(points)


def _spiral(rng: np.random.Generator, n: int, classes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    y = np.repeat(np.arange(classes), n // classes)
    r = np.tile(np.linspace(0.1, 1, n // classes), classes)
    t = y * 2 * np.pi / classes + r * 4 + rng.normal(0, 0.15, len(y))
    return np.stack([r * np.sin(t), r * np.cos(t)], 1).astype(np.float32), y


def _digit(rng: np.random.Generator, label: int) -> np.ndarray:
    """A crude 28x28 stroke image of a digit-like shape."""
    img = np.zeros((28, 28), np.float32)
    if label == 7:
        img[5:8, 6:22] = 1.0
        for r in range(8, 24):
            c = 21 - (r - 8) // 2
            img[r, c - 1 : c + 2] = 1.0
    else:
        yy, xx = np.mgrid[:28, :28]
        ring = np.abs(np.hypot(yy - 14, (xx - 14) * 1.4) - 8) < 1.6
        img[ring] = 1.0
    img += rng.uniform(0, 0.15, img.shape).astype(np.float32)
    return np.clip(img, 0, 1)


def make_frame(kind: str = "spiral", *, step: int = 7, state: str = PAUSED, seed: int = 0,
               nudge: NudgeResult | None = None, message: str = "", lr: float = 0.01) -> Frame:
    """A consistent Frame for `kind` ("spiral", "sine" or "mnist")."""
    rng = np.random.default_rng(seed)
    if kind == "spiral":
        net = _Net(rng, (2, 16, 16, 3), "softmax")
        X, y = _spiral(rng, 300)
        probe = rng.choice(len(X), PROBE, replace=False)
        probe_x, probe_y = X[probe], y[probe]
        g = 48
        gx, gy = np.meshgrid(np.linspace(-1.1, 1.1, g), np.linspace(-1.1, 1.1, g))
        p = net.forward(np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32))[1][-1]
        test_x, test_y = _spiral(rng, 90)
        data_view = BoundaryView(
            x_range=(-1.1, 1.1), y_range=(-1.1, 1.1),
            grid_class=frozen(p.argmax(1).reshape(g, g)), grid_conf=frozen(p.max(1).reshape(g, g)),
            train_xy=frozen(X), train_label=frozen(y), test_xy=frozen(test_x), test_label=frozen(test_y),
        )
        task, loss_name, image_shape = "classification", "softmax_cross_entropy", None
        history, evals = _history(rng, 1.1, 0.25), _evals(1.1, 0.25, 19, 6, acc=True)
    elif kind == "sine":
        net = _Net(rng, (1, 16, 1), "identity")
        train_x = rng.uniform(-3, 3, 200).astype(np.float32)
        train_y = (np.sin(train_x) + rng.normal(0, 0.1, 200)).astype(np.float32)
        test_x = rng.uniform(-3, 3, 60).astype(np.float32)
        test_y = (np.sin(test_x) + rng.normal(0, 0.1, 60)).astype(np.float32)
        probe_x, probe_y = train_x[:PROBE, None], train_y[:PROBE, None]
        x = np.linspace(-3, 3, 160).astype(np.float32)
        zs, as_ = net.forward(x[:, None])
        hinges = (as_[0] * net.W[1][:, 0]).T
        bends = -net.b[0] / net.W[0][0]
        data_view = CurveView(
            x=frozen(x), y_pred=frozen(zs[-1][:, 0]), train_x=frozen(train_x), train_y=frozen(train_y),
            test_x=frozen(test_x), test_y=frozen(test_y), hinges=frozen(hinges), output_bias=float(net.b[1][0]),
            bends=frozen(np.sort(bends[(bends >= -3) & (bends <= 3)])),
        )
        task, loss_name, image_shape = "regression", "mse", None
        history, evals = _history(rng, 0.6, 0.02), _evals(0.6, 0.02, 13, 6, acc=False)
    elif kind == "mnist":
        net = _Net(rng, (784, 128, 64, 10), "softmax")
        labels = np.array([7, 0] * (PROBE // 2))
        probe_x = np.stack([_digit(rng, int(d)).ravel() for d in labels])
        probe_y = labels
        probs = net.forward(probe_x)[1][-1][0]
        confusion = (np.diag(rng.integers(900, 1100, 10)) + rng.integers(0, 12, (10, 10))
                     * (rng.random((10, 10)) < 0.3)).astype(np.int64)
        data_view = ImageView(
            image=frozen(probe_x[0].reshape(28, 28)), true_label=7, predicted_label=int(probs.argmax()),
            probs=frozen(probs), class_names=tuple(str(d) for d in range(10)), confusion=frozen(confusion),
            probe_row=0,
        )
        task, loss_name, image_shape = "classification", "softmax_cross_entropy", (28, 28)
        history, evals = _history(rng, 2.3, 0.12), _evals(2.3, 0.12, 938, 2, acc=True)
    else:
        raise ValueError(f"unknown frame kind {kind!r}; expected one of {KINDS}")
    layers = net.layers(probe_x, rng)
    return Frame(
        seq=1, state=state, step=step, epoch=len(evals), epoch_progress=0.25, samples_per_s=0.0, lr=lr,
        dataset=kind, task=task, layer_sizes=net.sizes, loss_name=loss_name,
        optimizer="adam", layers=layers, probe_x=frozen(probe_x), probe_y=frozen(probe_y),
        probe_loss=history[-1], train_loss=float(np.mean(history[-50:])), loss_history=history,
        evals=evals, data_view=data_view, image_shape=image_shape, nudge=nudge, message=message,
    )
