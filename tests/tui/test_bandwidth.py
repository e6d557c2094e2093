"""What keeps the terminal output small: repaint only changed cells and lines, snap to the terminal's colours."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from frames import make_frame
from rich.color import ColorSystem

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.lowband import prefer_256_colours
from nntui.tui.render import Canvas, snap_colors
from nntui.tui.widgets.edges import _keep_shown
from nntui.tui.widgets.status import StatusBar, TextLine

GREY, WHITE = (30, 30, 30), (255, 255, 255)


def test_low_bandwidth_asks_a_truecolor_terminal_for_256_colours():
    env = {"COLORTERM": "truecolor"}
    assert prefer_256_colours(env) and env["TEXTUAL_COLOR_SYSTEM"] == "256"
    chosen = {"COLORTERM": "24bit", "TEXTUAL_COLOR_SYSTEM": "truecolor"}
    assert not prefer_256_colours(chosen) and chosen["TEXTUAL_COLOR_SYSTEM"] == "truecolor"
    plain = {"TERM": "xterm-256color"}
    assert not prefer_256_colours(plain) and "TEXTUAL_COLOR_SYSTEM" not in plain


def test_snapping_to_256_colours_merges_shades_the_terminal_shows_alike():
    rgb = np.array([[78, 158, 230], [80, 160, 228], [242, 142, 43], GREY], np.uint8)
    snapped = snap_colors(rgb, ColorSystem.EIGHT_BIT)
    assert snapped.tolist() == [[95, 175, 215], [95, 175, 215], [255, 135, 0], [28, 28, 28]]


def test_changes_are_the_runs_of_cells_that_differ():
    before = Canvas(10, 3, WHITE, GREY)
    before.text(1, 0, "abcdefghij")
    after = Canvas(10, 3, WHITE, GREY)
    after.text(1, 0, "abcXYfghiZ")
    after.fill(2, 4, 1, 2, (0, 0, 255))
    assert after.changes(before) == [(1, 3, 5), (1, 9, 10), (2, 4, 6)]
    same = Canvas(10, 3, WHITE, GREY)
    same.text(1, 0, "abcdefghij")
    assert same.changes(before) == []
    assert Canvas(9, 3, WHITE, GREY).changes(before) == [(0, 0, 9), (1, 0, 9), (2, 0, 9)]  # a resize: all


async def test_status_lines_repaint_only_when_their_text_changes(monkeypatch):
    frame = make_frame("spiral")
    app = make_app(RunConfig(dataset="spiral"), frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        repainted = []
        for line in app.query_one(StatusBar).query(TextLine):
            monkeypatch.setattr(line, "refresh", lambda *args, _id=line.id, **kwargs: repainted.append((_id, kwargs)))
        bar = app.query_one(StatusBar)
        bar.show(frame)
        assert repainted == []
        bar.show(replace(frame, step=frame.step + 1))
        assert repainted == [("stats", {"layout": False})]  # one line, and no layout pass of the screen
        other = "running" if frame.state == "paused" else "paused"
        bar.show(replace(frame, step=frame.step + 2, state=other))
        assert repainted[1] == ("state", {"layout": True})  # a new word: its width changes
        assert [line for line, _ in repainted[2:]].count("stats") == 1 and "event" not in [l for l, _ in repainted]


def test_edges_drawn_before_stay_while_among_the_strongest():
    ranked = np.array([5, 4, 3, 2, 1, 0])  # flat indices into 2 rows x 3 columns, strongest first
    rows, cols = np.array([10, 11]), np.array([20, 21, 22])
    assert _keep_shown(ranked, 2, rows, cols, None).tolist() == [5, 4]
    assert _keep_shown(ranked, 2, rows, cols, {(11, 20)}).tolist() == [3, 5]  # flat 3 = (11, 20): 3rd, kept
    assert _keep_shown(ranked, 2, rows, cols, {(10, 20)}).tolist() == [5, 4]  # flat 0: 6th of 6, dropped
