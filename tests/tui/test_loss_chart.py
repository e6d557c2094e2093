"""The Loss chart reads well: legend under the plot, whole step ticks up to the last step, short y labels,
and a marker per series when there is no colour. Snapshots at 80x24 and 120x40.

The frame: sine (regression) whose train loss falls from 5.7e11 and test loss from 6.1e11 over 51 evaluations
at steps 50, 100, … 2550 (a house-price CSV without scaled targets looks like this).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from frames import make_frame

from nntui.config import RunConfig
from nntui.run.frame import EvalPoint
from nntui.tui.app import make_app
from nntui.tui.widgets.loss import LossChart

SIZES = {"80x24": ((80, 24), ("tab", "tab")), "120x40": ((120, 40), ())}  # at 80x24: the Loss tab
STEPS = list(range(50, 2600, 50))


def huge_loss_frame(accuracy: bool = False):
    evals = tuple(EvalPoint(s, i + 1.0, 5.7e11 / (i + 1), 6.1e11 / (i + 1) ** 0.8, 0.5 + i / 120 if accuracy else None)
                  for i, s in enumerate(STEPS))
    return dataclasses.replace(make_frame("sine"), evals=evals)


def _chart_lines(app) -> list[str]:
    chart = app.query_one(LossChart)
    return [line.text for line in chart.render_lines(chart.region.reset_offset)]


async def _chart(size, press, frame=None):
    app = make_app(RunConfig(dataset="sine"), frame=frame or huge_loss_frame())
    async with app.run_test(size=size) as pilot:
        for key in press:
            await pilot.press(key)
        await pilot.pause()
        return _chart_lines(app), str(app.query_one("#loss-legend").render())


@pytest.mark.parametrize("size", SIZES)
async def test_ticks_are_whole_steps_to_the_last_and_labels_short(size):
    lines, legend = await _chart(*SIZES[size])
    x_labels = [int(t) for t in next(line for line in lines if "2550" in line).split()]
    assert x_labels[-1] == 2550 and x_labels == sorted(x_labels) and len(x_labels) >= 3
    assert all(t in STEPS or t % 100 == 0 for t in x_labels)
    y_labels = [m.group(1) for line in lines if (m := re.match(r"│?\s*(\S+)┤", line))]
    assert y_labels[0] == "6.1e11" and y_labels[-1] == "1.1e10"  # the top (max) and bottom (min) of the data
    assert all(re.fullmatch(r"\d\.\de\d\d", label) for label in y_labels)


@pytest.mark.parametrize("size", SIZES)
async def test_the_legend_sits_under_the_plot_not_in_it(size):
    lines, legend = await _chart(*SIZES[size])
    assert legend == "━ train loss  ━ test loss"
    assert not any("train" in line or "test" in line for line in lines)  # nothing written over the plot area


async def test_without_colour_each_series_has_its_own_marker(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    lines, legend = await _chart((120, 40), (), huge_loss_frame(accuracy=True))
    assert legend == "• train  × test  + acc % (right)"  # the narrow legend of a 38-column pane
    plot = "".join(lines)
    assert plot.count("•") >= 5 and plot.count("×") >= 5 and plot.count("+") >= 5
    assert not re.search("[\u2801-\u28ff]", plot)  # no braille: it would look alike for every series


async def test_log_scale_draws_both_loss_series_inside_the_plot(monkeypatch):
    """`L`: the losses span 5.7e11 down to 1.1e10; on a log axis every point stays on the plot."""
    monkeypatch.setenv("NO_COLOR", "1")
    lines, legend = await _chart((120, 40), ("L",), huge_loss_frame(accuracy=True))
    plot = "".join(lines)
    assert plot.count("•") >= 5 and plot.count("×") >= 5  # train and test drawn, not clipped away
    y_labels = [m.group(1) for line in lines if (m := re.match(r"│?\s*(\S+)┤", line))]
    assert y_labels[0] == "6.1e11" and y_labels[-1] == "1.1e10"  # the data's own range, in its units


async def test_in_colour_the_series_are_braille_lines():
    lines, legend = await _chart((120, 40), (), huge_loss_frame(accuracy=True))
    assert legend == "━ train  ━ test  ━ acc % (right)"
    assert re.search("[\u2801-\u28ff]", "".join(lines)) and "×" not in "".join(lines)


@pytest.mark.parametrize("size", SIZES)
def test_loss_chart_snapshot(snap_compare, size):
    terminal, press = SIZES[size]
    app = make_app(RunConfig(dataset="sine"), frame=huge_loss_frame())
    assert snap_compare(app, press=press, terminal_size=terminal)
