"""HistogramMap: each hidden layer's activation histogram over time (fastai's "colourful dimension").

x is the step (one column per recorded histogram, the whole run resampled
when it has more columns than the map), y the activation's bins (low at the
bottom), the shade how many probe activations fell in the bin: log(1 + count)
over the layer's largest. Bins are fixed per layer (run/histograms.py), so
columns compare. Truecolor and 256 colours shade from the background to the
pane's positive colour, two bins a cell (▀), 256 colours from the cube;
NO_COLOR and 16 colours draw one bin group a cell in shade characters.
"""

from __future__ import annotations

import numpy as np
from textual.strip import Strip
from textual.widget import Widget

from nntui.run.frame import OverTimeView
from nntui.tui.colours import Drawing, drawing_for
from nntui.tui.glyphs import shade_glyphs
from nntui.tui.render import FEWER_COLORS, Canvas, ramp
from nntui.tui.ticks import short_number

GUTTER = 9  # columns for a layer's name and its range ("L1 0.125", "-16")
MAX_ROWS = 8  # per layer (16 bins, two a cell)
NO_ROOM = "histograms: a taller pane shows them"


def grouped(counts: np.ndarray, groups: int) -> np.ndarray:
    """Counts (C, bins) summed into `groups` bands of neighbouring bins: (C, groups)."""
    bins = counts.shape[1]
    starts = np.linspace(0, bins, groups + 1).astype(int)[:-1]
    return np.add.reduceat(counts, starts, axis=1)


def fitted_columns(count: int, width: int) -> np.ndarray:
    """Which of `count` columns to show in `width` cells: all of them, or spread over the whole run."""
    if count <= width:
        return np.arange(count)
    return np.linspace(0, count - 1, width).round().astype(int)


def strength(counts: np.ndarray) -> np.ndarray:
    """log(1 + count) over the largest, in [0, 1]."""
    scaled = np.log1p(counts.astype(np.float64))
    top = scaled.max() if scaled.size else 0.0
    return scaled / top if top > 0 else scaled


class HistogramMap(Widget):
    """The hidden layers' histograms over time, drawn on a Canvas (Line API)."""

    DEFAULT_CSS = "HistogramMap { height: 0; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip] = []

    def show(self, view: OverTimeView | None, palette, rows: int) -> None:
        """Draw the view's histograms in at most `rows` lines (fewer when the layers need fewer)."""
        hidden = 0 if view is None else len(view.hist_edges)
        if not hidden or not len(view.hist_steps) or rows < 1:
            self._set_height(0)
            return
        if rows < hidden + 1:  # a line per layer and the steps' line do not fit
            self._note(NO_ROOM, palette)
            return
        per = min(MAX_ROWS, (rows - 1) // hidden)
        height = per * hidden + 1
        canvas = Canvas(self.size.width, height, palette.text, palette.background)
        drawing = drawing_for(self.app.no_color, self.app.console.color_system)
        width = max(0, canvas.width - GUTTER)
        shown = fitted_columns(len(view.hist_steps), width)
        for k in range(hidden):
            self._layer(canvas, k * per, per, view, k, shown, palette, drawing)
        steps = view.hist_steps[shown]
        canvas.text(height - 1, GUTTER, f"step {steps[0]}", palette.muted)
        last = str(steps[-1])
        if len(shown) > 1 and GUTTER + len(shown) - len(last) > GUTTER + len(f"step {steps[0]}") + 1:
            canvas.text(height - 1, GUTTER + len(shown) - len(last), last, palette.muted)
        system = FEWER_COLORS.get(self.app.console.color_system or "")
        if system is not None:
            canvas.snap(system)
        self._strips = canvas.to_strips()
        self._set_height(height)
        self.refresh()

    @staticmethod
    def _layer(canvas: Canvas, y: int, rows: int, view: OverTimeView, k: int, shown: np.ndarray, palette,
               drawing: Drawing) -> None:
        edges = view.hist_edges[k]
        canvas.label(y, 0, f"L{k + 1} {short_number(float(edges[-1]), 3)}", palette.muted, room=GUTTER - 1)
        if rows > 1:
            canvas.label(y + rows - 1, 0, short_number(float(edges[0]), 3).rjust(GUTTER - 4), palette.muted,
                         room=GUTTER - 1)
        glyphs = drawing is Drawing.GLYPHS
        bands = grouped(view.hist_counts[k][shown], rows if glyphs else 2 * rows)
        t = strength(bands).T[::-1]  # (bands, columns), the highest bin on top
        if glyphs:
            r, c = np.indices(t.shape)
            canvas.cells((y + r).ravel(), (GUTTER + c).ravel(), shade_glyphs(t).ravel(), palette.positive)
        else:
            canvas.pixels(y, GUTTER, ramp(t, palette.background, palette.positive, cube=drawing is Drawing.CUBE))

    def _note(self, text: str, palette) -> None:
        canvas = Canvas(self.size.width, 1, palette.text, palette.background)
        canvas.label(0, 0, text, palette.muted)
        self._strips = canvas.to_strips()
        self._set_height(1)
        self.refresh()

    def _set_height(self, height: int) -> None:
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height

    def render_line(self, y: int) -> Strip:
        if y < len(self._strips):
            return self._strips[y].crop_extend(0, self.size.width, self.rich_style)
        return Strip.blank(self.size.width, self.rich_style)
