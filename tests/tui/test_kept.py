"""KeptWidgets: `kept(selector)` finds a widget once and again only after it has left the DOM."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.css.query import NoMatches
from textual.widgets import Static

from nntui.tui.kept import KeptWidgets


class Lines(KeptWidgets, App):
    def compose(self):
        yield Static("one", id="line")


async def test_a_kept_widget_is_found_once_then_again_after_it_is_replaced(monkeypatch):
    app = Lines()
    async with app.run_test() as pilot:
        first = app.kept("#line")
        walks = []
        query_one = app.query_one
        monkeypatch.setattr(app, "query_one", lambda selector: walks.append(selector) or query_one(selector))
        assert app.kept("#line") is first and walks == []  # no DOM walk while it is attached
        await first.remove()
        assert not app.has_kept("#line")
        with pytest.raises(NoMatches):
            app.kept("#line")
        await app.mount(Static("two", id="line"))
        await pilot.pause()
        second = app.kept("#line")
        assert second is not first and second.id == "line" and walks == ["#line", "#line"]
        assert app.has_kept("#line")
