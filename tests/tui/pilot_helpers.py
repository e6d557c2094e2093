"""Test helpers: waiting for the app, reading what a widget shows (the fake source is in fake_source.py)."""

from __future__ import annotations

from nntui.tui.widgets.pane import CanvasPane


def text_of(app, selector: str) -> str:
    """The text a Static-like widget shows."""
    return str(app.query_one(selector).render())


def pane_line(pane: CanvasPane, y: int) -> str:
    """The text of line y of a pane drawn cell by cell."""
    return pane.line_slice(y, 0, pane.size.width).text


async def wait_for(pilot, condition, tries: int = 500) -> None:
    """Let the app process messages until `condition()` holds (frames come from another thread)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never reached the expected state")
