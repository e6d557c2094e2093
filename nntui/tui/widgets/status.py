"""Status bar: the run in one line (data, model, step, speed, lr, loss, accuracy, state) and the latest event.

The first line drops its least important parts when the terminal is narrow;
the state word (`running`, `paused`, `diverged`) is always shown, styled by
class in app.tcss. The second line shows one event, the latest: a nudge ("W0[3,2] 0.1000 →
0.2000 · probe-batch loss 0.4123 → 0.4150"), the source's message, why a key does nothing
for this source, or a worker error. Moving the selection clears it; with no
event it names the phase of a step taken apart, or the help key.

The bar changes with every frame (15 a second by default), and the UI
thread's time is taken from the trainer thread under the GIL, so each line is
a `TextLine`: plain text in the line's CSS style, cut into a Strip once per
change and handed straight to the compositor, with no layout pass.
"""

from __future__ import annotations

import math

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from nntui.run.frame import DIVERGED, PAUSED, RUNNING, Frame, NudgeResult
from nntui.tui.names import parameter_name
from nntui.tui.losstext import test_loss_text, train_loss_text
from nntui.tui.render import filtered, fit_words

SEPARATOR = " · "
HINT = "? shows every key"


def stat_parts(frame: Frame) -> list[tuple[int, str]]:
    """(keep priority, text) for the status line; higher priority survives narrower terminals."""
    parts = [
        (9, frame.dataset),
        (3, frame.architecture),
        (8, f"step {frame.step}"),
        (2, f"epoch {frame.epoch}"),
        (1, f"{frame.samples_per_s:,.0f} samples/s"),
        (5, f"lr {frame.lr:.3g}"),
        (7, train_loss_text(frame)),
    ]
    if math.isnan(frame.lr):  # a watched run that logs no learning rate
        parts.remove((5, f"lr {frame.lr:.3g}"))
    if frame.test_acc is not None or frame.test_loss is not None:
        parts.append((6, test_loss_text(frame)))
    return parts


def fit_line(parts: list[tuple[int, str]], width: int) -> str:
    """Join the parts, dropping the lowest-priority ones until the line fits in `width`."""
    kept = list(parts)
    while kept and len(SEPARATOR.join(text for _, text in kept)) > width:
        kept.remove(min(kept, key=lambda part: part[0]))
    return SEPARATOR.join(text for _, text in kept)


def nudge_text(nudge: NudgeResult, frame: Frame) -> str:
    name = parameter_name(frame, nudge.layer, nudge.i, nudge.j, nudge.bias)
    return (f"{name} {nudge.w_before:.4f} → {nudge.w_after:.4f}"
            f"{SEPARATOR}probe-batch loss {nudge.loss_before:.4f} → {nudge.loss_after:.4f}")


def event_text(frame: Frame) -> str:
    """The source's latest event: its nudge and its words (an undo has both)."""
    parts = [nudge_text(frame.nudge, frame)] if frame.nudge is not None else []
    if frame.message:
        parts.append(frame.message)
    return SEPARATOR.join(parts)


def event_key(frame: Frame | None) -> tuple:
    """What tells one event from the next (the same words twice are two events)."""
    return () if frame is None else (frame.event, frame.message, frame.nudge)


def idle_text(frame: Frame) -> str:
    """The event line when there is no event to show."""
    return f"step {frame.phase.step}: {frame.phase.phase} phase" if frame.phase is not None else HINT


class TextLine(Widget):
    """One line of plain text in the widget's CSS style, with a space either side; repainted only when it changes.

    A text wider than the line is shortened at a break and ends in "…" (never cut mid-word).

    `auto_width` lines take the width of their text (a new width costs a layout pass, so only for short words
    that seldom change, like the state word).
    """

    DEFAULT_CSS = "TextLine { height: 1; width: 1fr; }"

    def __init__(self, text: str = "", *, auto_width: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text
        self.auto_width = auto_width
        self._strip: Strip | None = None  # the line as drawn last, filtered
        self._key: tuple | None = None  # (width, filters) it was drawn for

    def update(self, text: str) -> None:
        if text != self.text:
            resized = self.auto_width and len(text) != len(self.text)
            self.text, self._strip = text, None
            self.refresh(layout=resized)

    def render(self) -> str:
        return self.text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.text) + 2

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None  # a class or theme change: new colours

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (self.size.width, tuple(self.get_line_filters()))
        if self._strip is None or key != self._key:
            style = self.rich_style
            text = fit_words(self.text, max(0, key[0] - 2))  # never cut mid-word ("No sp"): at a break, with "…"
            line = Strip([Segment(f" {text} ", style)]).crop_extend(0, key[0], style)
            self._strip, self._key = filtered(self, line, key[1]), key
        return [self._strip.crop(*crop.column_span)] * crop.height


class Row(Horizontal):
    """A row of lines that cover it whole (blank: Textual renders every widget under a change, containers too,
    and a blank one skips its styles cache)."""

    BLANK = True


class StatusBar(Vertical):
    """Two lines at the top: the run's numbers and state, then the latest event."""

    BLANK = True  # the row and the event line cover the bar

    DEFAULT_CSS = """
    StatusBar { height: 2; }
    StatusBar > Horizontal { height: 1; }
    StatusBar #stats { width: 1fr; }
    StatusBar #state { width: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.frame: Frame | None = None
        self.error = ""
        self.note = ""  # why a key did nothing; shown until the run has a new event
        self._note_over: tuple = ()  # the event the note covers
        self._cleared: tuple = ()  # the event the user moved on from (the selection moved)
        self._rendered: Frame | None = None  # the frame the lines show now

    def compose(self) -> ComposeResult:
        with Row():
            yield TextLine(id="stats")
            yield TextLine(auto_width=True, id="state")
        yield TextLine(HINT, id="event")

    def show(self, frame: Frame) -> None:
        if frame is self._rendered:  # the app shows a trainer frame here first, then again with the panes
            return
        self.frame = frame
        self._render_lines()

    def show_note(self, note: str) -> None:
        """Say `note` in the event line until the run has news of its own."""
        self.note, self._note_over = note, event_key(self.frame)
        self._render_lines()

    def clear_event(self) -> None:
        """The user moved on: the event line goes quiet until the next event."""
        self.note, self._cleared = "", event_key(self.frame)
        self._render_lines()

    def show_error(self, error: str) -> None:
        self.error = error
        self._render_lines()

    def on_resize(self) -> None:
        self._render_lines()

    def _render_lines(self) -> None:
        frame = self.frame
        if frame is None or not self.query("#state"):  # not composed yet (the app is rebuilding its panes)
            return
        state = self._update("#state", frame.state)
        for word in (RUNNING, PAUSED, DIVERGED):
            state.set_class(frame.state == word, f"-{word}")
        width = max(0, self.size.width - (len(frame.state) + 2) - 2)  # the lines are padded by a space each side
        self._update("#stats", fit_line(stat_parts(frame), width))
        key = event_key(frame)
        if key != self._note_over:
            self.note = ""
        event = event_text(frame) if key != self._cleared else ""
        self._update("#event", self.error or self.note or event or idle_text(frame)).set_class(
            bool(self.error), "-error")
        self._rendered = frame

    def _update(self, selector: str, text: str) -> TextLine:
        """Show `text` in a line (an unchanged line costs nothing, not even a repaint)."""
        line = self.query_one(selector, TextLine)
        line.update(text)
        return line
