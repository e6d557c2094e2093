"""Test helpers: a stand-in for TrainerLoop, waiting for the app, reading what a widget shows."""

from __future__ import annotations

import queue
import threading

from nntui.training import commands as cmd
from nntui.training.frame import Frame
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


class FakeLoop:
    """submit / first_frame / run, as TrainerLoop has them; `publish(frame)` sends a frame up from its thread."""

    def __init__(self, frame: Frame, *, fail_with: Exception | None = None):
        self.frame = frame
        self.commands: list = []
        self.fail_with = fail_with
        self.stopped = threading.Event()
        self.finished = threading.Event()
        self._outbox: queue.SimpleQueue[Frame] = queue.SimpleQueue()

    def submit(self, command) -> None:
        self.commands.append(command)
        if isinstance(command, cmd.Stop):
            self.stopped.set()

    def first_frame(self) -> Frame:
        return self.frame

    def publish(self, frame: Frame) -> None:
        self._outbox.put(frame)

    def run(self, publish, should_stop) -> None:
        try:
            if self.fail_with is not None:
                raise self.fail_with
            while not (self.stopped.is_set() or should_stop()):
                try:
                    frame = self._outbox.get(timeout=0.01)
                except queue.Empty:
                    continue
                publish(frame)
        finally:
            self.finished.set()
