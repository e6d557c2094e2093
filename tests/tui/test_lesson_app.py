"""`nntui learn` in the app: the lesson panel, chapter and variant keys rebuilding the run, the chapter list."""

from __future__ import annotations

import threading

from pilot_helpers import text_of, wait_for

from nntui import lessons
from nntui.data import DataError
from nntui.cli.learn import lesson_run, lesson_source
from nntui.run.frame import DIVERGED, PAUSED, RUNNING
from nntui.tui.lesson_app import LessonApp
from nntui.tui.screens.chapters import ChapterList
from nntui.tui.screens.help import HelpScreen
from nntui.tui.updates import update_line

SMALL, GRID = (80, 24), (120, 40)
PANE_IDS = ("lesson", "network", "activations", "loss", "weights", "data")


def app_on(number: int, opener=lesson_run, variant: int = 0, **kwargs) -> LessonApp:
    """The lesson app on chapter `number` (its `variant`), opening chapters with `opener` (as `nntui learn` does)."""
    lesson = lessons.open_lesson(number, variant)
    return LessonApp(lesson, lesson_source(lesson), opener=opener, **kwargs)


def trainer_workers(app) -> list:
    return [w for w in app.workers if w.name == "trainer" and not w.is_finished]


def notes(app) -> list[str]:
    """Record the app's notifications (the end of the chapters, a chapter that failed to open)."""
    seen: list[str] = []
    app.notify = lambda message, **kwargs: seen.append(message)
    return seen


async def opened(pilot, app, number: int, variant: int = 0) -> None:
    await wait_for(pilot, lambda: (app.lesson.chapter.number, app.lesson.variant) == (number, variant)
                   and not app.switching.locked() and app.frame.dataset == app.config.dataset, tries=3000)


async def test_learn_n_opens_chapter_n_with_its_title_in_the_lesson_tab():
    app = app_on(3)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = [name for name in PANE_IDS if app.query_one(f"#{name}").region.area]
        assert shown == ["lesson"]
        text = text_of(app, "#lesson-text")
        assert text.startswith("Chapter 3 of 9: Why layers\nNow: no hidden layer  (v: one hidden layer of 4)\n")
        assert lessons.chapter(3).try_this in text.replace("\n", " ")
        assert "Lesson" in text_of(app, "#tab-lesson")
        assert "N next ch.  B prev ch.  v variant  c chapters" in text_of(app, "#keys")
        await pilot.press("q")


async def test_in_the_grid_the_lesson_stands_beside_all_five_panes():
    app = app_on(1)
    async with app.run_test(size=GRID) as pilot:
        await pilot.pause()
        assert all(app.query_one(f"#{name}").region.area for name in PANE_IDS)
        panel = app.query_one("#lesson").region
        assert (panel.width, panel.right) == (30, GRID[0])  # a quarter of the width, at least 30 columns
        assert text_of(app, "#lesson-text").startswith("Chapter 1 of 9: One neuron\n\n")


async def test_next_and_previous_chapter_keys_rebuild_the_run():
    app = app_on(3)
    async with app.run_test(size=GRID) as pilot:
        first_loop = app.source
        assert (app.config.dataset, app.frame.layer_sizes, app.frame.state) == ("xor", (2, 1), RUNNING)
        await pilot.press("N")
        await opened(pilot, app, 4)
        assert (app.config.dataset, app.config.hidden, app.config.optimizer) == ("weather", (), "sgd")
        assert (app.frame.layer_sizes, app.frame.state) == ((2, 1), PAUSED)  # chapter 4 starts paused
        assert first_loop.stopped and app.source is not first_loop and len(trainer_workers(app)) == 1
        assert text_of(app, "#lesson-text").startswith("Chapter 4 of 9: Gradient descent")
        await pilot.press("B", "B")
        await opened(pilot, app, 2)
        assert (app.config.dataset, app.config.hidden, app.frame.layer_sizes) == ("moons", (8, 8), (2, 8, 8, 1))
        assert len(trainer_workers(app)) == 1
        await pilot.press("q")


async def test_keys_pressed_while_a_chapter_opens_count_from_the_chapter_asked_for():
    app = app_on(3)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("N", "N", "v")  # 4, then 5, then 5 has no variants
        await opened(pilot, app, 5)
        await pilot.pause(0.3)
        assert (app.lesson.chapter.number, app.config.batch_size, app.frame.layer_sizes) == (5, 1, (2, 4, 1))
        assert len(trainer_workers(app)) == 1
        await pilot.press("q")


