"""The over-time view's parts, without an app: log-axis ticks, the histogram map's bands, columns and shades."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.tui.widgets.histogram_map import fitted_columns, grouped, strength
from nntui.tui.widgets.over_time import log_ticks


def test_a_log_axis_over_decades_is_ticked_at_the_powers_of_ten_in_short_labels():
    assert log_ticks(2e-4, 3e-2, 4) == ([1e-3, 1e-2], ["1e-3", "1e-2"])
    assert log_ticks(1.5e-6, 2e-1, 3) == ([1e-5, 1e-3, 1e-1], ["1e-5", "1e-3", "1e-1"])  # fewer ticks wanted
    assert log_ticks(1.5e-6, 2e-1, 2) == ([1e-5, 1e-1], ["1e-5", "1e-1"])


def test_a_log_axis_within_one_decade_labels_its_ends_in_one_digit():
    ticks, labels = log_ticks(0.0025, 0.035, 2)
    assert ticks == pytest.approx([0.0025, 0.035]) and labels == ["0.002", "0.04"]


def test_bands_sum_neighbouring_bins_and_keep_every_count():
    counts = np.arange(32).reshape(2, 16)
    bands = grouped(counts, 4)
    np.testing.assert_array_equal(bands, counts.reshape(2, 4, 4).sum(axis=2))
    assert grouped(counts, 6).sum() == counts.sum()


def test_columns_are_all_shown_or_spread_over_the_whole_run():
    assert fitted_columns(5, 10).tolist() == [0, 1, 2, 3, 4]
    shown = fitted_columns(120, 7)
    assert shown[0] == 0 and shown[-1] == 119 and len(shown) == 7 and (np.diff(shown) > 0).all()


def test_shades_are_log_counts_over_the_largest():
    np.testing.assert_allclose(strength(np.array([[0, 1, 3]])), [[0, np.log(2) / np.log(4), 1]])
    assert strength(np.zeros((2, 3), int)).max() == 0
