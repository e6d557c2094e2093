"""The stratified split, for any sizes and groups: a partition, the right test count, every group in proportion."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nntui.data.split import n_test_for, split_indices


@settings(max_examples=200, deadline=None)
@given(
    groups=st.lists(st.integers(0, 4), min_size=2, max_size=300),
    test_split=st.floats(0.01, 0.99),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_is_a_stratified_partition(groups, test_split, seed):
    groups = np.array(groups)
    n = len(groups)
    n_test = int(np.floor(n * test_split + 0.5))
    assume(1 <= n_test <= n - 1)  # n_test_for refuses the others (see test_generated)
    assert n_test_for(test_split, n) == n_test
    train, test = split_indices(groups, test_split, np.random.default_rng(seed))
    assert len(test) == n_test and sorted(np.concatenate([train, test]).tolist()) == list(range(n))
    for g in np.unique(groups):
        in_group = np.sum(groups == g)
        assert abs(np.sum(groups[test] == g) - in_group * test_split) <= 1
