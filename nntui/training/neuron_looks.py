"""What one neuron looks for on image data: its top test images and its receptive field (a NeuronLooks).

The top images are the TOP test samples with the largest activation `a` of
the neuron (ties: the lower index first). Layer 1's field is the neuron's
weights W0[:, j]; a deeper neuron's is dz/dx, the gradient of its
pre-activation with respect to the input, averaged over its top images: a
first-order picture through the layers below, and said to be one.

The test set's activations cost one forward pass over it (measured in
benchmarks/looks.py). `NeuronLooker` keeps them for the weights they were
computed with, so another neuron of the same weights costs only a sort; it
computes again when the neuron changes, at each evaluation, and otherwise at
most every REFRESH_S seconds while training, never for every frame.
"""

from __future__ import annotations

import time
import zlib

import numpy as np

from nntui.run.frame import NeuronLooks, frozen
from nntui.training.evaluation import EVAL_CHUNK

TOP = 9
REFRESH_S = 5.0


def split_activations(trainer, X: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """Every layer's activation `a` over the rows of X (the output's as the loss reads it), in chunks gathered
    into the trainer's reused batch buffers."""
    net, parts = trainer.net, []
    for start in range(0, len(X), EVAL_CHUNK):
        Xb, _ = trainer.gather(np.arange(start, min(start + EVAL_CHUNK, len(X))), X, y)
        ws = net.forward(Xb)
        parts.append([a.copy() for a in ws.a[:-1]] + [net.loss.link(ws.z[-1])])
    return [np.concatenate(column) for column in zip(*parts)]


def top_samples(a: np.ndarray, count: int = TOP) -> np.ndarray:
    """The rows of the `count` largest values of `a`, largest first, the lower row first among equals."""
    return np.argsort(-np.asarray(a, np.float64), kind="stable")[:count]


def input_gradient(net, layer: int, j: int, X: np.ndarray) -> np.ndarray:
    """dz/dx of neuron j of layer W[layer] at each row of X: (len(X), d), by the chain rule through the layers below."""
    ws = net.forward(X)
    z = [z.copy() for z in ws.z[:layer]]
    a = [a.copy() for a in ws.a[:layer]]
    blame = np.zeros((len(X), net.sizes[layer + 1]), net.dtype)
    blame[:, j] = 1
    for k in range(layer, 0, -1):
        da = blame @ net.layers[k].W.T
        blame = net.layers[k - 1].activation.backward(z[k - 1], a[k - 1], da, np.empty_like(da))
    return blame @ net.layers[0].W.T


def field_of(net, layer: int, j: int, top_x: np.ndarray) -> tuple[np.ndarray, bool, str]:
    """(the field as a flat input vector, exact?, the caption that says what it is)."""
    if layer == 0:
        return net.layers[0].W[:, j].astype(np.float64), True, f"its weights W0[:, {j}]"
    field = input_gradient(net, layer, j, top_x).astype(np.float64).mean(axis=0)
    return field, False, f"dz/dx over its top {len(top_x)}: first-order approximation through layers 1–{layer + 1}"


def describe(trainer, layer: int, j: int, activations: list[np.ndarray] | None = None) -> NeuronLooks:
    """What neuron j of layer W[layer] looks for, with the trainer's weights now (`activations`: the test set's,
    when already computed with these weights)."""
    ds = trainer.dataset
    if activations is None:
        activations = split_activations(trainer, ds.X_test, ds.y_test)
    a = activations[layer][:, j]
    rows = top_samples(a)
    top_x = trainer.scaled(ds.X_test[rows])
    field, exact, caption = field_of(trainer.net, layer, j, top_x)
    return NeuronLooks(
        layer=layer, j=j, step=trainer.step, top_index=frozen(rows), top_a=frozen(a[rows]),
        top_images=frozen(top_x.reshape(len(rows), *ds.image_shape)), top_labels=frozen(ds.y_test[rows]),
        field=frozen(field.reshape(ds.image_shape)), exact=exact, caption=caption,
    )


class NeuronLooker:
    """Follows the neuron the UI describes and keeps its NeuronLooks up to date, at the pace the module says."""

    def __init__(self) -> None:
        self.target: tuple[int, int] | None = None
        self.view: NeuronLooks | None = None
        self._activations: list[np.ndarray] | None = None
        self._weights = None  # (run, crc of the parameters) the activations were computed with
        self._evals = -1
        self._at = 0.0

    def follow(self, target: tuple[int, int] | None) -> None:
        self.target = target
        if target is None:
            self.view = None

    def forget(self) -> None:
        """The run was replaced: nothing computed so far describes it."""
        self.view, self._activations, self._weights = None, None, None

    def refresh(self, trainer, training: bool) -> NeuronLooks | None:
        """The view for the current target, computed again if it is due."""
        ds = trainer.dataset
        if self.target is None or ds.image_shape is None or ds.task != "classification" or not ds.n_test:
            return None
        layer, j = self.target
        if layer >= len(trainer.net.layers) or j >= trainer.net.sizes[layer + 1]:
            return self.view
        now = time.perf_counter()
        fresh_run = self._weights is not None and self._weights[0] != trainer.runs  # r, a, a new shape
        due = not training or fresh_run or len(trainer.evals) != self._evals or now - self._at >= REFRESH_S
        stale = self._activations is None or [a.shape[1] for a in self._activations] != trainer.net.sizes[1:]
        if due or stale:
            weights = (trainer.runs, zlib.crc32(trainer.net.params))
            if weights != self._weights or stale:
                self._activations, self._weights = split_activations(trainer, ds.X_test, ds.y_test), weights
                self._evals, self._at = len(trainer.evals), now
        if self.view is None or (self.view.layer, self.view.j) != self.target or due:
            self.view = describe(trainer, layer, j, self._activations)
        return self.view
