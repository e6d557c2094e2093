"""The hidden-sizes prompt (`H`, or the palette): type the hidden layer sizes, like 8,8; enter applies them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input


class SizesPrompt(ModalScreen[str | None]):
    """One line prefilled with the current sizes; enter dismisses with the text, escape with None."""

    BINDINGS = [Binding("escape", "dismiss", "back", key_display="esc")]

    def __init__(self, current: tuple[int, ...]) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        field = Input(",".join(map(str, self.current)), placeholder="8,8 (empty: no hidden layer)", id="sizes")
        field.border_title = "Hidden layer sizes"
        field.border_subtitle = "enter: a fresh run of this shape · esc back"
        yield field

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_dismiss(self) -> None:
        self.dismiss(None)
