"""Lesson panel: the open chapter's number and title, its variant, the idea, the one thing to try, and the keys.

In the full grid it stands down the right side; on small terminals it is
the first tab. It shows text about the chapter, not the run, so frames pass
it by.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from nntui.lessons import CHAPTERS, Lesson
from nntui.run.frame import Frame
from nntui.tui.viewstate import ViewState

KEYS_LINE = "N next chapter · B previous · c all chapters"


def lesson_text(lesson: Lesson) -> Text:
    """The panel's text: headings bold, the rest plain."""
    ch = lesson.chapter
    text = Text(f"Chapter {ch.number} of {len(CHAPTERS)}: {ch.title}\n", style="bold")
    if ch.variants:
        text.append(f"Now: {ch.variant_label(lesson.variant)}  (v: {ch.variant_label(lesson.variant + 1)})\n")
    text.append(f"\n{ch.idea}\n\n")
    text.append("Try this\n", style="bold")
    text.append(f"{ch.try_this}\n")
    if lesson.data_note:
        text.append(f"\n{lesson.data_note}\n")
    text.append(f"\n{KEYS_LINE}")
    return text


class LessonPanel(VerticalScroll):
    """The chapter's explanation, beside (or, on small terminals, instead of) the panes."""

    DEFAULT_CSS = "LessonPanel { height: 1fr; padding: 0 1; } LessonPanel > Static { width: 1fr; }"

    def __init__(self, lesson: Lesson, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Lesson"
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield Static(lesson_text(self.lesson), id="lesson-text")

    def show(self, frame: Frame, view: ViewState) -> None:
        """Frames do not change the lesson's text."""

    def set_busy(self, text: str) -> None:
        """A note under the border while the next chapter loads ("" to clear it)."""
        self.border_subtitle = text
