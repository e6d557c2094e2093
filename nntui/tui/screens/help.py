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

from nntui.run.frame import Frame
from nntui.tui.keys import KEYMAP, SECTIONS, KeySpec, refused
from nntui.tui.names import parameter_name
from nntui.tui.selection import Selection

NOTES = (
    "W{k}[i,j] is the weight from neuron i of layer L{k} to neuron j of L{k+1} (L0 = the inputs x,"
    " L1 = the first hidden layer: its z1 and a1 in the step strip, L1 in Activations).",
    "b{k}[j] is the bias of neuron j of L{k+1}: the row under W in Weights; ↓ past W's last row or b selects it."
    " Named data names both ends: W0[temperature → go outside?], b0[go outside?].",
    "Colours: blue positive, orange negative, stronger for a larger size; each pane's legend gives the scale"
    " (− ███ 0 ███ +). A folded layer shows its most active neurons and +N more.",
    "Mouse: click a neuron in Network or a cell in Weights to select it; click a tab to show its pane.",
    "ctrl+p opens the command palette: every key above is also a command there.",
)


def selection_line(frame: Frame | None, selection: Selection | None) -> str:
    """What is selected now, by name: "Selected: W0[temperature → go outside?] = 0.1027" ("" without a frame)."""
    if frame is None or selection is None or not frame.layers:
        return ""
    layer = frame.layers[selection.layer]
    value = layer.b[selection.j] if selection.bias else layer.W[selection.i, selection.j]
    return f"Selected: {parameter_name(frame, *selection.address)} = {float(value):.4f}\n\n"


def help_text(why_not: Callable[[KeySpec], str | None] = lambda spec: None, selected: str = "") -> Text:
    """The help screen's text: what is selected, then one line per key, grouped by section; `why_not(spec)` dims
    a key and says why."""
    width = max(len(spec.label) for spec in KEYMAP) + 2
    text = Text(selected)
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
            selected = selection_line(getattr(self.app, "frame", None), getattr(self.app, "selection", None))
            yield Static(help_text(lambda spec: refused(spec, self.app), selected))
