"""Chapter list (`nntui learn`, or `c` in a lesson): every chapter with its one line; enter opens it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from nntui.lessons import CHAPTERS


class ChapterList(ModalScreen[int | None]):
    """Arrows choose, enter opens the chapter (dismissed with its number), escape keeps the current one."""

    BINDINGS = [Binding("escape", "dismiss", "back", key_display="esc")]

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*(
            Option(Text.assemble((f"{ch.number}  {ch.title}", "bold"), f"\n   {ch.summary}"), id=str(ch.number))
            for ch in CHAPTERS
        ), id="chapters")
        options.border_title = "Chapters"
        options.border_subtitle = "↑↓ choose · enter open · esc back"
        yield options

    def on_mount(self) -> None:
        chapters = self.query_one(OptionList)
        chapters.highlighted = [ch.number for ch in CHAPTERS].index(self.current)
        chapters.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_dismiss(self) -> None:
        self.dismiss(None)
