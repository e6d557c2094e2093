"""Control of a watched run from a viewer: an append-only text file beside the run log, never a network port.

The file is `<log>.control` (e.g. `runs/mnist.nnt.control`); the training
process creates it empty when it starts with `control=True`. The viewer
appends one command a line (UTF-8, words separated by spaces, ending in `\\n`):

| line | effect in the training process |
|---|---|
| `pause` | the next optimizer step blocks in its pre-hook until told otherwise |
| `resume` | train on |
| `step N` | let exactly N more steps through, then block again (pauses if running) |
| `nudge L I J DELTA` | W[L][I, J] += DELTA between steps, under torch.no_grad() |
| `set L I J VALUE` / `zero L I J` | W[L][I, J] = VALUE / 0 |
| `undo` | undo the last nudge, set or zero |
| `lr VALUE` | the learning rate of every parameter group |
| `bye` | the viewer leaves: train on |

Indices are nntui's: layer L counts the nn.Linear layers from 0, W[L] has
shape (fan_in, fan_out), so I is the input neuron and J the output neuron,
and W[L][I, J] is the torch module's `weight[J, I]`.

Heartbeat: the viewer touches the file (its modification time) every 0.25 s.
While the run is paused and the file is older than STALE_AFTER seconds, the
viewer is taken to be gone: training goes on and one warning says so.

Replies go into the run log as event records: `paused`, `nudged` (with the
weight and the probe loss before and after), `undone`, `lr`, `rejected`
(the line and why), `viewer_lost`.
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from nntui.watch.errors import WatchError

STALE_AFTER = 1.0
HEARTBEAT = 0.25
EDITS = {"nudge": 4, "set": 4, "zero": 3, "undo": 0, "lr": 1}  # commands the framework applies → argument count


def control_path(log_path: str | os.PathLike) -> Path:
    return Path(f"{log_path}.control")


class Controller:
    """The viewer's side: writes commands and the heartbeat. One per viewer; close() says bye."""

    def __init__(self, log_path: str | os.PathLike, heartbeat: float = HEARTBEAT):
        self.path = control_path(log_path)
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            raise WatchError(f"the run {log_path} takes no commands: it was not started with control=True.") from None
        self._closed = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, args=(heartbeat,), name="nntui-heartbeat", daemon=True)
        self._beat.start()

    def _heartbeat(self, interval: float) -> None:
        while not self._closed.wait(interval):
            try:
                os.utime(self.path)
            except OSError:
                return

    def send(self, *words) -> None:
        os.write(self._fd, (" ".join(str(w) for w in words) + "\n").encode())

    def pause(self) -> None:
        self.send("pause")

    def resume(self) -> None:
        self.send("resume")

    def step(self, n: int = 1) -> None:
        self.send("step", int(n))

    def nudge(self, layer: int, i: int, j: int, delta: float) -> None:
        self.send("nudge", int(layer), int(i), int(j), repr(float(delta)))

    def set(self, layer: int, i: int, j: int, value: float) -> None:
        self.send("set", int(layer), int(i), int(j), repr(float(value)))

    def zero(self, layer: int, i: int, j: int) -> None:
        self.send("zero", int(layer), int(i), int(j))

    def undo(self) -> None:
        self.send("undo")

    def set_lr(self, lr: float) -> None:
        self.send("lr", repr(float(lr)))

    def close(self) -> None:
        if not self._closed.is_set():
            self.send("bye")
            self._closed.set()
            self._beat.join()
            os.close(self._fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class ControlChannel:
    """The training side: reads new lines and holds the loop while paused. `edit(words)` applies an edit command."""

    def __init__(self, log_path, edit: Callable[[list[str]], None], event: Callable[..., None],
                 on_pause: Callable[[], None], poll: float = 0.01):
        self.path = control_path(log_path)
        try:
            self.path.write_bytes(b"")
            self._file = open(self.path, "rb")
        except OSError as e:
            raise WatchError(f"cannot create the control file {self.path}: {(e.strerror or str(e)).lower()}.") from None
        self._edit, self._event, self._on_pause, self._poll = edit, event, on_pause, poll
        self._rest = b""
        self.paused = False
        self.allowance = 0
        self._warned = False

    def before_step(self) -> None:
        """Called before each optimizer step: apply commands, block while paused (unless a step is allowed)."""
        self.read()
        if self.paused and self.allowance == 0:
            self._on_pause()
            while self.paused and self.allowance == 0 and not self._viewer_lost():
                time.sleep(self._poll)
                self.read()
        if self.allowance:
            self.allowance -= 1

    def _viewer_lost(self) -> bool:
        try:
            age = time.time() - os.stat(self.path).st_mtime
        except OSError:
            age = float("inf")
        if age <= STALE_AFTER:
            return False
        self.paused, self.allowance = False, 0
        self._event("viewer_lost", seconds=round(age, 3))
        if not self._warned:
            self._warned = True
            warnings.warn(f"nntui: no heartbeat from the viewer for {age:.1f} s while paused; training goes on.",
                          RuntimeWarning, stacklevel=2)
        return True

    def read(self) -> None:
        """Apply every complete line appended since the last read."""
        data = self._rest + self._file.read()
        *lines, self._rest = data.split(b"\n")
        for line in lines:
            self._apply(line.decode(errors="replace").split())

    def _apply(self, words: list[str]) -> None:
        if not words:
            return
        cmd, args = words[0], words[1:]
        try:
            self._dispatch(cmd, args)
        except (ValueError, IndexError) as e:
            self._event("rejected", line=" ".join(words), reason=str(e))

    def _dispatch(self, cmd: str, args: list[str]) -> None:
        if cmd in ("pause", "resume", "bye") and not args:
            self.paused, self.allowance = cmd == "pause", 0
        elif cmd == "step" and len(args) == 1 and int(args[0]) >= 1:
            self.paused, self.allowance = True, self.allowance + int(args[0])
        elif EDITS.get(cmd) == len(args):
            self._edit([cmd, *args])
        else:
            raise ValueError(f"unknown command or wrong arguments: {cmd} {' '.join(args)}".strip())

    def close(self) -> None:
        self._file.close()
