"""LeanScreen: a partial update asks each widget only for the rows a change crosses, and paints what a full
render paints."""

from __future__ import annotations

from frames import make_frame
from textual.geometry import Region

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.leanscreen import Changes, LeanCompositor
from nntui.tui.widgets.keyline import KeyLine
from nntui.tui.widgets.status import StatusBar


def test_the_rows_asked_are_the_rows_a_span_crosses_within_the_widgets_columns_merged():
    changes = Changes([Region(0, 0, 120, 1), Region(50, 3, 10, 2), Region(0, 9, 5, 1), Region(30, 6, 2, 1)])
    assert changes.box == Region(0, 0, 120, 10)
    shown = Region(20, 0, 40, 8)  # columns 20..59, rows 0..7
    assert list(changes.rows(shown)) == [(0, 1), (3, 5), (6, 7)]  # row 9 is below, (0, 9)'s span left of it
    assert list(changes.rows(Region(60, 3, 10, 2))) == []  # touches column 60 only: 50 + 10 ends before it
    assert list(changes.rows(Region(0, 0, 5, 12))) == [(0, 1), (9, 10)]
    assert list(changes.rows(Region(0, 20, 120, 5))) == []  # below the box
    assert list(Changes([]).rows(shown)) == []


def chop_line(chops: dict, y: int) -> dict[int, str]:
    """Column → character of line y's chops (those rendered)."""
    cells = {}
    for cut, strip in sorted(chops[y].items()):
        if strip is not None:
            for offset, char in enumerate(strip.text):
                cells[cut + offset] = char
    return cells


async def test_a_status_and_key_line_update_asks_no_widget_between_and_paints_as_a_full_render(monkeypatch):
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        assert isinstance(compositor, LeanCompositor)
        full = [strip.text for strip in compositor.render_strips()]
        status, keys = app.query_one(StatusBar).region, app.query_one(KeyLine).region
        changed = {Region(0, status.y, 120, 1), Region(0, keys.y, 120, 1)}
        asked: dict = {}
        for widget, (region, _) in compositor.visible_widgets.items():
            monkeypatch.setattr(widget, "render_lines", lambda crop, w=widget, r=region, f=widget.render_lines:
                                asked.setdefault(w, []).append(crop.translate(r.offset)) or f(crop))
        compositor._dirty_regions.update(changed)
        update = compositor.render_partial_update()
        assert {y for y, _, _ in update.spans} == {status.y, keys.y}
        rows_asked = {crop.y + dy for crops in asked.values() for crop in crops for dy in range(crop.height)}
        assert rows_asked == {status.y, keys.y}  # nothing between the two lines is rendered
        panes = [w for w in compositor.visible_widgets if w.id in app.panes.ids]
        assert panes and not any(p in asked for p in panes)
        assert compositor.visible_widgets.keys() - asked.keys()  # some widgets were not asked at all
        for y, x1, x2 in update.spans:
            cells = chop_line(update.chops, y)
            assert "".join(cells[x] for x in range(x1, x2)) == full[y][x1:x2]
        assert "step" in full[status.y]

