"""Lesson panel: the open chapter's number and title, its variant, the idea, the one thing to try, and the keys.

In the full grid it stands down the right side; on small terminals it is
the first tab. It shows text about the chapter, not the run, so frames pass
it by, except in a variant that shows each layer's update size per step
(a line at the top, redrawn at most once a second while training).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from nntui.lessons import CHAPTERS, Lesson
from nntui.run.frame import Frame
from nntui.tui.selection import Selection
from nntui.tui.updates import update_line
from nntui.tui.widgets.base import PaneWidget

KEYS_LINE = "N next chapter · B previous · c all chapters"


def lesson_text(lesson: Lesson) -> Text:
    """The panel's text: headings bold, the rest plain."""
    ch, variant = lesson.chapter, lesson.chapter.variant_at(lesson.variant)
    text = Text(f"Chapter {ch.number} of {len(CHAPTERS)}: {ch.title}\n", style="bold")
    if ch.variants:
        text.append(f"Now: {ch.variant_label(lesson.variant)}  (v: {ch.variant_label(lesson.variant + 1)})\n")
    text.append(f"\n{ch.idea}")
    if variant is not None and variant.idea:
        text.append(f" {variant.idea}")
    text.append("\n\n")
    text.append("Try this\n", style="bold")
    text.append(f"{variant.try_this if variant is not None and variant.try_this else ch.try_this}\n")
    if lesson.data_note:
        text.append(f"\n{lesson.data_note}\n")
    text.append(f"\n{KEYS_LINE}")
    return text


class LessonPanel(PaneWidget, VerticalScroll):
    """The chapter's explanation, beside (or, on small terminals, instead of) the panes."""

    DEFAULT_CSS = ("LessonPanel { height: 1fr; padding: 0 1; } LessonPanel > Static { width: 1fr; } "
                   "#lesson-updates { margin-bottom: 1; }")

    def __init__(self, lesson: Lesson, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson
        variant = lesson.chapter.variant_at(lesson.variant)
        self.shows_updates = variant is not None and variant.shows_updates

    def compose(self) -> ComposeResult:
        if self.shows_updates:
            yield Static("lr·|dW|/|W| per step: waiting for the first frame", id="lesson-updates")
        yield Static(lesson_text(self.lesson), id="lesson-text")

    def same_picture(self, frame: Frame, selection: Selection) -> bool:
        return not self.shows_updates  # frames change only the update-size line, when the variant has one

    def selection_matters(self, old: Selection, new: Selection) -> bool:
        return False

    def redraw(self) -> None:
        self.query_one("#lesson-updates", Static).update(update_line(self.frame))

    def set_busy(self, text: str) -> None:
        """A note under the border while the next chapter loads ("" to clear it)."""
        self.border_subtitle = text
