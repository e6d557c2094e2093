"""Chart ticks and labels (tui/ticks.py): whole steps ending on the last one, short numbers that stay distinct."""

from __future__ import annotations

import math

import pytest

from nntui.tui.ticks import short_number, step_ticks, tick_labels, value_ticks


@pytest.mark.parametrize("first, last, columns, ticks", [
    (468, 4680, 40, [468, 2000, 4000, 4680]),  # 5 labels of 4+3 columns: raw stride 1053 → 2000
    (19, 114, 30, [19, 50, 100, 114]),  # 100 → 114 is 4.4 columns: room for "100" and a blank
    (0, 114, 30, [0, 50, 114]),  # 0 is a multiple of 50
    (1, 20, 20, [1, 10, 20]),
    (938, 1876, 50, [1000, 1200, 1400, 1600, 1876]),  # 938 → 1000 and 1800 → 1876 are too close
    (50, 2550, 26, [50, 2000, 2550]),  # a 38-column Loss pane (26 for the plot)
    (28, 95, 26, [28, 40, 60, 80, 95]),
    (5, 5, 3, [5]),
    (3, 7, 40, [3, 4, 5, 6, 7]),  # stride 1: every step
])
def test_step_ticks_are_whole_round_steps_ending_on_the_last(first, last, columns, ticks):
    assert step_ticks(first, last, columns) == ticks


@pytest.mark.parametrize("first, last, columns", [(0, 10**6 + 7, 70), (13, 997, 30), (1, 2, 10), (250, 259, 20)])
def test_step_tick_labels_never_touch_and_the_last_is_shown(first, last, columns):
    ticks = step_ticks(first, last, columns)
    assert ticks[-1] == last and ticks == sorted(set(ticks))
    assert all(isinstance(t, int) and first <= t <= last for t in ticks)
    at = [(t - first) * columns / (last - first) for t in ticks]  # each label's column on the axis
    assert all(b - a >= len(str(last)) + 1 for a, b in zip(at, at[1:]))


@pytest.mark.parametrize("value, text", [
    (567954044682.2, "5.7e11"), (-567954044682.2, "-5.7e11"), (9.96e11, "1.0e12"), (123456.0, "1.2e5"),
    (99999.0, "99999"), (340.4, "340"), (1.5, "1.5"), (0.0796, "0.08"), (0.052, "0.052"), (0.001, "0.001"),
    (0.00052, "5.2e-4"), (1.2e-5, "1.2e-5"), (0.0, "0"), (100.0, "100"),
])
def test_short_number(value, text):
    assert short_number(value) == text


def test_short_number_with_more_digits():
    assert short_number(567954044682.2, 4) == "5.680e11"
    assert short_number(0.05123, 3) == "0.0512"


def test_tick_labels_use_the_fewest_digits_that_tell_ticks_apart():
    assert tick_labels([5.7e11, 3.1e11, 1.1e10]) == ["5.7e11", "3.1e11", "1.1e10"]
    assert tick_labels([0.0512, 0.0519, 0.0527, 0.0534]) == ["0.0512", "0.0519", "0.0527", "0.0534"]
    assert tick_labels([0.25, 0.4, 0.56]) == ["0.25", "0.4", "0.56"]


def test_value_ticks_linear_and_log():
    assert value_ticks(0.0, 1.0, 5, False) == [0.0, 0.25, 0.5, 0.75, 1.0]
    log = value_ticks(0.01, 100.0, 5, True)
    assert [round(math.log10(v), 12) for v in log] == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert value_ticks(3.0, 3.0, 4, False) == [3.0]
