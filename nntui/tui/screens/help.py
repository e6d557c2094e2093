"""Help screen (`?`): every key from the key map, by section, and how to read the panes.

A key whose command the run source does not support is dimmed, with the reason after it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nntui.tui.keys import KEYMAP, SECTIONS, KeySpec, refused

NOTES = (
    "W{k}[i,j] is the weight from neuron i of layer L{k} to neuron j of L{k+1} (L0 = the inputs x,"
    " L1 = the first hidden layer: its z1 and a1 in the step strip, L1 in Activations).",
    "Mouse: click a neuron in Network or a cell in Weights to select it; click a tab to show its pane.",
    "ctrl+p opens the command palette: every key above is also a command there.",
)


def help_text(why_not: Callable[[KeySpec], str | None] = lambda spec: None) -> Text:
    """The help screen's text: one line per key, grouped by section; `why_not(spec)` dims a key and says why."""
    width = max(len(spec.label) for spec in KEYMAP) + 2
    text = Text()
    for section in SECTIONS:
        text.append(section + "\n")
        for spec in (spec for spec in KEYMAP if spec.section == section):
            why = why_not(spec)
            line = f"  {spec.label:<{width}}{spec.help}" + (f" ({why})" if why else "")
            text.append(line + "\n", "dim" if why else "")
        text.append("\n")
    text.append("\n".join(NOTES))
    return text


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every key; escape or ? closes it."""

    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "close", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc or ? to close"
            yield Static(help_text(lambda spec: refused(spec, self.app)))
