"""Checked options shared by the loaders, and the seeded, stratified train/test split."""

from __future__ import annotations

import math

import numpy as np

from nntui.data.errors import DataError


def check_noise(noise: float) -> float:
    """`noise` itself, or DataError if it is negative or not finite."""
    if not (math.isfinite(noise) and noise >= 0):
        raise DataError(f"--noise must be a finite number of zero or more (got {noise:g})")
    return float(noise)


def n_test_for(test_split: float, n: int) -> int:
    """How many of `n` samples a test share holds out; DataError unless both sides keep one or more."""
    if not (math.isfinite(test_split) and 0 < test_split < 1):
        raise DataError(f"--test-split must be between 0 and 1 (got {test_split:g})")
    n_test = math.floor(n * test_split + 0.5)
    if not 1 <= n_test <= n - 1:
        raise DataError(
            f"--test-split {test_split:g} of {n} samples leaves {n_test} for testing and {n - n_test} "
            "for training; each side needs at least one"
        )
    return n_test


def split_indices(groups: np.ndarray, test_split: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled train and test row indices, each group (class, cluster) held out in proportion.

    The rows are shuffled, ordered by group, and every 1/test_split-th row is
    taken for testing, so the test set holds round(n·test_split) rows and each
    group's share is exact to within one row.
    """
    n = len(groups)
    n_test_for(test_split, n)
    order = rng.permutation(n)
    order = order[np.argsort(groups[order], kind="stable")]
    steps = np.floor(np.arange(n + 1) * test_split + 0.5)
    is_test = np.diff(steps) > 0
    return rng.permutation(order[~is_test]), rng.permutation(order[is_test])
