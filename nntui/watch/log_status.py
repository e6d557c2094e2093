"""Tail: one run log being read, the run it has filled so far, and what the status line says about it.

It reads with a TailReader, keeps the run up to date (`Run.add`), turns
control events into what the viewer shows (the last nudge's probe loss
before → after, a refused command, the learning rate), and names how the log
stands: followed, silent for a while (a trainer that was killed writes
nothing more; a torn record it left is named), ended, damaged after its end.
"""

from __future__ import annotations

import threading
import time

from nntui.run.frame import NudgeResult
from nntui.watch.errors import LogError
from nntui.watch.reader import TailReader
from nntui.watch.records import Event
from nntui.watch.run import Run

POLL = 0.05
SILENT_AFTER = 5.0  # seconds without a new record before the status line says so
SEPARATOR = " · "


class Tail:
    """The records of one log read so far; `read()` reads more, `message()` is the status line's part."""

    def __init__(self, reader: TailReader, name: str, eof: threading.Event | None = None):
        self.reader, self.name, self._eof = reader, name, eof
        self.run = Run()
        self.finished = False  # the run ended (end record), or the stream feeding the log did
        self.nudge: NudgeResult | None = None
        self.note = ""  # the latest control event worth a line
        self._grew = time.monotonic()
        self._silence = ""

    def read(self) -> bool:
        """Read what was appended; True when anything changed."""
        final = self._eof is not None and self._eof.is_set()
        try:
            records = self.reader.poll(final=final)
        except LogError as e:  # a spooled stream is named as the user named it
            raise LogError(str(e).replace(str(self.reader.path), self.name)) from None
        for record in records:
            self.run.add(record)
            if isinstance(record, Event):
                self._event(record)
        self.run.damage = self.reader.damage
        was = self.finished
        self.finished = self.reader.ended or final
        if records:
            self._grew = time.monotonic()
        return bool(records) or self.finished != was

    def wait_for_meta(self, wait: float) -> None:
        """Read until the meta record is in; LogError when the log has none within `wait` seconds (or ends)."""
        deadline = time.monotonic() + wait
        self.read()
        while self.run.meta is None:
            if self.finished or time.monotonic() > deadline:
                why = self.reader.damage or self.reader.pending or "it holds no meta record"
                raise LogError(f"{self.name} holds no run to show ({why}).")
            time.sleep(POLL)
            self.read()

    def _event(self, e: Event) -> None:
        f = e.fields
        if e.kind in ("nudged", "undone"):
            self.nudge = NudgeResult(layer=f["layer"], i=f["i"], j=f["j"], w_before=f["old"], w_after=f["new"],
                                     loss_before=f["loss_before"], loss_after=f["loss_after"])
            self.note = "undone" if e.kind == "undone" else ""
        elif e.kind == "rejected":
            self.note = f"the run refused '{f.get('line', '')}': {f.get('reason', '')}"
        elif e.kind == "lr":
            self.note = f"learning rate set to {f['lr']:.3g}"
        elif e.kind == "viewer_lost":
            self.note = "the run lost this viewer's heartbeat and trained on"

    def silence(self) -> str:
        """'no new record for 12 s' (and a torn record waited on) once the log has been silent a while."""
        quiet = time.monotonic() - self._grew
        if self.finished or quiet < SILENT_AFTER:
            return ""
        pending = f": {self.reader.pending}" if self.reader.pending else ""
        return f"no new record for {quiet:.0f} s (has the run stopped?){pending}"

    def news(self) -> bool:
        """True when the silence line changed (it counts seconds): a new frame should say so."""
        said, self._silence = self._silence, self.silence()
        return said != self._silence

    def message(self, shown: int | None, *, replay: bool, paused: bool, following: bool) -> str:
        run, parts = self.run, []
        if run.damage:
            parts.append(f"damaged log: {run.damage}")
        if replay:
            parts.append(f"the run ended at step {run.end.step}" if run.end else "the log ended without an end record")
        elif paused:
            parts.append("paused: n lets one step through, space resumes")
        if shown is not None and not following:
            keys = "← → home end, space plays" if replay else "← → home, end follows the run"
            parts.append(f"snapshot {shown + 1}/{len(run.snapshots)} (step {run.snapshots[shown].step}): {keys}")
        elif not replay and not paused:
            parts.append("following the run")
        parts.append(self.silence())
        if run.dropped:
            parts.append(f"{run.dropped} snapshots dropped")
        parts.append(self.note)
        return SEPARATOR.join(p for p in parts if p)

    def close(self) -> None:
        self.reader.close()
