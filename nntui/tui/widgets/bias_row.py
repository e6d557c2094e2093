"""The Weights pane's bias row: b[j] of the layer's output neurons, one square a column, under the heatmap.

It sits one line below W's last row, column for column under W (the same
zoom and pan), in the heatmap's colours and scale; the selected bias is
ringed (or, in glyphs, marked ◂) as the selected weight is. ↓ past W's last
row selects it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nntui.tui.glyphs import SELECTED_MARK, sign_glyphs
from nntui.tui.render import Canvas, diverging
from nntui.tui.selection import Selection

LINES = 2  # a blank line, then the row
LABEL = "b (bias)"


def draw_bias_row(canvas: Canvas, b: np.ndarray, scale: float, place, selection: Selection, pal, *,
                  glyphs: bool, cube: bool, numbers: Callable[[float, int], str] | None = None) -> None:
    """b[place.col0 : place.col0 + place.cols] in the line after the heatmap `place` (a HeatmapPlace);
    `numbers(value, width)`, when given, writes each value (but the selected one's) in its square."""
    y = place.y + -(-place.rows * place.zoom // 2) + 1
    block = np.asarray(b, np.float64)[place.col0 : place.col0 + place.cols]
    zoom, picked = place.zoom, selection.j - place.col0 if selection.bias else -1
    colors = diverging(block, scale, pal.negative, pal.neutral, pal.positive, cube=cube)
    for c, value in enumerate(block.tolist()):
        x = place.x + c * zoom
        if glyphs:
            glyph = str(sign_glyphs(np.array([value]), scale)[0])
            mark = SELECTED_MARK if c == picked else ""
            canvas.text(y, x, glyph + mark, pal.highlight if mark else tuple(int(v) for v in colors[c]), bold=bool(mark))
            continue
        canvas.fill(y, x, 1, zoom, pal.highlight if c == picked else tuple(int(v) for v in colors[c]))
        if c == picked and zoom >= 3:
            canvas.fill(y, x + 1, 1, zoom - 2, tuple(int(v) for v in colors[c]))
        if numbers is not None and c != picked:
            text = numbers(value, zoom - 1)
            canvas.text(y, x + zoom - len(text), text, pal.text)
    x = place.x + place.cols * zoom + 1
    label = LABEL if x + len(LABEL) <= canvas.width else "b"
    canvas.text(y, x, label, pal.highlight if selection.bias else pal.muted)
