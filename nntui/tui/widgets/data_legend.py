"""The Data pane's words for 2-D data: the axes' names and a legend naming each class in its colour.

"→ temperature (tens of °C) · ↑ rain" names the plane's axes (input 0
across, input 1 up); "● train ○ test · █ no █ yes" says which colour is
which class. Without colour the classes are told by their region's fill and
their points' digit: "bold: train · 0· no 1░ yes". A source that names
nothing gets x0, x1 and "2 classes".
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import Frame
from nntui.tui.glyphs import REGION_GLYPHS
from nntui.tui.names import class_name, input_name, short
from nntui.tui.render import Canvas, class_colors, fit_words

TRAIN_POINT, TEST_POINT = "●", "○"
SWATCH = "█"


def axis_text(frame: Frame, width: int | None = None) -> str:
    """The names of the plane's two axes, input 0 across and input 1 up: with their units if that fits `width`."""
    full = f"→ {input_name(frame, 0)} · ↑ {input_name(frame, 1)}"
    if width is None or len(full) <= width:
        return full
    return f"→ {short(input_name(frame, 0))} · ↑ {short(input_name(frame, 1))}"


def class_words(frame: Frame, k: int, glyphs: bool) -> list[str]:
    """Each class's entry in the legend: its name (glyphs: its digit and its region's fill before it)."""
    if glyphs:
        return [f"{c}{REGION_GLYPHS[c % len(REGION_GLYPHS)]} {class_name(frame, c)}" for c in range(k)]
    return [class_name(frame, c) for c in range(k)]


def draw_class_legend(canvas: Canvas, y: int, frame: Frame, k: int, pal, *, glyphs: bool) -> None:
    """The legend line, centred on line y: the point kinds, then each class in its colour; in a narrow pane the
    classes alone (as many as fit)."""
    head = "bold: train · " if glyphs else f"{TRAIN_POINT} train  {TEST_POINT} test · "
    if not frame.class_names:  # classes by number: their digit and fill (glyphs), else how many
        fills = " ".join(f"{c}{REGION_GLYPHS[c % len(REGION_GLYPHS)]}" for c in range(k))
        text = head + (fills if glyphs else f"{k} classes")
        canvas.label(y, max(0, (canvas.width - len(text)) // 2), text, pal.muted)
        return
    swatch = "" if glyphs else f"{SWATCH} "
    entries = [f"{swatch}{word}" for word in class_words(frame, k, glyphs)]
    if len(head + "  ".join(entries)) > canvas.width:
        head = ""  # every class before the point kinds
    while entries and len(head + "  ".join(entries)) > canvas.width:
        entries.pop()
    x = max(0, (canvas.width - len(head + "  ".join(entries))) // 2)
    x = canvas.text(y, x, head, pal.muted)
    colors = class_colors(np.arange(k))
    for c, entry in enumerate(entries):
        if c:
            x = canvas.text(y, x, "  ", pal.muted)
        if swatch:
            x = canvas.text(y, x, SWATCH, tuple(int(v) for v in colors[c]))
            entry = entry[len(SWATCH):]
        x = canvas.text(y, x, entry, pal.muted)


def draw_axes(canvas: Canvas, y: int, frame: Frame, pal) -> None:
    """The axes' names, centred on line y (shortened at a word when the pane is narrow)."""
    text = fit_words(axis_text(frame, canvas.width), canvas.width)
    canvas.text(y, max(0, (canvas.width - len(text)) // 2), text, pal.muted)
