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
from nntui.run.frame import EvalPoint
from nntui.training.schedule import decay_after
from nntui.training.trainer_state import TrainerState

EVAL_CHUNK = 2048
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


class Trainer(TrainerState):
    """Owns the model and steps it. Only one thread may call its methods."""

    def __init__(self, config: RunConfig, dataset):
        self.config = config = config.resolve()
        self.dataset = dataset
        self.spec = model_spec(config, dataset)
        self.dtype = np.dtype(config.dtype)
        self.net = MLP(self.spec.sizes, self.spec.activations, self.spec.loss, dtype=self.dtype,
                       seed=config.seed, l1=config.l1, l2=config.l2, init=config.init)
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
        self._start_epoch()

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
        if not loss <= self.loss_ceiling or not self.opt.step(self.net.params, self.net.grads):
            raise Diverged(self.step + 1, self.opt.lr)  # (a NaN loss fails the comparison too)
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

    # -- measuring ------------------------------------------------------------

    def evaluate_on(self, X: np.ndarray, y: np.ndarray,
                    confusion: np.ndarray | None = None) -> tuple[float, float | None]:
        """Mean loss (no penalty) and accuracy (None for regression) over a whole split.

        With a (k, k) `confusion` array (softmax outputs only), also counts (true, predicted) pairs into it.
        """
        if len(X) == 0:
            return float("nan"), None
        total, correct = 0.0, 0.0
        for start in range(0, len(X), EVAL_CHUNK):
            rows = np.arange(start, min(start + EVAL_CHUNK, len(X)))
            Xb, yb = self.gather(rows, X, y)
            z = self.net.forward(Xb).z[-1]
            total += float(self.net.loss.per_sample(z, yb).sum())
            acc = self.net.loss.accuracy(z, yb)
            if acc is not None:
                correct += acc * len(rows)
            if confusion is not None:
                np.add.at(confusion, (yb, z.argmax(axis=1)), 1)
        accuracy = correct / len(X) if self.dataset.task == "classification" else None
        return total / len(X), accuracy

    def evaluate(self) -> EvalPoint:
        """Measure the test set now; the train loss is the mean over the steps since the last check."""
        k = self.dataset.n_classes
        confusion = np.zeros((k, k), np.int64) if self.net.sizes[-1] > 1 and k > 1 else None
        test_loss, test_acc = self.evaluate_on(self.dataset.X_test, self.dataset.y_test, confusion)
        self.test_confusion = confusion
        since = self.evals[-1].step if self.evals else 0
        recent = self.losses[since:] if self.step > since else self.losses[-1:]
        train_loss = float(np.mean(recent)) if len(recent) else float("nan")
        point = EvalPoint(self.step, self.epoch + self.epoch_progress, train_loss, test_loss, test_acc)
        if self.evals and self.evals[-1].step == self.step:
            self.evals[-1] = point
        else:
            self.evals.append(point)
        return point

    @property
    def samples_per_s(self) -> float:
        return self.samples_seen / self.train_seconds if self.train_seconds > 0 else 0.0

    # -- changing the run -----------------------------------------------------

    def reinitialize(self, seed: int | None = None) -> None:
        """New weights (same shapes) and fresh optimizer state: a new run from step 0 (restart)."""
        self.init_seed = self.init_seed + 1 if seed is None else seed
        self.net.initialize(self.init_seed)
        self.restart()

    def set_activation(self, name: str) -> None:
        """Use `name` in every hidden layer: a new network (re-initialized) and fresh optimizer state."""
        from dataclasses import replace

        hidden = len(self.spec.sizes) - 2
        self.spec = replace(self.spec, activations=(name,) * hidden + ("linear",))
        self.config = replace(self.config, activation=name)
        self.init_seed += 1
        self.net = MLP(self.spec.sizes, self.spec.activations, self.spec.loss, dtype=self.dtype,
                       seed=self.init_seed, l1=self.config.l1, l2=self.config.l2, init=self.config.init)
        self.restart()

    def restart(self) -> None:
        """Forget everything that described the old weights: optimizer state, step and epoch counts, the loss
        history, the test measurements; the epoch starts over. (The speed counters describe the machine: kept.)"""
        self.opt.reset()
        self.loss_ceiling = math.inf
        self.step = self.epoch = 0
        self.losses = array("d")
        self.evals.clear()
        self.test_confusion = None
        self._start_epoch()
