"""Losses: the mean over the batch of a per-sample loss, and its blame dL/dz.

Every loss reads the output layer's pre-activation `z` (the logits), so the
output non-linearity and the loss are computed together, stably:

- softmax cross-entropy: multi-class labels 0..k-1, log-sum-exp with the max
  subtracted;
- binary cross-entropy: one sigmoid output, labels 0/1, computed from the
  logit as -log sigmoid(±z) = softplus(∓z), so no logit overflows and no
  loss is ever negative;
- MSE: regression targets (B, k), mean of squared errors.

`link` turns z into what the net predicts (probabilities or values).
"""

from __future__ import annotations

import functools

import numpy as np


class Loss:
    name = ""
    output_activation = "linear"  # what `link` applies, for display

    def link(self, z: np.ndarray) -> np.ndarray:
        """The prediction for logits z (a new array)."""
        raise NotImplementedError

    def per_sample(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Each sample's loss, shape (B,)."""
        raise NotImplementedError

    def value_and_blame(self, z: np.ndarray, y: np.ndarray, blame: np.ndarray) -> float:
        """Mean loss over the batch; writes dL/dz (already divided by B) into `blame`."""
        raise NotImplementedError

    def accuracy(self, z: np.ndarray, y: np.ndarray) -> float | None:
        return None


@functools.lru_cache(maxsize=16)
def _softmax_constants(n: int, k: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Read-only arrays for a (n, k) batch: each row's first flat index, and k ones."""
    row_starts, ones = np.arange(0, n * k, k), np.ones(k, dtype)
    row_starts.flags.writeable = ones.flags.writeable = False
    return row_starts, ones


class SoftmaxCrossEntropy(Loss):
    name = "softmax_cross_entropy"
    output_activation = "softmax"

    def link(self, z):
        p = z - z.max(axis=1, keepdims=True)
        np.exp(p, out=p)
        p /= p.sum(axis=1, keepdims=True)
        return p

    def per_sample(self, z, y):
        m = z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z - m).sum(axis=1)) + m[:, 0]
        return lse - z[np.arange(len(y)), y]

    def value_and_blame(self, z, y, blame):
        # Few, whole-array operations: on a batch this small the number of NumPy calls, not their
        # arithmetic, is the cost, and this runs once per training step (benchmarks/README.md).
        n, k = z.shape
        if not blame.flags.c_contiguous:  # the label entries are written through a flat view of it
            raise ValueError("blame must be a C-contiguous (batch, classes) buffer")
        row_starts, ones = _softmax_constants(n, k, blame.dtype)
        picked = row_starts + y  # flat index of each row's label in z and blame
        m = z.max(axis=1)
        np.subtract(z, m[:, None], out=blame)
        z_y = float(blame.take(picked).sum())  # sum of z_y - max, before exp overwrites it
        np.exp(blame, out=blame)
        s = np.dot(blame, ones)  # row sums (a BLAS call beats sum(axis=1))
        loss = (float(np.log(s).sum()) - z_y) / n
        s *= n
        blame /= s[:, None]  # softmax / n
        blame.ravel()[picked] -= 1.0 / n
        return loss

    def accuracy(self, z, y):
        return float(np.mean(z.argmax(axis=1) == y))


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    output_activation = "sigmoid"

    def link(self, z):
        return 0.5 * (1 + np.tanh(0.5 * z))

    @staticmethod
    def _signed(z, y):
        """(s, sign) with sign = 1 - 2y and s = sign·z: the loss is softplus(s) = -log sigmoid(-s)."""
        sign = np.subtract(1, 2 * y, dtype=z.dtype)
        return np.multiply(z[:, 0], sign), sign

    def per_sample(self, z, y):
        s, _ = self._signed(z, y)
        return np.logaddexp(0, s)

    def value_and_blame(self, z, y, blame):
        # Each sample's loss is softplus(±z) ≥ 0, so their sum is never negative; the
        # form softplus(z) - y·z loses a confident sample's loss to rounding, or goes below 0.
        s, sign = self._signed(z, y)
        softplus = np.logaddexp(0, s)
        loss = float(softplus.sum(dtype=np.float64)) / len(y)
        # blame = (sigmoid(z) - y) / B = sign · sigmoid(s) / B, with sigmoid(s) = exp(s - softplus(s))
        np.subtract(s, softplus, out=softplus)
        np.exp(softplus, out=softplus)
        softplus *= sign
        np.multiply(softplus, 1.0 / len(y), out=blame[:, 0], casting="unsafe")
        return loss

    def accuracy(self, z, y):
        return float(np.mean((z[:, 0] > 0) == (y == 1)))


class MeanSquaredError(Loss):
    name = "mse"
    output_activation = "linear"

    def link(self, z):
        return z.copy()

    def per_sample(self, z, y):
        return ((z - y) ** 2).mean(axis=1)

    def value_and_blame(self, z, y, blame):
        np.subtract(z, y, out=blame)
        loss = float(np.vdot(blame, blame)) / blame.size
        blame *= 2.0 / blame.size
        return loss


LOSSES: dict[str, Loss] = {
    cls.name: cls() for cls in (SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError)
}


def get_loss(name: str) -> Loss:
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None


def loss_for_task(task: str, n_classes: int) -> str:
    """The loss that fits a task: one sigmoid unit for two classes, softmax for more, MSE for values."""
    if task == "regression":
        return "mse"
    return "binary_cross_entropy" if n_classes == 2 else "softmax_cross_entropy"
