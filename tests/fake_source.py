"""FakeSource: a RunSource the tests drive by hand, for the UI tests and the contract suite.

It shows a fixed first frame, publishes only the frames a test hands it
(`publish(frame)`, from the test's thread), records the commands it accepts,
and accepts only the command types it is told to (`supports`): a stand-in
for a recorded run or a user's loop, which cannot do all nntui's trainer can.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import replace
from pathlib import Path

from nntui.run import commands as cmd
from nntui.run.frame import Frame

WATCH_ONLY = frozenset({cmd.Stop})  # a recorded run: it can be watched and closed, nothing else


class FakeSource:
    """A run source whose frames and failures the test decides."""

    trains = True

    def __init__(self, frame: Frame, *, fail_with: Exception | None = None, supports: frozenset = cmd.TRAINER_COMMANDS,
                 label: str = "this run", save_dir: Path | None = None):
        self.frame = frame
        self.commands: list = []
        self.fail_with = fail_with
        self.supports = supports | {cmd.Stop}
        self.label = label
        self.save_dir = save_dir  # where `save` writes; None: this source cannot save
        self.stopped = threading.Event()
        self.started = threading.Event()
        self.finished = threading.Event()
        self._outbox: queue.SimpleQueue[Frame] = queue.SimpleQueue()

    def submit(self, command) -> None:
        if type(command) not in self.supports:
            raise TypeError(f"{self.label} does not take {type(command).__name__}")
        self.commands.append(command)
        if isinstance(command, cmd.Stop):
            self.stopped.set()
        elif isinstance(command, cmd.Step):  # answered at once, like a paused trainer
            self.publish(replace(self.frame, seq=self.frame.seq + 1, step=self.frame.step + command.count))

    def first_frame(self) -> Frame:
        return self.frame

    def publish(self, frame: Frame) -> None:
        """Hand `frame` to the thread inside `run`, which publishes it."""
        self.frame = frame
        self._outbox.put(frame)

    def run(self, publish, should_stop) -> None:
        self.started.set()
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

    def save(self, selection: dict | None = None) -> Path | None:
        if self.save_dir is None:
            return None
        path = self.save_dir / f"fake-step{self.frame.step}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(repr(selection or {}))
        return path

    def close(self, timeout: float = 10.0) -> bool:
        self.stopped.set()
        return not self.started.is_set() or self.finished.wait(timeout)
