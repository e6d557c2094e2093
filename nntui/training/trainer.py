"""Trainer: a network, its optimizer and its data, stepped one mini-batch at a time.

No UI here. The headless command and the TUI's worker thread both drive a
Trainer; everything they show comes from its counters and histories.
A step whose loss or update is not finite (or explodes) is refused: the weights stay as
they were and `Diverged` is raised, naming the step.
"""

from __future__ import annotations

import math
import time
from array import array
from dataclasses import dataclass

import numpy as np

from nntui.config import RunConfig
from nntui.nn import MLP, loss_for_task, make_optimizer
from nntui.run.frame import EvalPoint, GhostCurve
from nntui.training.changes import RunChanges
from nntui.training.evaluation import Evaluation
from nntui.training.grad_history import GradHistory
from nntui.training.schedule import decay_after
from nntui.training.trainer_state import TrainerState

# A finite loss this many times the first step's (or above this floor) counts as divergence too:
# Adam with a huge learning rate grows weights without ever overflowing.
EXPLOSION_FACTOR = 1e4


class Diverged(Exception):
    """A step would have made the loss or the weights non-finite; it was refused."""

    def __init__(self, step: int, lr: float):
        self.step, self.lr = step, lr
        super().__init__(
            f"training diverged at step {step}: the loss exploded or the weights became non-finite "
            f"with learning rate {lr:g}; the last good weights were kept, try a lower --lr"
        )


@dataclass(frozen=True)
class ModelSpec:
    """The shape of the network a dataset and config call for."""

    sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str


def model_spec(config: RunConfig, dataset) -> ModelSpec:
    loss = loss_for_task(dataset.task, dataset.n_classes)
    if dataset.task == "regression":
        n_out = dataset.y_train.shape[1]
    else:
        n_out = 1 if loss == "binary_cross_entropy" else dataset.n_classes
    hidden = tuple(config.hidden)
    sizes = (dataset.n_inputs, *hidden, n_out)
    return ModelSpec(sizes, (config.activation,) * len(hidden) + ("linear",), loss)


class _BatchBuffers:
    """Reused arrays one mini-batch is gathered into (uint8 images are scaled per batch)."""

    def __init__(self, size: int, X: np.ndarray, y: np.ndarray, dtype):
        self.raw = np.empty((size, X.shape[1]), X.dtype) if X.dtype != dtype else None
        self.X = np.empty((size, X.shape[1]), dtype)
        self.y = np.empty((size, *y.shape[1:]), y.dtype)


