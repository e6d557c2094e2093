"""envelope: a long series thinned to two points a dot column, each column's lowest and highest kept."""

from __future__ import annotations

import numpy as np

from nntui.tui.envelope import envelope


def test_each_run_keeps_its_lowest_and_highest_point_in_step_order():
    rng = np.random.default_rng(3)
    steps, values = np.arange(100, 700), rng.random(600)
    values[123] = 50.0  # a spike
    xs, ys = envelope(steps, values, 30)
    assert len(xs) <= 60 and np.all(np.diff(xs) > 0)
    assert 50.0 in ys and ys.min() == values.min() and ys.max() == 50.0
    for start in range(0, 600, 20):  # 600 points in 30 runs of 20: brute force, run by run
        run = slice(start, start + 20)
        expected = sorted({steps[run][np.argmin(values[run])], steps[run][np.argmax(values[run])]})
        inside = xs[(xs >= steps[start]) & (xs < steps[start] + 20)]
        assert inside.tolist() == expected
    assert np.array_equal(values[xs - 100], ys)  # the points are the series' own


def test_a_short_series_is_left_as_it_is():
    steps, values = np.arange(10), np.linspace(1, 2, 10)
    xs, ys = envelope(steps, values, 5)
    assert xs is steps and ys is values


def test_a_series_with_a_value_that_is_not_finite_is_left_as_it_is():
    steps, values = np.arange(100), np.linspace(1, 2, 100)
    values[40] = np.nan
    xs, ys = envelope(steps, values, 5)
    assert xs is steps and ys is values
