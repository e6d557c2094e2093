"""Weights and Data panes on a 256-colour terminal and with NO_COLOR: the meaning is in the glyphs.

The spiral test frame's first layer (2×16, ±2.33): W0[0,0] = 0.126 (≈0), W0[0,2] = 0.640 (weak +),
W0[0,6] = 1.304 (strong +), W0[0,9] = -1.265 (strong −), W0[0,12] = -2.325 (the largest |w|).
"""

from __future__ import annotations

import pytest
from frames import make_frame
from pilot_helpers import pane_line
from rich._palettes import EIGHT_BIT_PALETTE

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.glyphs import class_digits, region_glyphs, sign_glyphs

SIZE = (120, 40)
WEIGHT_LINES = [  # lines 1–3 of the Weights pane: legend, then one glyph per weight, two columns each
    "●+ ○− ·0  2×16  ±2.33  grad +0.0006   ",
    "·◂· • · ∘ • ● • ∘ ○ ∘ · ○ · ○ ∘       ",
    "∘ · • • · ● ∘ • • · ∘ ∘ ∘ · ∘ ·       ",
]
DATA_LINES = {  # the decision boundary: unsure cells blank, class 2's sure region ▒, points as class digits
    5: "         1      2            22       ",
    12: "    ▒▒▒▒▒▒0▒0   000 000       ▒▒▒▒    ",
    13: "    ▒▒▒▒▒▒▒▒▒▒▒ 0    ▒▒▒▒▒▒▒▒▒▒▒▒▒    ",
    15: "        bold: train · 0· 1░ 2▒        ",
}
XTERM_256 = {EIGHT_BIT_PALETTE[i] for i in range(256)}  # the colours a 256-colour terminal has


@pytest.fixture
def terminal_256(monkeypatch):
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def _style_at(pane, y: int, x: int):
    """The rich Style of cell (y, x) of a pane's content."""
    offset = 0
    for segment in pane.line_slice(y, 0, pane.size.width):
        if offset <= x < offset + len(segment.text):
            return segment.style
        offset += len(segment.text)
    raise IndexError((y, x))


async def _panes(check) -> None:
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check(app, app.query_one("#weights"), app.query_one("#data-view"))


async def test_256_colours_weights_show_sign_and_size_by_glyph_in_palette_colours(terminal_256):
    def check(app, weights, data):
        assert app.console.color_system == "256" and not app.no_color
        assert [pane_line(weights, y) for y in (1, 2, 3)] == WEIGHT_LINES
        colors = {seg.style.color.triplet for y in range(weights.size.height)
                  for seg in weights.line_slice(y, 0, weights.size.width - 2) if seg.style.color}
        assert colors <= XTERM_256 and len(colors) >= 6  # only colours the terminal has, and not all alike
        # The largest negative weight keeps the full orange's nearest palette colour; strong + and − differ.
        assert _style_at(weights, 2, 2 * 12).color.triplet.hex == "#ff8700"
        strong_positive, strong_negative = _style_at(weights, 2, 2 * 6).color, _style_at(weights, 2, 2 * 9).color
        assert (strong_positive.triplet.hex, strong_negative.triplet.hex) == ("#5f5f87", "#af5f5f")
        assert _style_at(weights, 2, 0).bold and pane_line(weights, 2)[1] == "◂"  # the selection, not by colour

    await _panes(check)


async def test_256_colours_data_pane_tells_classes_by_glyph(terminal_256):
    def check(app, weights, data):
        for y, line in DATA_LINES.items():
            assert pane_line(data, y) == line
        train_digit = _style_at(data, 12, 10)  # a training point of class 0 on class 2's region
        assert train_digit.bold and train_digit.color.triplet in XTERM_256

    await _panes(check)


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
        assert pane_line(weights, 1) == "2×16  ±2.33  grad +0.0006             "
        assert set(pane_line(weights, 2).strip()) == {"▀"}

    await _panes(check)


@pytest.mark.parametrize("terminal, kind", [("no-color", "spiral"), ("256", "mnist")])
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