async def test_v_switches_between_the_chapters_variants():
    app = app_on(3)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await opened(pilot, app, 3, 1)
        assert (app.config.hidden, app.frame.layer_sizes) == ((4,), (2, 4, 1))
        assert "Now: one hidden layer of 4  (v: no hidden layer)" in text_of(app, "#lesson-text")
        await pilot.press("v")
        await opened(pilot, app, 3, 0)
        assert (app.config.hidden, app.frame.layer_sizes) == ((), (2, 1))
        await pilot.press("q")


async def test_each_failure_of_chapter_9_has_its_own_explanation():
    app = app_on(9)
    async with app.run_test(size=SMALL) as pilot:
        for number, failure in enumerate(lessons.chapter(9).variants):
            if number:
                await pilot.press("v")
                await opened(pilot, app, 9, number)
            text = text_of(app, "#lesson-text").replace("\n", " ")
            assert f"Now: {failure.label}" in text and failure.idea in text and failure.try_this in text
            assert lessons.chapter(9).idea in text and lessons.chapter(9).try_this not in text
            assert bool(app.query("#lesson-updates")) == failure.shows_updates
            if failure.overrides.get("lr") == 50.0:
                await wait_for(pilot, lambda: app.frame.state == DIVERGED)
                assert "diverged at step 2" in app.frame.message
        await pilot.press("q")


async def test_the_vanishing_gradients_variant_shows_each_layers_update_size():
    app = app_on(9, variant=3)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.frame.step > 0)
        await pilot.press("space")  # paused: the line follows the frame at once
        await wait_for(pilot, lambda: app.frame.state == PAUSED)
        await pilot.pause()
        line = text_of(app, "#lesson-updates")
        assert line == update_line(app.frame) and line.startswith("lr·|dW|/|W| per step: W0 ")
        assert " · W6 " in line and "(W0 moves " in line
        await pilot.press("q")


async def test_the_ends_of_the_book_and_a_chapter_without_variants_say_so():
    app = app_on(1)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("B")
        await wait_for(pilot, lambda: text_of(app, "#event").strip() == "this is the first chapter: N goes on")
        await pilot.press("v")
        await wait_for(pilot, lambda: text_of(app, "#event").strip() == "chapter 1 has no variants")
        assert app.lesson.chapter.number == 1


async def test_the_chapter_list_opens_the_chosen_chapter():
    app = app_on(1, choose=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChapterList)
        await pilot.press("down", "down", "enter")
        await opened(pilot, app, 3)
        assert not isinstance(app.screen, ChapterList) and app.config.dataset == "xor"
        await pilot.press("c")
        assert isinstance(app.screen, ChapterList)
        await pilot.press("escape")
        assert not isinstance(app.screen, ChapterList) and app.lesson.chapter.number == 3
        await pilot.press("q")


async def test_a_chapter_that_opens_while_the_help_is_shown_closes_the_help():
    help_shown = threading.Event()

    def open_after_help(*args):
        assert help_shown.wait(30)
        return lesson_run(*args)

    app = app_on(3, open_after_help)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("N", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_shown.set()
        await opened(pilot, app, 4)
        assert not isinstance(app.screen, HelpScreen) and text_of(app, "#lesson-text").startswith("Chapter 4")
        await pilot.press("q")


async def test_a_chapter_that_fails_to_open_leaves_the_current_run():
    def broken(*args):
        raise DataError("the files are gone")

    app = app_on(3, broken)
    seen = notes(app)
    async with app.run_test(size=SMALL) as pilot:
        loop = app.source
        await pilot.press("N")
        await wait_for(pilot, lambda: seen == ["could not open the chapter: the files are gone"])
        assert app.lesson.chapter.number == 3 and app.source is loop and len(trainer_workers(app)) == 1
        assert app.query_one("#lesson").border_subtitle == "" and app.target == (3, 0)
        await pilot.press("q")


async def test_the_plain_app_has_no_lesson_keys(fake_app):
    app, loop = fake_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("N", "B", "v", "c")
        await pilot.pause()
        assert loop.commands == [] and not isinstance(app.screen, ChapterList) and not app.query("#lesson")
        assert [app.check_action(name, ()) for name in ("chapter", "variant", "chapters")] == [False] * 3
