"""The Activations pane fits every layer: a summary that shortens its words (never its count) and at least one
line of bars per layer when the pane has a line for each (chapter 9's six sigmoid layers at 120x40 had two
layers with a summary and no bars)."""

from __future__ import annotations

import numpy as np
from pilot_helpers import pane_line
from test_lesson_app import app_on, opened

from nntui import lessons
from nntui.run.frame import LayerView
from nntui.tui.widgets.activations import BARS, layer_rows, layer_summary

VANISHING = [v.label for v in lessons.chapter(9).variants].index("vanishing gradients")


def sigmoid_layer(z: np.ndarray) -> LayerView:
    zeros = np.zeros_like(z)
    return LayerView("sigmoid", W=np.zeros((2, z.shape[1])), b=np.zeros(z.shape[1]), z=z, a=1 / (1 + np.exp(-z)),
                     blame=zeros, dW=np.zeros((2, z.shape[1])), db=np.zeros(z.shape[1]), saturates=True)


def test_rows_keep_a_blank_between_layers_only_when_every_layer_has_a_bar_line():
    assert layer_rows(2, 16) == (1, 13)  # 2 summaries + 1 blank between: 13 left for bars
    assert layer_rows(6, 17) == (1, 6)  # 6 + 5 blanks + 6 bar lines: just enough
    assert layer_rows(6, 16) == (0, 10)  # no room for the blanks: summaries touch, 10 bar lines


def test_a_narrow_summary_keeps_the_count():
    z = np.array([[5.0, 0.1, -6.0], [4.5, -0.2, -7.0]])  # units 0 and 2 beyond |z| > 4 on every sample
    layer = sigmoid_layer(z)
    assert layer_summary(1, layer) == "L1 sigmoid  saturated 2/3 (67%)"
    assert layer_summary(1, layer, width=20) == "L1 sigmoid 2/3 sat."


async def test_chapter_9_shows_bars_for_all_six_sigmoid_layers_at_120x40():
    app = app_on(9, variant=VANISHING)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, app, 9, VANISHING)
        await pilot.press("space")
        await pilot.pause()
        pane = app.query_one("#activations")
        lines = [pane_line(pane, y) for y in range(pane.size.height)]
        heads = [y for y, line in enumerate(lines) if line.startswith("L")]
        assert [lines[y].split()[0] for y in heads] == [f"L{k}" for k in range(1, 7)]
        for y in heads:
            assert any(c in BARS[1:] for c in lines[y + 1]), lines[y + 1]
        await pilot.press("q")
