"""ErrorGuard: what the app does with an error nobody expected — log it, save the run, show it.

Mixed into the App. Every unexpected error is written with its traceback to
the log file in the user state directory and the run is autosaved (through
the app's RunKeeper). If the app can go on, the error is shown in the status
line and as a notification: a pane whose drawing fails is switched off and
the rest keeps working. Textual stops the message loop of the app or a screen
that raised, so such an error ends the app instead, which then prints one
line (never a traceback). Without a keeper (tests) errors are Textual's as
usual, so a test sees them.
"""

from __future__ import annotations

from textual._context import active_message_pump
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from nntui.tui.keeper import RunKeeper, log_exception
from nntui.tui.widgets.status import StatusBar

MAX_SHOWN_ERRORS = 5  # after this many errors shown in the app, the next one ends it (saving the run)


class ErrorGuard(App):
    """Log, autosave and show unexpected errors (see the module docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keeper: RunKeeper | None = None  # set by run_app: saves the run on exit and on errors
        self.errors: list[str] = []  # the unexpected errors shown in the app so far
        self.fatal_error: str | None = None  # the error that ended the app, printed after it exits

    def report_error(self, error: BaseException, where: str) -> None:
        """Log `error`, autosave while training goes on, and show both in the app."""
        log = log_exception(error, f"unexpected error in {where}")
        try:
            saved = self.keeper.autosave()
        except Exception as e:  # the save failing must not end the app either
            log_exception(e, "autosave failed")
            saved = "the autosave failed"
        text = f"internal error in {where} ({type(error).__name__}: {error}) · {saved} · details in {log}"
        self.errors.append(text)
        self.query_one(StatusBar).show_error(text)
        self.notify(text, title="nntui: internal error", severity="error", timeout=30)

    def report_trainer_error(self, error: BaseException) -> None:
        """The trainer thread died: it no longer owns the run, so save it from here and say so."""
        text = f"training stopped: {error}"
        if self.keeper is not None:
            log = log_exception(error, "the trainer thread failed")
            text += f" · {self.keeper.outcome(self.keeper.save_final())} · details in {log}"
            self.errors.append(text)
        self.query_one(StatusBar).show_error(text)

    def _handle_exception(self, error: Exception) -> None:
        if self.keeper is None:
            super()._handle_exception(error)
            return
        pump = active_message_pump.get(None)
        where = pump.__class__.__name__ if pump is not None else "the app"
        if isinstance(pump, Widget) and not isinstance(pump, Screen) and len(self.errors) < MAX_SHOWN_ERRORS:
            self.report_error(error, where)
            return
        log = log_exception(error, f"unexpected error in {where}")
        self.fatal_error = (f"internal error in {where} ({type(error).__name__}: {error}); "
                            f"{self.keeper.outcome(self.keeper.save_final())}; details in {log}")
        self._return_code = 1
        self._close_messages_no_wait()
