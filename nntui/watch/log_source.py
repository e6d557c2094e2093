"""LogSource: a run log as a RunSource, followed while its run is live and replayed once it has ended.

Its thread tails the log (TailReader) every POLL seconds and publishes a
frame whenever something new arrived: a snapshot (the panes follow the
newest one), scalars (the Loss pane and the status line), an event. Once the
log ends (its end record, or the end of a stream fed to it) it is a replay:
`Seek` moves through the snapshots and `TogglePause` plays and pauses them.
While the run is live and was started with control=True (the log has a
control file), the keys reach the user's loop through a Controller: pause,
step, nudge, set and zero a weight, undo, the learning rate.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from pathlib import Path

from nntui.run import commands as cmd
from nntui.run.frame import PAUSED, RUNNING, Frame
from nntui.watch.control import Controller, control_path
from nntui.watch.errors import LogError
from nntui.watch.log_commands import CONTROL, seek_to, send_to_loop
from nntui.watch.log_frames import blank_snapshot, frame_at, scalar_upto
from nntui.watch.log_over_time import LogOverTime
from nntui.watch.log_status import Tail
from nntui.watch.reader import TailReader

POLL = 0.05  # seconds between reads of the log: a snapshot is on screen well within 0.5 s
PLAY_EVERY = 0.2  # seconds per snapshot while a replay plays


class LogSource:
    """A run log the app shows (see the module docstring). `eof`, when given, is set once the stream that fills
    `path` has ended (a log read from stdin); without it the file is the log and may grow."""

    def __init__(self, path: str | os.PathLike, *, name: str | None = None, eof: threading.Event | None = None,
                 wait: float = 5.0):
        self.path = Path(path)
        self.tail = Tail(TailReader(path), name or str(path), eof)
        self.title = name or self.path.name  # how the status line names the run
        self.tail.wait_for_meta(wait)
        self.index: int | None = None if self.live else len(self.tail.run.snapshots) - 1  # None: follow
        self.controller = self._controller()
        self.paused = self.playing = False
        self.seq = 0
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stop, self._done, self._started = threading.Event(), threading.Event(), False
        self._play_at = 0.0
        self.over_time = LogOverTime()  # the `o` view, from the snapshots

    def _controller(self) -> Controller | None:
        return Controller(self.path) if self.live and control_path(self.path).exists() else None

    @property
    def live(self) -> bool:
        return not self.tail.finished

    @property
    def trains(self) -> bool:
        return self.live and self.controller is not None

    @property
    def label(self) -> str:
        if not self.live:
            return "a recorded run"
        return "this watched run" if self.controller else "a run watched without control=True"

    @property
    def supports(self) -> frozenset[type]:
        """Stop and Seek; a replay plays (TogglePause); a live run with control takes CONTROL."""
        extra = {cmd.TogglePause} if not self.live else CONTROL if self.controller else frozenset()
        return frozenset({cmd.Stop, cmd.Seek, *extra})

    def shown(self) -> int | None:
        """Index of the snapshot shown (None: there is none yet)."""
        n = len(self.tail.run.snapshots)
        if n == 0:
            return None
        return n - 1 if self.index is None else min(self.index, n - 1)

    def first_frame(self) -> Frame:
        return self._frame()

    def _frame(self) -> Frame:
        run, k = self.tail.run, self.shown()
        snap = blank_snapshot(run.meta) if k is None else run.snapshots[k]
        following = self.index is None
        upto = int(run.scalars.steps[-1]) if following and len(run.scalars) else snap.step
        still = self.paused or not (self.live or self.playing)
        self.seq += 1
        message = self.tail.message(k, replay=not self.live, paused=self.paused and self.live, following=following)
        return frame_at(run, snap, seq=self.seq, state=PAUSED if still else RUNNING, upto=upto,
                        label=self.title, message=message,
                        nudge=None if self.tail.silence() else self.tail.nudge,  # a silent log says so first
                        over_time=self.over_time.view(run, k))

    def run(self, publish, should_stop) -> None:
        self._started = True
        try:
            while not (self._stop.is_set() or should_stop()):
                changed = self._apply_commands()
                was_live = self.live
                changed |= self.tail.read()
                if was_live and not self.live:
                    self._ended()
                changed |= self._play()
                if changed or self.tail.news():
                    publish(self._frame())
                self._stop.wait(POLL)
        finally:
            self._done.set()

    def _ended(self) -> None:
        """The run ended while followed: no more control; the replay starts at the last snapshot."""
        if self.controller is not None:
            self.controller.close()
            self.controller = None
        self.paused = False

    def _play(self) -> bool:
        if not self.playing or time.monotonic() < self._play_at:
            return False
        last = len(self.tail.run.snapshots) - 1
        self.index = min((self.shown() or 0) + 1, last)
        self.playing = self.index < last
        self._play_at = time.monotonic() + PLAY_EVERY
        return True

    def submit(self, command) -> None:
        if type(command) not in self.supports:
            raise TypeError(f"{self.label} does not take {type(command).__name__}")
        if isinstance(command, cmd.Stop):
            self._stop.set()
        self._commands.put(command)

    def _apply_commands(self) -> bool:
        """Apply the commands queued since the last call (True if any); one the run no longer takes is dropped."""
        changed = False
        while not self._commands.empty():
            command = self._commands.get()
            if type(command) in self.supports:  # the run may have ended since it was sent
                self._apply(command)
                changed = True
        return changed

    def _apply(self, command) -> None:
        if isinstance(command, cmd.Seek):
            self._seek(command)
        elif isinstance(command, cmd.TogglePause) and not self.live:
            self.playing, self._play_at = not self.playing, time.monotonic() + PLAY_EVERY
            if self.playing and self.shown() == len(self.tail.run.snapshots) - 1:
                self.index = 0  # played to the end: play again from the first snapshot
        elif not isinstance(command, cmd.Stop):
            self._control(command)

    def _seek(self, seek: cmd.Seek) -> None:
        n = len(self.tail.run.snapshots)
        if n:
            k = seek_to(self.shown(), n, seek)
            self.index = None if self.live and k == n - 1 else k

    def _control(self, command) -> None:
        if isinstance(command, (cmd.TogglePause, cmd.Step)):
            self.paused = isinstance(command, cmd.Step) or not self.paused
        refused = send_to_loop(self.controller, command, self.paused, scalar_upto(self.tail.run, "lr", 1 << 62))
        if refused:
            self.tail.note = refused

    def save(self, selection: dict | None = None) -> Path | None:
        return None  # the log is the record: there is nothing to continue

    def close(self, timeout: float = 10.0) -> bool:
        self._stop.set()
        done = not self._started or self._done.wait(timeout)
        if done:
            if self.controller is not None:
                self.controller.close()  # bye: the user's loop trains on
                self.controller = None
            self.tail.close()
        return done


def open_log(path: str | os.PathLike, **kwargs) -> LogSource:
    """A LogSource on `path`; LogError (one sentence) when it is missing, not a log, or from a newer nntui."""
    if Path(path).is_dir():
        raise LogError(f"{path} is a folder, not a run log.")
    return LogSource(path, **kwargs)
