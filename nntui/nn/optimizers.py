"""Optimizers: SGD, SGD with momentum, Adam, updating one flat parameter buffer in place.

`step(params, grads)` computes the whole update into a scratch buffer first
and applies it only when every entry is finite and the update is no longer
than MAX_UPDATE_RATIO times the parameters' norm (at least 1): a learning rate
so large that one step throws the weights far away counts as divergence too.
Otherwise it returns False and the parameters are exactly as they were (the
caller reports divergence).
State is a dict of arrays (`state_dict` / `load_state_dict`) so it can be
saved in a checkpoint and restored bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np


MAX_UPDATE_RATIO = 10.0
FLUSH_EVERY = 8  # steps between flushes of the decaying state (see _flush_tiny)
TINY = 1e-30  # state smaller than this is set to exactly zero


def _flush_tiny(state: np.ndarray) -> None:
    """Zero the entries of `state` below TINY in magnitude.

    Momentum and Adam's moments decay geometrically wherever the gradient is
    exactly zero (a dead ReLU, an MNIST border pixel that is always blank).
    Left alone they become subnormal floats after some hundred steps, and CPUs
    do subnormal arithmetic many times more slowly (benchmarks/README.md).
    From TINY a value needs more than FLUSH_EVERY
    steps of decay (at momentum 0.1 or more) to reach the subnormal range.
    """
    np.copyto(state, 0, where=np.abs(state) < TINY)


def _all_finite(x: np.ndarray) -> bool:
    # One BLAS pass: any inf or nan (or an overflow of x·x) makes the dot non-finite.
    return math.isfinite(float(np.dot(x, x)))


def _acceptable(delta: np.ndarray, params: np.ndarray) -> bool:
    """Finite, and |delta| <= MAX_UPDATE_RATIO · max(|params|, 1).

    One BLAS pass over delta; the parameters' norm is only needed (a second
    pass) when the update is longer than MAX_UPDATE_RATIO, which a sane
    learning rate never makes it.
    """
    d2 = float(np.dot(delta, delta))
    limit = MAX_UPDATE_RATIO**2
    return math.isfinite(d2) and (d2 <= limit or d2 <= limit * float(np.dot(params, params)))


class Optimizer:
    name = ""

    def __init__(self, n_params: int, lr: float, dtype=np.float32):
        self.lr = float(lr)
        self.t = 0  # updates applied

    def step(self, params: np.ndarray, grads: np.ndarray) -> bool:
        """Apply one update; False (and nothing changed in params) when it would not be finite or explodes.

        `grads` is the network's scratch buffer, refilled by every backward
        pass: the update is built in it, so afterwards it holds the update,
        not the gradient. (A separate update buffer would be one more array the
        size of the network through the CPU's cache every step.)
        """
        with np.errstate(over="ignore", invalid="ignore"):
            delta = self._compute_delta(grads)
            ok = delta is not None and _acceptable(delta, params)
        if not ok:
            return False
        params += delta
        self.t += 1
        if self.t % FLUSH_EVERY == 0:
            for state in self._decaying_state():
                _flush_tiny(state)
        return True

    def _decaying_state(self) -> tuple[np.ndarray, ...]:
        """The state buffers that decay towards zero when the gradient is zero."""
        return ()

    def _compute_delta(self, grads: np.ndarray) -> np.ndarray | None:
        """The update, written over `grads` (and returned), or None to refuse the step."""
        raise NotImplementedError

    def state_dict(self) -> dict[str, np.ndarray]:
        return {"t": np.array(self.t, np.int64), "lr": np.array(self.lr, np.float64)}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        self.t = int(state["t"])
        self.lr = float(state["lr"])

    def reset(self) -> None:
        self.t = 0

    def resize(self, carry: Callable[[np.ndarray], np.ndarray]) -> None:
        """Lay the state out for a resized network: `carry` turns each network-sized array into the new layout
        (nn/reshape.py: kept entries as they were, a new neuron's zero). SGD keeps none."""


class SGD(Optimizer):
    """params -= lr · grads"""

    name = "sgd"

    def _compute_delta(self, grads):
        return np.multiply(grads, -self.lr, out=grads)


class Momentum(Optimizer):
    """v = μ·v + grads; params -= lr · v (the form PyTorch uses)."""

    name = "momentum"

    def __init__(self, n_params, lr, momentum=0.9, dtype=np.float32):
        super().__init__(n_params, lr, dtype)
        self.momentum = float(momentum)
        self.v = np.zeros(n_params, dtype)

    def _compute_delta(self, grads):
        if not _all_finite(grads):  # keep the velocity clean on a refused step
            return None
        self.v *= self.momentum
        self.v += grads
        return np.multiply(self.v, -self.lr, out=grads)

    def _decaying_state(self):
        return (self.v,)

    def state_dict(self):
        return {**super().state_dict(), "v": self.v.copy(), "momentum": np.array(self.momentum)}

    def load_state_dict(self, state):
        super().load_state_dict(state)
        np.copyto(self.v, state["v"])
        self.momentum = float(state["momentum"])

    def reset(self):
        super().reset()
        self.v[...] = 0

    def resize(self, carry):
        self.v = carry(self.v)


class Adam(Optimizer):
    """Adam (Kingma & Ba): bias-corrected first and second moments of the gradient."""

    name = "adam"

    def __init__(self, n_params, lr, beta1=0.9, beta2=0.999, eps=1e-8, dtype=np.float32):
        super().__init__(n_params, lr, dtype)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = np.zeros(n_params, dtype)
        self.v = np.zeros(n_params, dtype)
        self._scratch = np.zeros(n_params, dtype)

    def _compute_delta(self, grads):
        if not _all_finite(grads):
            return None
        b1, b2 = self.beta1, self.beta2
        t = self.t + 1
        self.m *= b1
        np.multiply(grads, 1 - b1, out=self._scratch)
        self.m += self._scratch
        self.v *= b2
        np.multiply(grads, grads, out=self._scratch)
        self._scratch *= 1 - b2
        self.v += self._scratch
        # delta = -lr_t · m / (sqrt(v) + eps_t), the bias corrections folded into two scalars
        lr_t = self.lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        eps_t = self.eps * math.sqrt(1 - b2**t)
        np.sqrt(self.v, out=self._scratch)
        self._scratch += eps_t
        np.divide(self.m, self._scratch, out=grads)
        grads *= -lr_t
        return grads

    def _decaying_state(self):
        return (self.m, self.v)

    def state_dict(self):
        return {**super().state_dict(), "m": self.m.copy(), "v": self.v.copy()}

    def load_state_dict(self, state):
        super().load_state_dict(state)
        np.copyto(self.m, state["m"])
        np.copyto(self.v, state["v"])

    def reset(self):
        super().reset()
        self.m[...] = 0
        self.v[...] = 0

    def resize(self, carry):
        self.m, self.v = carry(self.m), carry(self.v)
        self._scratch = np.zeros_like(self.m)


def make_optimizer(name: str, n_params: int, lr: float, *, momentum: float = 0.9, dtype=np.float32) -> Optimizer:
    if name == "sgd":
        return SGD(n_params, lr, dtype)
    if name == "momentum":
        return Momentum(n_params, lr, momentum, dtype)
    if name == "adam":
        return Adam(n_params, lr, dtype=dtype)
    raise ValueError(f"unknown optimizer {name!r}; choose one of sgd, momentum, adam")
