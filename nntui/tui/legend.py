"""One-line colour legends for the panes that colour by sign and size: "−1.2 ███ 0 ███ +1.2".

A pane that colours a value blue for positive and orange for negative, more
strongly for a larger |value|, writes one of these in its own colours, so
the colours read as numbers. Without colour (NO_COLOR, 16 colours) the
pane's glyphs stand in: "−1.2 ○∘·•● +1.2". With no scale (each layer has its
own) the ends read − and +.
"""

from __future__ import annotations

import numpy as np

from nntui.tui.glyphs import sign_glyphs
from nntui.tui.render import Canvas, diverging

BLOCK = "█"
SHADES = (-1.0, -2 / 3, -1 / 3, 1 / 3, 2 / 3, 1.0)  # the blocks' values, in units of the scale
GLYPH_VALUES = (-1.0, -0.3, 0.0, 0.3, 1.0)  # one of each sign glyph (glyphs.SIGN_GLYPHS)


def ends(scale: float | None) -> tuple[str, str]:
    """The legend's two end labels: "−1.2" and "+1.2", or "−" and "+" without a scale."""
    if scale is None:
        return "−", "+"
    text = f"{scale:.2g}"
    return f"−{text}", f"+{text}"


def legend_text(scale: float | None, glyphs: bool = False) -> str:
    """The legend as plain text (what `draw_legend` writes)."""
    low, high = ends(scale)
    if glyphs:
        return f"{low} {''.join(sign_glyphs(np.array(GLYPH_VALUES), 1.0))} {high}"
    return f"{low} {BLOCK * 3} 0 {BLOCK * 3} {high}"


def draw_legend(canvas: Canvas, y: int, x: int, pal, scale: float | None = None, *, glyphs: bool = False,
                cube: bool = False, room: int | None = None) -> int:
    """Write the legend at (y, x) in the pane's palette `pal`; returns the x after it (x itself when it does not
    fit in `room`, or the rest of the line: then nothing is written)."""
    text = legend_text(scale, glyphs)
    room = canvas.width - x if room is None else room
    if len(text) > room:
        return x
    low, high = ends(scale)
    values = np.array(GLYPH_VALUES if glyphs else SHADES)
    colors = [tuple(int(c) for c in rgb)
              for rgb in diverging(values, 1.0, pal.negative, pal.neutral, pal.positive, cube=cube)]
    x = canvas.text(y, x, f"{low} ", pal.muted)
    if glyphs:
        for glyph, color in zip(sign_glyphs(values, 1.0), colors):
            x = canvas.text(y, x, str(glyph), color)
        return canvas.text(y, x, f" {high}", pal.muted)
    for n, color in enumerate(colors):
        x = canvas.text(y, x, " 0 " if n == 3 else "", pal.muted)
        x = canvas.text(y, x, BLOCK, color)
    return canvas.text(y, x, f" {high}", pal.muted)
