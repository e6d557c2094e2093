"""Help screen (`?`): every key from the key map, by section, and how to read the panes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nntui.tui.keys import KEYMAP, SECTIONS

NOTES = (
    "W{k}[i,j] is the weight from neuron i of layer L{k} to neuron j of L{k+1} (L0 = the inputs).",
    "Mouse: click a neuron in Network or a cell in Weights to select it; click a tab to show its pane.",
    "ctrl+p opens the command palette: every key above is also a command there.",
)


def help_text() -> str:
    """The help screen's text: one line per key, grouped by section."""
    width = max(len(spec.label) for spec in KEYMAP) + 2
    lines: list[str] = []
    for section in SECTIONS:
        lines.append(section)
        lines.extend(f"  {spec.label:<{width}}{spec.help}" for spec in KEYMAP if spec.section == section)
        lines.append("")
    lines.extend(NOTES)
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every key; escape or ? closes it."""

    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "close", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc or ? to close"
            yield Static(help_text(), markup=False)
