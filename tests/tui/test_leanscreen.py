"""LeanScreen: a partial update renders only the widgets under the change, and paints what a full render paints."""

from __future__ import annotations

from frames import make_frame
from textual.geometry import Region
from textual.strip import Strip

from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.leanscreen import LeanCompositor
from nntui.tui.widgets.keyline import KeyLine


async def test_a_status_line_update_renders_the_top_widgets_only_and_paints_as_a_full_render(monkeypatch):
    app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        assert isinstance(compositor, LeanCompositor)
        full = compositor.render_strips()
        rendered = []
        key_line = app.query_one(KeyLine)
        monkeypatch.setattr(key_line, "render_lines", lambda crop: rendered.append(crop) or [])
        top = Region(0, 0, 120, 2)  # the status bar's two lines
        chops = compositor._render_chops(top, lambda y: y < 2)
        assert rendered == []  # the key line, at the bottom, is not asked for anything
        for y in (0, 1):
            line = Strip.join([strip for strip in chops[y].values() if strip is not None])
            assert line.text == full[y].text and "step" in full[0].text
        assert compositor.visible_widgets[key_line]  # outside a partial render every widget is still offered