class Trainer(TrainerState, Evaluation, RunChanges):
    """Owns the model and steps it. Only one thread may call its methods."""

    def __init__(self, config: RunConfig, dataset):
        self.config = config = config.resolve()
        self.dataset = dataset
        self.spec = model_spec(config, dataset)
        self.dtype = np.dtype(config.dtype)
        self.net = self._build_net(config.seed)
        self.opt = make_optimizer(config.optimizer, self.net.params.size, config.lr,
                                  momentum=config.momentum, dtype=self.dtype)
        self.batch_size = min(config.batch_size, dataset.n_train)
        self._buffers: dict[int, _BatchBuffers] = {}
        self.step = 0  # optimizer steps taken
        self.epoch = 0  # epochs completed
        self.losses = array("d")  # training loss of every step
        self.evals: list[EvalPoint] = []
        self.test_confusion: np.ndarray | None = None  # (k, k) counts, rows true, from the latest evaluate()
        self.train_seconds = 0.0  # time spent in steps only (for samples/s)
        self.samples_seen = 0
        self.loss_ceiling = math.inf  # set from the first step's loss
        self.init_seed = config.seed
        self.shuffle_rng = np.random.default_rng(config.seed)
        self.grow_rng = np.random.default_rng([config.seed, 1])  # a new neuron's weights (changes.py)
        self.ghost: GhostCurve | None = None  # the run a restart replaced (changes.py)
        self.runs = 0  # restarts so far (changes.py)
        self.grad_history = GradHistory()  # update ratios and mean |dL/dz| of the latest steps
        self._start_epoch()

    def _build_net(self, seed: int) -> MLP:
        """A new network of `spec`'s shape, initialized from `seed`."""
        return MLP(self.spec.sizes, self.spec.activations, self.spec.loss, dtype=self.dtype,
                   seed=seed, l1=self.config.l1, l2=self.config.l2, init=self.config.init)

    # -- data order -----------------------------------------------------------

    def _start_epoch(self) -> None:
        n = self.dataset.n_train
        if self.config.shuffle:
            self.order = self.shuffle_rng.permutation(n)
        elif self.config.sort_by_class and self.dataset.task == "classification":
            self.order = np.argsort(self.dataset.y_train, kind="stable")
        else:
            self.order = np.arange(n)
        self.position = 0  # next sample index within `order`

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.dataset.n_train / self.batch_size)

    @property
    def epoch_progress(self) -> float:
        return self.position / self.dataset.n_train

    def gather(self, rows: np.ndarray, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Copy `rows` of (X, y) into reused buffers, scaled to the network's dtype."""
        buf = self._buffers.get(len(rows))
        if buf is None:
            buf = self._buffers[len(rows)] = _BatchBuffers(len(rows), X, y, self.dtype)
        if buf.raw is None:
            X.take(rows, axis=0, out=buf.X, mode="clip")
        else:
            X.take(rows, axis=0, out=buf.raw, mode="clip")
            np.copyto(buf.X, buf.raw)
            buf.X *= self.dtype.type(self.dataset.x_scale)
        y.take(rows, axis=0, out=buf.y, mode="clip")
        return buf.X, buf.y

    def scaled(self, X: np.ndarray) -> np.ndarray:
        """X as the network sees it (float, images scaled to [0,1]); a new array."""
        return (X.astype(self.dtype) * self.dtype.type(self.dataset.x_scale)) if X.dtype != self.dtype else X.copy()

    # -- stepping -------------------------------------------------------------

    def train_step(self) -> float:
        """One mini-batch: forward, loss, backward, update. Returns the loss. Raises Diverged."""
        start = time.perf_counter()
        end = min(self.position + self.batch_size, self.dataset.n_train)
        Xb, yb = self.gather(self.order[self.position:end], self.dataset.X_train, self.dataset.y_train)
        loss = self.net.loss_and_grad(Xb, yb)
        self.grad_history.before_update(self.net)
        if not loss <= self.loss_ceiling or not self.opt.step(self.net.params, self.net.grads):
            raise Diverged(self.step + 1, self.opt.lr)  # (a NaN loss fails the comparison too)
        self.grad_history.after_update(self.step + 1, self.net, len(Xb))
        if self.loss_ceiling == math.inf:
            self.loss_ceiling = EXPLOSION_FACTOR * max(loss, 1.0)
        self.train_seconds += time.perf_counter() - start
        self.samples_seen += end - self.position
        self.step += 1
        self.position = end
        self.losses.append(loss)
        if self.position >= self.dataset.n_train:
            self.epoch += 1
            self.opt.lr *= decay_after(self.config, self.epoch)
            self.evaluate()
            self._start_epoch()
        return loss

    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of the batch the next train_step will use."""
        end = min(self.position + self.batch_size, self.dataset.n_train)
        Xb, yb = self.gather(self.order[self.position:end], self.dataset.X_train, self.dataset.y_train)
        return Xb.copy(), yb.copy()

    def train_steps(self, n: int) -> None:
        for _ in range(n):
            self.train_step()

    def finish_epoch(self) -> None:
        """Step until the current epoch ends."""
        epoch = self.epoch
        while self.epoch == epoch:
            self.train_step()

    @property
    def samples_per_s(self) -> float:
        return self.samples_seen / self.train_seconds if self.train_seconds > 0 else 0.0
