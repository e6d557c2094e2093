"""A run log streamed over stdin (`ssh gpu cat runs/x.nnt | nntui watch -`): spooled to a file the viewer tails.

The pipe's bytes are copied by a thread into a temporary file as they come;
an event says when the stream has ended. The app needs a terminal for its
keys, so the terminal (/dev/tty) takes stdin's place (file descriptor 0).
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
from pathlib import Path

from nntui.watch.errors import WatchError

_CHUNK = 1 << 16


def spool_stdin() -> tuple[Path, threading.Event]:
    """(the file the stream is copied into, set once it has all arrived); WatchError without a pipe or terminal."""
    if os.isatty(0):
        raise WatchError("nntui watch - reads a run log from a pipe (e.g. ssh gpu cat runs/x.nnt | nntui watch -), "
                         "but stdin is the terminal.")
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise WatchError("nntui watch - needs a terminal to draw on, and this process has none.") from None
    stream = os.dup(0)
    os.dup2(tty, 0)
    os.close(tty)
    fd, name = tempfile.mkstemp(prefix="nntui-stdin-", suffix=".nnt")
    atexit.register(Path(name).unlink, missing_ok=True)
    done = threading.Event()
    threading.Thread(target=_copy, args=(stream, fd, done), name="nntui-stdin", daemon=True).start()
    return Path(name), done


def _copy(stream: int, fd: int, done: threading.Event) -> None:
    try:
        while chunk := os.read(stream, _CHUNK):
            os.write(fd, chunk)
    except OSError:
        pass  # the pipe broke: what arrived is the log
    finally:
        os.close(fd)
        os.close(stream)
        done.set()
