"""Measuring a Trainer's network on a whole split: mean loss, accuracy, the confusion matrix, the test set now.

Mixed into Trainer (like trainer_state.py). The split goes through the
network in chunks of EVAL_CHUNK samples, gathered into the trainer's reused
batch buffers.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import EvalPoint

EVAL_CHUNK = 2048


class Evaluation:
    """evaluate_on / evaluate for Trainer."""

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

