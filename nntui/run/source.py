"""RunSource: what the app watches, and the one contract every source of frames keeps.

A source hands the UI a first frame, then publishes frames from its own
thread (`run`) until told to stop; the UI sends commands down with `submit`.
A source declares the command types it accepts in `supports`: the UI dims
the keys of the others and says why instead of sending them (`refusal`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from nntui.run import commands as cmd
from nntui.run.frame import Frame

Publish = Callable[[Frame], None]


@runtime_checkable
class RunSource(Protocol):
    """A run the app can show: nntui's own trainer, a recorded run, a user's training loop."""

    label: str  # how a sentence names the run: "this run", "a recorded run"
    trains: bool  # True when the source trains (steps, pauses and the learning rate mean something)
    supports: frozenset[type]  # the command types `submit` accepts; Stop is always among them

    def first_frame(self) -> Frame:
        """The frame to show before `run` publishes any (callable from any thread before `run` starts)."""

    def run(self, publish: Publish, should_stop: Callable[[], bool]) -> None:
        """Publish frames (from the caller's thread) until Stop arrives or `should_stop()` is true."""

    def submit(self, command: cmd.Command) -> None:
        """Queue `command` (thread-safe); a training source applies it between steps."""

    def save(self, selection: dict | None = None) -> Path | None:
        """Save the run with the UI's `selection` so it can be continued; the path written, or None if the
        source cannot save. Safe from any thread; raises OSError if writing fails (SavedElsewhere when the
        run was saved, but not where --resume looks)."""

    def close(self, timeout: float) -> bool:
        """Stop the run and wait up to `timeout` seconds for `run` to return; True once it has (or never ran)."""


class SavedElsewhere(OSError):
    """`save` could not write its usual place but saved the run to `path` (the system temp folder); the message
    says why and where in one sentence."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


def refusal(source: RunSource, command_type: type) -> str | None:
    """Why `source` does not take commands of `command_type` ("a recorded run cannot be nudged"), or None."""
    if command_type in source.supports:
        return None
    return f"{source.label} cannot {command_type.REFUSED}"
