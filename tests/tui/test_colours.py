"""Weights and Data panes with NO_COLOR: the meaning is in the glyphs (256 colours: test_cube.py).

The spiral test frame's first layer (2×16, ±2.33): W0[0,0] = 0.126 (≈0), W0[0,2] = 0.640 (weak +),
W0[0,6] = 1.304 (strong +), W0[0,9] = -1.265 (strong −), W0[0,12] = -2.325 (the largest |w|).
"""

from __future__ import annotations

import pytest
from frames import make_frame
from pilot_helpers import pane_line

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.glyphs import class_digits, region_glyphs, sign_glyphs

SIZE = (120, 40)
WEIGHT_LINES = [  # lines 1–3 of the Weights pane: legend, then one glyph per weight, two columns each
    "−2.3 ○∘·•● +2.3  grad +0.0006  2×16   ",  # ±2.33 = max |W0, b0|
    "·◂· • · ∘ • ● • ∘ ○ ∘ · ○ · ○ ∘       ",
    "∘ · • • · ● ∘ • • · ∘ ∘ ∘ · ∘ ·       ",
]
DATA_LINES = {  # the decision boundary: unsure cells blank, class 2's sure region ▒, points as class digits
    5: "         11    2    00       2        ",
    12: "     ▒▒▒▒▒▒▒0▒▒ 00   ▒▒▒▒▒▒▒▒▒▒▒▒     ",
    13: "     ▒▒▒▒▒▒▒▒▒▒▒▒   ▒▒▒▒▒▒▒▒▒▒▒▒▒     ",
    14: "             → x0 · ↑ x1              ",  # the axes: this frame names no input
    15: "        bold: train · 0· 1░ 2▒        ",
}


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


async def _panes(check) -> None:
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check(app, app.query_one("#weights"), app.query_one("#data-view"))


async def test_no_color_weights_and_data_read_without_colour(no_color):
    def check(app, weights, data):
        assert app.no_color  # Textual read NO_COLOR: its Monochrome filter greys every colour on output
        assert [pane_line(weights, y) for y in (1, 2, 3)] == WEIGHT_LINES
        for y, line in DATA_LINES.items():
            assert pane_line(data, y) == line

    await _panes(check)


async def test_truecolor_keeps_the_half_block_heatmap():
    def check(app, weights, data):
        assert app.console.color_system == "truecolor"
        assert pane_line(weights, 1) == "−2.3 ███ 0 ███ +2.3  grad +0.0006     "  # no room for 2×16
        assert set(pane_line(weights, 2).strip()) == {"▀"}

    await _panes(check)


@pytest.mark.parametrize("terminal, kind", [("no-color", "spiral"), ("no-color", "mnist"), ("256", "spiral"),
                                            ("256", "mnist")])
def test_snapshot_limited_colours(snap_compare, monkeypatch, terminal, kind):
    if terminal == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("COLORTERM", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
    app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
    assert snap_compare(app, terminal_size=SIZE)


def test_glyphs_by_sign_size_and_class():
    assert "".join(sign_glyphs([-2, -0.6, -0.3, 0, 0.1, 0.3, 0.6, 2], 1.0)) == "○○∘··•●●"
    assert "".join(region_glyphs([0, 1, 2, 1], [0.9, 0.5, 0.7, 0.2])) == "·░▒ "  # unsure: blank
    assert "".join(class_digits([0, 3, 12])) == "032"
