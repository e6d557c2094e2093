"""RunKeeper: the app never loses a run — saved on quit, SIGTERM, SIGHUP and unexpected errors.

The source's thread owns the weights, so the keeper either closes the source
and then saves (when the app ends) or asks it to save while it runs (after
an error while the app goes on): `RunSource.close` and `RunSource.save`. Signals are
caught with `signal.signal`: the handler only starts a saver thread, so it
works even when the UI thread is stuck writing to a terminal that has gone
away (SIGHUP). Once the session is written the app is asked to exit, and a
watchdog ends the process if that exit cannot finish (a dead terminal can
block Textual's output thread for ever). Nothing here ever writes to the
terminal; errors go to the log file in the user state directory, and a save
that failed (the run then in the temp folder, or nowhere) is kept in
`problem`, one sentence for the app to show.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from nntui.run.places import log_path
from nntui.run.source import RunSource, SavedElsewhere

STOP_TIMEOUT_S = 10.0  # longest wait for the trainer thread to finish its step
EXIT_GRACE_S = 3.0  # after a signal, longest wait for the app to close before the process ends anyway
SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)


def log_exception(error: BaseException, context: str) -> Path | None:
    """Append `error` with its traceback to the log file; its path, or None if the log cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {context}\n")
            f.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def log_line(text: str) -> None:
    """Append one line to the log file (best effort)."""
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        with log_path().open("a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {text}\n")
    except OSError:
        pass


class RunKeeper:
    """Saves the run of the current source (`current_source()`) with `selection()`, through `source.save`."""

    def __init__(self, current_source: Callable[[], RunSource], selection: Callable[[], dict]):
        self.current_source = current_source  # the app may switch runs (`nntui learn`): always the current one
        self.selection = selection
        self.final_path: Path | None = None  # the session written when the app ended
        self.exit_code: int | None = None  # 128 + signal number after a signal
        self.problem: str | None = None  # why the last save is not where --resume looks (one sentence)
        self._lock = threading.Lock()
        self._final_done = False

    def autosave(self) -> str:
        """Save now while the run goes on; in a few words where the run went, or why it did not."""
        return self.outcome(self._save(self.current_source(), self.selection()))

    def outcome(self, path: Path | None) -> str:
        """What became of a save that returned `path`: "run saved to …", or the problem."""
        if self.problem:
            return self.problem
        return f"run saved to {path}" if path is not None else "this run cannot be saved"

    def _save(self, source: RunSource, selection: dict) -> Path | None:
        """`source.save(selection)`; a failure is logged and kept in `problem` (the run's path, or None)."""
        self.problem = None
        try:
            return source.save(selection)
        except SavedElsewhere as e:
            self.problem = str(e)
            log_line(self.problem)
            return e.path
        except OSError as e:
            log_exception(e, "saving the session failed")
            self.problem = str(e) if e.errno is None else f"save failed ({e.strerror}): nothing was saved"
            return None

    def save_final(self) -> Path | None:
        """Stop the trainer and save the run, once; later calls return the same path. None if nothing was
        saved (`problem` says why, also when the run went to the temp folder instead)."""
        with self._lock:
            if self._final_done:
                return self.final_path
            self._final_done = True
            selection, source = self.selection(), self.current_source()
            if not source.close(STOP_TIMEOUT_S):
                self.problem = f"the run's thread did not stop within {STOP_TIMEOUT_S:g} s: nothing was saved"
                log_line(self.problem)
                return None
            self.final_path = self._save(source, selection)
            if self.final_path is not None and not self.problem:
                log_line(f"session saved to {self.final_path}")
            return self.final_path

    # -- signals ------------------------------------------------------------------

    def install_signal_handlers(self, request_exit: Callable[[int], None]) -> None:
        """On SIGHUP, SIGTERM or SIGINT: save, then `request_exit(128 + signum)` (main thread only)."""

        def on_signal(signum: int, _frame) -> None:
            if self.exit_code is not None:
                return
            self.exit_code = 128 + signum
            threading.Thread(target=self._save_and_exit, args=(signum, request_exit),
                             name="nntui-autosave", daemon=True).start()

        for signum in SIGNALS:
            signal.signal(signum, on_signal)

    def _save_and_exit(self, signum: int, request_exit: Callable[[int], None]) -> None:
        log_line(f"{signal.Signals(signum).name} received: saving the run")
        self.save_final()
        code = 128 + signum
        watchdog = threading.Timer(EXIT_GRACE_S, os._exit, args=(code,))
        watchdog.daemon = True
        watchdog.start()
        try:
            request_exit(code)
        except Exception as e:  # the app may already be closing; the watchdog still ends the process
            log_exception(e, "asking the app to exit failed")
