"""Keys that do nothing say so, in the status line (issue 16, item 22): the palette's Screenshot saves an SVG and
says where; `v` without variants and `N` on the last chapter say why nothing opened; `N` at 80x24 shows the new
chapter's Lesson tab."""

from __future__ import annotations

from pilot_helpers import text_of, wait_for
from test_lesson_app import app_on, opened

from nntui.config import RunConfig
from nntui.tui.app import make_app
from fake_source import FakeSource

SMALL = (80, 24)


async def test_the_palettes_screenshot_saves_an_svg_and_the_status_line_says_where(tmp_path, monkeypatch, spiral_frame):
    monkeypatch.chdir(tmp_path)
    app = make_app(RunConfig(dataset="spiral"), FakeSource(spiral_frame))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "screenshot saved to " in text_of(app, "#event"))
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").lstrip().startswith("<svg")
        assert text_of(app, "#event").strip() == f"screenshot saved to {saved[0]}"


async def test_n_on_the_last_chapter_says_so_in_the_status_line():  # (v without variants: test_lesson_app.py)
    app = app_on(9)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("N")
        await wait_for(pilot, lambda: text_of(app, "#event").strip() == "this is the last chapter: B goes back")
        assert app.lesson.chapter.number == 9
        await pilot.press("q")


async def test_n_at_80x24_shows_the_new_chapters_lesson_tab():
    app = app_on(3)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab", "tab")
        assert app.pane == "activations"
        await pilot.press("N")
        await opened(pilot, app, 4)
        await pilot.pause(0.2)
        assert app.pane == "lesson"
        assert text_of(app, "#lesson-text").startswith("Chapter 4 of 9")
        assert app.query_one("#lesson").region.area and not app.query_one("#activations").region.area
        await pilot.press("q")
