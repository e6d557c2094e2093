"""What a pane's redraw marks for repaint: each band once, with exactly the changed cells; the border title only
when it changes (Textual repaints the whole pane whenever it is set)."""

from __future__ import annotations

from frames import make_frame

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.widgets.pane import Band


async def test_a_redraw_marks_each_band_once_with_the_changed_cells_only(monkeypatch):
    first, second = make_frame("spiral", seed=0, step=7), make_frame("spiral", seed=1, step=8)
    app = make_app(RunConfig(dataset="spiral"), frame=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one("#weights")
        before = pane._canvas
        marked: dict = {}
        for band in pane.query_children(Band):
            monkeypatch.setattr(band, "refresh", lambda *regions, b=band: marked.setdefault(b, []).append(regions))
        pane.frame = second
        pane.redraw()
        assert marked and all(len(calls) == 1 for calls in marked.values())  # one call a band
        changed = {(y, x) for y, start, stop in pane._canvas.changes(before) for x in range(start, stop)}
        cells = {(r.y, band.offset_in_pane + x) for band, [regions] in marked.items() for r in regions
                 for x in range(r.x, r.right)}
        assert cells == changed and all(r.height == 1 for [regions] in marked.values() for r in regions)


async def test_the_border_title_is_set_only_when_it_changes(monkeypatch):
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one("#network")
        refreshed = []
        monkeypatch.setattr(pane, "refresh", lambda *a, **k: refreshed.append((a, k)))
        title = pane.border_title
        pane.set_title(title)
        assert refreshed == []
        pane.set_title("Network · something else")
        assert pane.border_title == "Network · something else" and len(refreshed) == 1
