"""Tracing one sample: which one the learner follows (Trace, TraceWorst), its values in every layer, and the
phase step's batch that holds it.

A traced training sample is put into the next batch a phase step trains on
(moved forward in the epoch's order). A traced test sample is never trained
on, so the test loss and accuracy stay a measure of unseen data: the phase
step then takes the next training batch apart and says why.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nntui.run import commands as cmd
from nntui.run.frame import ImageView, TracedSample, frozen
from nntui.training.evaluation import EVAL_CHUNK

SPLITS = ("train", "test")


def split_arrays(dataset, split: str) -> tuple[np.ndarray, np.ndarray]:
    return (dataset.X_train, dataset.y_train) if split == "train" else (dataset.X_test, dataset.y_test)


def per_sample_losses(trainer, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The loss of every row of (X, y) with the trainer's weights (no penalty), in chunks."""
    net, parts = trainer.net, [np.zeros(0)]
    for start in range(0, len(X), EVAL_CHUNK):
        Xb, yb = trainer.gather(np.arange(start, min(start + EVAL_CHUNK, len(X))), X, y)
        parts.append(net.loss.per_sample(net.forward(Xb).z[-1], yb))
    return np.concatenate(parts)


def trace_of(trainer, split: str, index: int, note: str = "") -> TracedSample:
    """Row `index` of `split` through the network now: every layer's z and a, and its loss."""
    X, y = split_arrays(trainer.dataset, split)
    net = trainer.net
    x = trainer.scaled(X[index:index + 1])
    ws = net.forward(x)
    z = [z[0].copy() for z in ws.z]
    a = [a[0].copy() for a in ws.a[:-1]] + [net.loss.link(ws.z[-1])[0]]
    loss = float(net.loss.per_sample(ws.z[-1], y[index:index + 1])[0])
    return TracedSample(split=split, index=int(index), x=frozen(x[0]), y=frozen(y[index]),
                        z=tuple(map(frozen, z)), a=tuple(map(frozen, a)), loss=loss, note=note)


def traced_image(trace: TracedSample, view: ImageView, shape: tuple[int, int]) -> ImageView:
    """The Data pane's image view showing the traced sample instead of the probe's current one."""
    probs = np.asarray(trace.a[-1])
    predicted = int(probs.argmax()) if len(probs) > 1 else int(probs[0] > 0.5)
    return replace(view, image=frozen(np.asarray(trace.x).reshape(shape)), true_label=int(trace.y),
                   predicted_label=predicted, probs=frozen(probs), probe_row=None)


class Tracer:
    """The traced sample of one TrainerLoop (split None: not tracing) and its view, kept between refreshes."""

    def __init__(self) -> None:
        self.split: str | None = None
        self.index = 0
        self.note = ""
        self._view: TracedSample | None = None

    def apply(self, trainer, command, shown_train_row: int) -> str:
        """Carry out Trace or TraceWorst; the sentence for the status line ("" when the Data pane says it)."""
        if isinstance(command, cmd.TraceWorst):
            losses = per_sample_losses(trainer, trainer.dataset.X_test, trainer.dataset.y_test)
            if not len(losses):
                return "no test samples to trace"
            self._follow("test", int(np.argmax(losses)), "worst test sample")
            return f"the worst test sample is test #{self.index} (loss {losses[self.index]:.3g})"
        if command.split is None:
            self.split, self._view = None, None
            return "stopped tracing"
        if command.split not in SPLITS:
            return f"no split {command.split!r} to trace (train or test)"
        if command.relative and self.split is None:  # t starts with the sample shown now
            self._follow("train", shown_train_row)
            return ""
        split = command.split if not command.relative else self.split
        n = len(split_arrays(trainer.dataset, split)[0])
        start = self.index if command.relative else 0
        self._follow(split, (start + command.index) % n if n else 0)
        return ""

    def _follow(self, split: str, index: int, note: str = "") -> None:
        self.split, self.index, self.note, self._view = split, index, note, None

    def view(self, trainer, refresh: bool) -> TracedSample | None:
        """The traced sample with the current weights (recomputed on `refresh`, else the last one)."""
        if self.split is None:
            return None
        if refresh or self._view is None:
            self._view = trace_of(trainer, self.split, self.index, self.note)
        return self._view

    def hold_in_next_batch(self, trainer) -> tuple[int | None, str]:
        """Put a traced training sample into the batch the next step trains on: (its row there, what was done)."""
        if self.split is None:
            return None, ""
        name = f"{self.split} #{self.index}"
        if self.split == "test":
            return None, f"{name} stays unseen (never trained on): this step trains the next batch"
        order, start = trainer.order, trainer.position
        end = min(start + trainer.batch_size, len(order))
        at = int(np.flatnonzero(order == self.index)[0])
        if start <= at < end:
            return at - start, f"this batch holds traced sample {name}"
        displaced = int(order[start])
        order[at], order[start] = displaced, self.index
        if at >= end:
            return 0, f"this batch holds traced sample {name} (moved forward in this epoch's order)"
        return 0, f"this batch holds traced sample {name} (again this epoch; train #{displaced} skips it)"
