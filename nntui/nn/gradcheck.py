"""Central-difference gradient checks, in float64, for tests and the curious.

numeric_grad(f, x) perturbs each entry of x by ±eps and returns
(f(x+eps) - f(x-eps)) / 2eps; relative_error compares it with an analytic one.
"""

from __future__ import annotations

import numpy as np


def numeric_grad(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """dF/dx by central differences; `x` is modified during the call and restored."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f()
        flat[i] = old - eps
        down = f()
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖a − n‖ / (‖a‖ + ‖n‖): about 1e-9 for a correct gradient, 1e-2 or more for a wrong one."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return float(np.linalg.norm(a - n) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(n)))


def check_network(net, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> float:
    """Largest relative error between net.loss_and_grad's gradient and central differences."""
    net.loss_and_grad(X, y)
    analytic = net.grads.copy()
    numeric = numeric_grad(lambda: net.loss_value(X, y), net.params, eps)
    return relative_error(analytic, numeric)
