"""256 colours draw with ramps from the 6×6×6 cube; NO_COLOR writes no colour code; the drawing follows the terminal.

Palette numbers by hand from xterm's cube (16 + 36r + 6g + b, each channel 0..5 for 0, 95, 135, 175, 215, 255):
the app's blue #4e9ee6 is nearest cube (1,3,4), its orange #f28e2b (5,2,0). From a dark grey neutral a ramp
starts at black and takes five steps along its strongest channel (blue's to 5, so it ends at (1,3,5)):
blue (0,1,1) (0,1,2) (1,2,3) (1,2,4) (1,3,5) = 23 24 67 68 75, orange (1,0,0) (2,1,0) (3,1,0) (4,2,0) (5,2,0)
= 52 94 130 172 208.

The spiral test frame's first layer (2×16, ±2.33): W0[0,2] = 0.640, W0[0,6] = 1.304, W0[0,9] = -1.265,
W0[0,12] = -2.325 (the largest |w|). By 16 levels then 5 shades: 0.640/2.325 → 4/16 → shade 1 (23);
1.304 → 9/16 → shade 3 (67); -1.265 → 9/16 → shade 3 (130); -2.325 → shade 5 (208).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from frames import make_frame
from rich.segment import Segment
from textual.strip import Strip

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.colours import CUBE_LEVELS, PALETTE_NUMBER, Drawing, cube_path, cube_ramp, drawing_for, pack
from nntui.tui.render import CLASS_COLORS

SIZE = (120, 40)
BLUE, ORANGE = (0x4E, 0x9E, 0xE6), (0xF2, 0x8E, 0x2B)
POSITIVE_NUMBERS, NEGATIVE_NUMBERS = [23, 24, 67, 68, 75], [52, 94, 130, 172, 208]
COLOUR_CODE = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:38|48);[0-9;]*m")  # an SGR sequence setting a colour (38 fg, 48 bg)
SGR_256 = re.compile(r"(38|48);5;(\d+)")
CUBE = set(CUBE_LEVELS)
GREY_RAMP = {8 + 10 * k for k in range(24)}  # palette entries 232–255


def _luminance(rgb) -> float:
    r, g, b = ((c / 255) ** 2.2 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _numbers(path) -> list[int]:
    return [PALETTE_NUMBER[int(pack(np.array(c)))] for c in path]


def _set_terminal(monkeypatch, env: dict[str, str]) -> None:
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("no_color, system, drawing", [
    (False, "truecolor", Drawing.TRUECOLOR), (False, "256", Drawing.CUBE), (False, "standard", Drawing.GLYPHS),
    (False, "windows", Drawing.GLYPHS), (False, None, Drawing.GLYPHS), (True, "truecolor", Drawing.GLYPHS),
    (True, "256", Drawing.GLYPHS),
])
def test_drawing_for_each_colour_system(no_color, system, drawing):
    assert drawing_for(no_color, system) is drawing


@pytest.mark.parametrize("env, drawing", [
    ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, Drawing.TRUECOLOR),
    ({"TERM": "xterm-256color"}, Drawing.CUBE),
    ({"TERM": "screen-256color"}, Drawing.CUBE),  # tmux's default
    ({"TERM": "xterm"}, Drawing.GLYPHS),  # 16 colours
    ({"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"}, Drawing.GLYPHS),
])
async def test_the_panes_drawing_follows_the_environment(monkeypatch, env, drawing):
    _set_terminal(monkeypatch, env)
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#weights").drawing is drawing
        assert app.query_one("#data-view").drawing is drawing


def test_the_apps_ramps_are_the_cube_steps_worked_out_by_hand():
    neutral = (0x3A, 0x3A, 0x3A)
    assert _numbers(cube_path(neutral, BLUE)[1:]) == POSITIVE_NUMBERS
    assert _numbers(cube_path(neutral, ORANGE)[1:]) == NEGATIVE_NUMBERS
    assert _numbers(cube_path(neutral, BLUE)[:1]) == [237]  # the neutral itself: the nearest grey, #3a3a3a


@pytest.mark.parametrize("neutral", [(0x1E, 0x1E, 0x1E), (0x30, 0x30, 0x30), (0x3A, 0x3A, 0x3A)])  # dark themes
@pytest.mark.parametrize("colour", [BLUE, ORANGE, *map(tuple, CLASS_COLORS.tolist())])
def test_a_ramp_on_a_dark_neutral_has_five_cube_shades_each_stronger(neutral, colour):
    shades = [tuple(c) for c in cube_path(neutral, colour)[1:].tolist()]
    assert len(set(shades)) == 5
    assert all(set(c) <= CUBE for c in shades)  # cube entries, not greys
    lightness = [_luminance(c) for c in shades]
    distance = [np.linalg.norm(np.subtract(c, neutral)) for c in shades]
    assert lightness == sorted(lightness) and len(set(lightness)) == 5
    assert distance == sorted(distance) and len(set(distance)) == 5


@pytest.mark.parametrize("colour", [BLUE, ORANGE])
def test_a_ramp_on_a_light_neutral_darkens_in_five_cube_shades(colour):
    shades = [tuple(c) for c in cube_path((0xD0, 0xD0, 0xD0), colour)[1:].tolist()]
    lightness = [_luminance(c) for c in shades]
    assert all(set(c) <= CUBE for c in shades) and len(set(shades)) == 5
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 5


def test_cube_ramp_picks_the_shade_by_strength_and_greys_from_the_grey_ramp():
    neutral = (0x3A, 0x3A, 0x3A)
    q = np.array([0.0, 0.1, 0.25, 0.5, 0.75, 1.0])  # × 5 shades, rounded: 0, 0 (0.5 → even), 1, 2 (2.5), 4, 5
    assert _numbers(cube_ramp(q, neutral, BLUE)) == [237, 237, 23, 24, 68, 75]
    q = np.linspace(0, 1, 9)
    greys = cube_ramp(q, (30, 30, 30), (220, 220, 220)).astype(int)
    blend = 30 + 190 * q
    assert (greys == greys[:, :1]).all()  # greys
    assert set(greys[:, 0].tolist()) <= GREY_RAMP and (np.diff(greys[:, 0]) > 0).all()  # nine steps, all differ
    assert (np.abs(greys[:, 0] - blend) <= 10).all()  # within a step of the grey ramp of the blend


def _codes(app, strip_segments) -> list[tuple[str, int]]:
    return [(kind, int(n)) for kind, n in SGR_256.findall(Strip(strip_segments).render(app.console))]


async def test_the_weights_pane_in_256_colours_writes_palette_numbers_from_its_ramps(monkeypatch):
    _set_terminal(monkeypatch, {"TERM": "xterm-256color"})
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one("#weights")
        pal, place = pane.read_palette(), pane._place
        ramps = set(_numbers(cube_path(pal.neutral, pal.positive))) | set(_numbers(cube_path(pal.neutral,
                                                                                               pal.negative)))
        assert ramps == {237, *POSITIVE_NUMBERS, *NEGATIVE_NUMBERS}  # the theme's neutral, blue and orange
        heatmap_lines = range(place.y, place.y + place.rows * place.zoom // 2)
        used = set()
        for y in heatmap_lines:
            cells = [Segment(seg.text, seg.style) for seg in pane.line_slice(y, 0, place.cols * place.zoom)]
            used |= {n for _, n in _codes(app, cells)}
        assert used - ramps == {231}  # and the selection's white ring
        assert len(used & set(POSITIVE_NUMBERS)) >= 3 and len(used & set(NEGATIVE_NUMBERS)) >= 3

        def top_colour(j: int) -> int:  # the foreground of the first cell of W0[0, j]'s square: its top pixels
            x = place.x + (j - place.col0) * place.zoom
            codes = _codes(app, list(pane.line_slice(place.y, x, 1)))
            return dict(codes)["38"]

        assert [top_colour(j) for j in (2, 6, 9, 12)] == [23, 67, 130, 208]


async def _screen_ansi(monkeypatch, env: dict[str, str], kind: str) -> str:
    """Everything the app would write for its whole first screen, as the terminal receives it."""
    _set_terminal(monkeypatch, env)
    app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return app.screen._compositor.render_full_update().render_segments(app.console)


@pytest.mark.parametrize("kind", ["spiral", "mnist"])
async def test_no_color_writes_no_colour_codes(monkeypatch, kind):
    coloured = await _screen_ansi(monkeypatch, {"TERM": "xterm-256color"}, kind)
    assert len(COLOUR_CODE.findall(coloured)) > 100  # the same screen in 256 colours is full of them
    for env in ({"TERM": "xterm-256color", "NO_COLOR": "1"},
                {"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"}):
        plain = await _screen_ansi(monkeypatch, env, kind)
        assert COLOUR_CODE.findall(plain) == []
        assert re.search(r"\x1b\[1[;m]", plain)  # bold still shows


def test_a_cube_ramp_over_no_cells_is_empty():
    """A run log whose Data pane has no test points drew its boundary in 256 colours with a ValueError."""
    out = cube_ramp(np.zeros(0), np.zeros((0, 3), np.uint8), np.full((0, 3), 255, np.uint8))
    assert out.shape == (0, 3) and out.dtype == np.uint8
