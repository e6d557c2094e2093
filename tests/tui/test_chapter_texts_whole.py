"""Nothing in the status line, the key line or a one-line caption is cut mid-word, in every chapter, at 80x24
and 120x40 (the panes drawn cell by cell are checked in test_whole_words.py).

A one-line text either fits whole or is shortened at a break and ends in "…": the status line's event
("could not save …: No sp" was cut by the terminal's edge), the Loss pane's caption and legend, the key line.
The chapters open as `nntui learn N` does, on their real runs, and are checked in every pane (tab at 80x24).
"""

from __future__ import annotations

import pytest
from pilot_helpers import wait_for
from test_lesson_app import app_on, opened
from test_whole_words import SIZES, _watch_cuts
from textual.geometry import Region
from textual.widgets import Static

from nntui import lessons
from nntui.tui.render import ELLIPSIS
from nntui.tui.widgets.status import StatusBar, TextLine

CHAPTERS = range(1, len(lessons.CHAPTERS) + 1)
TABS = 6  # the Lesson tab and the five panes


def line_cuts(app) -> list[str]:
    """One-line texts shown shorter than they are, without the "…" that says so."""
    cuts = []
    for line in app.query(TextLine):
        width = line.size.width
        if not width:
            continue
        shown = line.render_lines(Region(0, 0, width, 1))[0].text.strip()
        if shown != line.text and not shown.endswith(ELLIPSIS):
            cuts.append(f"{line.id}: {line.text!r} shown as {shown!r}")
    for caption in app.query(Static):
        if caption.size.height == 1 and caption.size.width and caption.display:
            text = str(caption.render())
            if "\n" not in text and len(text) > caption.size.width:
                cuts.append(f"{caption.id}: {text!r} in {caption.size.width} columns")
    return cuts


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("number", CHAPTERS)
async def test_no_text_of_a_chapter_is_cut_mid_word(monkeypatch, number, size):
    pane_cuts = _watch_cuts(monkeypatch)
    app = app_on(number)
    cuts: list[str] = []
    async with app.run_test(size=SIZES[size]) as pilot:
        await opened(pilot, app, number)
        await wait_for(pilot, lambda: app.frame.step > 0 or app.frame.state != "running", tries=3000)
        await pilot.press("space")  # paused: the same text for every tab
        for _ in range(TABS if size == "80x24" else 1):
            await pilot.pause()
            cuts += line_cuts(app)
            await pilot.press("tab")
        await pilot.press("q")
    assert cuts == [] and pane_cuts == []


async def test_a_long_event_is_shortened_at_a_break_at_80_columns():
    app = app_on(1)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await opened(pilot, app, 1)
        app.query_one(StatusBar).show_note("saved to /tmp/weather-step12-k3j2h1.npz (no space left on device in "
                                           "/home/someone/.local/state/nntui/checkpoints)")
        await pilot.pause()
        event = app.query_one("#event", TextLine)
        shown = event.render_lines(Region(0, 0, event.size.width, 1))[0].text.strip()
        assert shown == "saved to /tmp/weather-step12-k3j2h1.npz (no space left on device in…"
        await pilot.press("q")
