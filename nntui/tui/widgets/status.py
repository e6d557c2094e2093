"""Status bar: the run in one line (data, model, step, speed, lr, loss, accuracy, state) and the latest event.

The first line drops its least important parts when the terminal is narrow;
the state word (`running`, `paused`, `diverged`) is always shown, styled by
class in app.tcss. The second line shows the latest nudge ("W0[3,2] 0.1000 →
0.2000 · loss 0.4123 → 0.4150"), the trainer's message, or a worker error.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from nntui.training.frame import DIVERGED, PAUSED, RUNNING, Frame, NudgeResult

SEPARATOR = " · "
HINT = "? shows every key"


def stat_parts(frame: Frame) -> list[tuple[int, str]]:
    """(keep priority, text) for the status line; higher priority survives narrower terminals."""
    loss = frame.train_loss if frame.train_loss is not None else frame.probe_loss
    parts = [
        (9, frame.dataset),
        (3, frame.architecture),
        (8, f"step {frame.step}"),
        (2, f"epoch {frame.epoch}"),
        (1, f"{frame.samples_per_s:,.0f} samples/s"),
        (5, f"lr {frame.lr:.3g}"),
        (7, f"loss {loss:.4g}"),
    ]
    if frame.test_acc is not None:
        parts.append((6, f"test acc {100 * frame.test_acc:.1f}%"))
    elif frame.test_loss is not None:
        parts.append((6, f"test loss {frame.test_loss:.4g}"))
    return parts


def fit_line(parts: list[tuple[int, str]], width: int) -> str:
    """Join the parts, dropping the lowest-priority ones until the line fits in `width`."""
    kept = list(parts)
    while kept and len(SEPARATOR.join(text for _, text in kept)) > width:
        kept.remove(min(kept, key=lambda part: part[0]))
    return SEPARATOR.join(text for _, text in kept)


def nudge_text(nudge: NudgeResult) -> str:
    return (f"W{nudge.layer}[{nudge.i},{nudge.j}] {nudge.w_before:.4f} → {nudge.w_after:.4f}"
            f"{SEPARATOR}loss {nudge.loss_before:.4f} → {nudge.loss_after:.4f}")


def event_text(frame: Frame) -> str:
    parts = []
    if frame.nudge is not None:
        parts.append(nudge_text(frame.nudge))
    if frame.phase is not None:
        parts.append(f"step {frame.phase.step}: {frame.phase.phase} phase")
    if frame.message:
        parts.append(frame.message)
    return SEPARATOR.join(parts)


class StatusBar(Vertical):
    """Two lines at the top: the run's numbers and state, then the latest event."""

    DEFAULT_CSS = """
    StatusBar { height: 2; }
    StatusBar > Horizontal { height: 1; }
    StatusBar #stats { width: 1fr; }
    StatusBar #state { width: auto; }
    StatusBar #event { height: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.frame: Frame | None = None
        self.error = ""
        self._shown: dict[str, str] = {}
        self._rendered: Frame | None = None  # the frame the lines show now

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="stats", markup=False)
            yield Static(id="state", markup=False)
        yield Static(HINT, id="event", markup=False)

    def show(self, frame: Frame) -> None:
        if frame is self._rendered:  # the app shows a trainer frame here first, then again with the panes
            return
        self.frame = frame
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
        state = self._update("#state", f" {frame.state} ")
        for word in (RUNNING, PAUSED, DIVERGED):
            state.set_class(frame.state == word, f"-{word}")
        width = max(0, self.size.width - (len(frame.state) + 2) - 2)  # the state word is padded, stats too
        self._update("#stats", fit_line(stat_parts(frame), width))
        self._update("#event", self.error or event_text(frame) or HINT).set_class(bool(self.error), "-error")
        self._rendered = frame

    def _update(self, selector: str, text: str) -> Static:
        """Show `text` in a line, repainting it only if it changed (an unchanged line costs no output)."""
        line = self.query_one(selector, Static)
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            line.update(text)
        return line
