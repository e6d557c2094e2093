"""The app of `nntui learn`: the usual panes plus the lesson panel, and keys to move between chapters.

Opening a chapter (N, B, v, c) calls the CLI's `opener` in a thread (it
loads the data and builds the chapter's run source), then stops the old worker, waits for it to end, swaps in
the new run and rebuilds the panes for the new data. Another variant of the
same chapter gets the current run's curves as its ghost (the Loss pane draws
both, to compare). A chapter that fails
to open leaves the current one running and says why in a notification. A key that opens nothing (`N` on the
last chapter, `v` without variants) says so in the status line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np

from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from nntui.lessons import CHAPTERS, Lesson, chapter
from nntui.run import commands as cmd
from nntui.run.frame import GhostCurve, frozen
from nntui.run.source import RunSource
from nntui.tui.app import NntuiApp
from nntui.tui.panes import PANES, Pane, Redraw
from nntui.tui.screens.chapters import ChapterList
from nntui.tui.widgets.lesson import LessonPanel
from nntui.tui.widgets.status import StatusBar

Opener = Callable[[int, int], tuple[Lesson, RunSource]]  # (chapter, variant) → the lesson and its run


class LessonApp(NntuiApp):
    """NntuiApp with a Lesson pane first and the lesson keys (keys.LESSONS) working."""

    # The lesson panel: the first tab on small terminals, docked right of the grid (app.tcss)
    panes = PANES.with_pane(Pane("lesson", "Lesson", lambda app, **kw: LessonPanel(app.lesson, **kw),
                                 Redraw(1.0, 1.0, 1.0), in_grid=False), first=True)  # (its update-size line)

    def __init__(self, lesson: Lesson, source: RunSource, *, opener: Opener, choose: bool = False) -> None:
        super().__init__(lesson.config, source=source, frame=source.first_frame())
        self.lesson = lesson
        self.opener = opener  # builds a chapter's run (from the command line's options)
        self.choose = choose  # open on the chapter list
        self.target = (lesson.chapter.number, lesson.variant)  # what the keys count from: the chapter asked for
        self.latest: Worker | None = None  # the worker opening `target` (if it fails, `target` goes back)
        self.switching = asyncio.Lock()
        self.set_reactive(NntuiApp.pane, "lesson")

    def on_mount(self) -> None:  # (Textual runs NntuiApp.on_mount first by itself)
        if self.choose:
            self.action_chapters()

    def set_busy(self, text: str) -> None:
        """Note under the lesson panel ("" clears it); no panel while the panes are rebuilt or the app ends."""
        for panel in self.screen_stack[0].query(LessonPanel) if self.screen_stack else ():
            panel.set_busy(text)  # (the first screen's: the chapter list or help may be on top)

    # -- keys -----------------------------------------------------------------

    def action_chapter(self, step: int) -> None:
        numbers = [ch.number for ch in CHAPTERS]
        at = numbers.index(self.target[0]) + step
        if 0 <= at < len(numbers):
            self.open_chapter(numbers[at])
        else:
            self.query_one(StatusBar).show_note(
                "this is the last chapter: B goes back" if step > 0 else "this is the first chapter: N goes on")

    def action_variant(self) -> None:
        number, variant = self.target
        ch = chapter(number)
        if ch.variants:
            self.open_chapter(number, (variant + 1) % len(ch.variants))
        else:
            self.query_one(StatusBar).show_note(f"chapter {ch.number} has no variants")

    def action_chapters(self) -> None:
        if not isinstance(self.screen, ChapterList):
            self.push_screen(ChapterList(self.target[0]),
                             callback=lambda number: number is not None and self.open_chapter(number))

    # -- switching runs -------------------------------------------------------

    def open_chapter(self, number: int, variant: int = 0) -> None:
        """Open chapter `number` (its `variant`) in place of the current run."""
        self.target = (number, variant)
        self.set_busy(f"opening chapter {number}…")
        self.latest = self.run_worker(self._open(number, variant), name="lesson", group="lesson",
                                      exit_on_error=False)

    async def _open(self, number: int, variant: int) -> None:
        lesson, source = await asyncio.to_thread(self.opener, number, variant)
        async with self.switching:  # one switch at a time, and only to the chapter asked for last
            if (number, variant) == self.target:
                await self.switch_run(lesson, source)

    async def switch_run(self, lesson: Lesson, source: RunSource) -> None:
        """Stop the current run, wait for its worker to end, then show and start `source`."""
        running = [w for w in self.workers if w.name == "trainer" and not w.is_finished]
        self.send(cmd.Stop())
        for worker in running:
            try:
                await worker.wait()
            except (WorkerFailed, WorkerCancelled):
                pass  # it has ended either way; its error was shown when it happened
        while len(self.screen_stack) > 1:  # the panes live on the first screen
            await self.pop_screen()
        ghost = self.ghost_for(lesson)
        if ghost is not None and cmd.SetGhost in source.supports:
            source.submit(cmd.SetGhost(ghost))  # applied before its first step; the first frame shows it
        self.lesson, self.config, self.source, self.frame = lesson, lesson.config, source, source.first_frame()
        self.set_reactive(NntuiApp.pane, "lesson")  # a new chapter opens on its lesson (one pane at a time)
        await self.recompose()
        self.start_run()

    def ghost_for(self, lesson: Lesson) -> GhostCurve | None:
        """The current run's curves, to stay in the Loss pane of `lesson` if it is another variant of this
        chapter (None for another chapter, or a run that took no step: then the ghost it had stays)."""
        old, frame = self.lesson, self._latest
        if lesson.chapter.number != old.chapter.number or not frame.step:
            return frame.ghost if lesson.chapter.number == old.chapter.number else None
        losses = np.asarray(frame.loss_history, np.float64)
        return GhostCurve(f"before: {old.chapter.variant_label(old.variant)}", frame.evals, frozen(losses),
                          first_step=frame.step - len(losses) + 1)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:  # (after NntuiApp's own)
        if event.worker.name == "lesson" and event.state == WorkerState.ERROR:
            if event.worker is self.latest:  # the keys count from the open chapter again
                self.target = (self.lesson.chapter.number, self.lesson.variant)
                self.set_busy("")
            self.notify(f"could not open the chapter: {event.worker.error}", severity="error", timeout=10)
