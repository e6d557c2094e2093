"""Drawing a neuron's map over the input plane: a heatmap by sign and size, or glyphs without colour, and its legend.

A map is a neuron's activation at every point of the decision boundary's grid
((G, G), grid row 0 at the bottom of the plane). It is drawn on its own
scale (its largest |a| is full colour), diverging from the neutral grey:
positive towards the pane's positive colour, negative towards its negative
one; 256 colours take the cube's shades, and glyphs (NO_COLOR, 16 colours)
write the sign and size as ● • · ∘ ○, one per cell. The legend names the
ends of that scale. (A minimal legend of its own: no shared one exists yet.)
"""

from __future__ import annotations

import numpy as np

from nntui.tui.glyphs import sign_glyphs
from nntui.tui.render import Canvas, diverging, nearest, symmetric_scale
from nntui.tui.widgets.pane import Palette

MAP_LEVELS = 8  # colour steps: few, so a map that drifts a little in training repaints little
SWATCH = "■"


def resampled(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Map(s) (G, G[, n]) as rows x cols pixels, row 0 at the top of the plane (nearest neighbour)."""
    return nearest(np.asarray(values, np.float64)[::-1], rows, cols)


def own_scales(values: np.ndarray) -> np.ndarray:
    """Each map's largest finite |a| (1 where it is 0), for maps stacked on the last axis."""
    flat = np.asarray(values, np.float64).reshape(-1, values.shape[-1])
    return np.array([symmetric_scale(flat[:, k]) for k in range(flat.shape[1])])


def colours(values: np.ndarray, scale: float | np.ndarray, pal: Palette, cube: bool) -> np.ndarray:
    """RGB per value, diverging from neutral by value / scale (`scale` may be an array broadcasting with values)."""
    return diverging(np.asarray(values, np.float64) / scale, 1.0, pal.negative, pal.neutral, pal.positive,
                     MAP_LEVELS, cube)


def glyph_cells(pixels: np.ndarray) -> np.ndarray:
    """One sign glyph per cell of a (2·lines, cols) image of values in [-1, 1]; NaN pixels are blank,
    a cell shows the mean of its pixels that are not."""
    pairs = np.asarray(pixels, np.float64)
    if pairs.shape[0] % 2:
        pairs = np.concatenate([pairs, np.full((1, pairs.shape[1]), np.nan)])
    pairs = pairs.reshape(pairs.shape[0] // 2, 2, pairs.shape[1])
    count = np.sum(~np.isnan(pairs), axis=1)
    mean = np.nansum(pairs, axis=1) / np.maximum(count, 1)
    return np.where(count > 0, sign_glyphs(mean, 1.0), " ")


def draw_map(canvas: Canvas, y: int, x: int, values: np.ndarray, rows: int, cols: int, pal: Palette, *,
             glyphs: bool, cube: bool) -> float:
    """One map (G, G) as rows x cols pixels at cell (y, x) on its own scale; returns that scale (max |a|)."""
    scale = symmetric_scale(np.asarray(values))
    pixels = resampled(values, rows, cols) / scale
    if glyphs:
        chars = glyph_cells(pixels)
        r, c = np.indices(chars.shape)
        canvas.cells((y + r).ravel(), (x + c).ravel(), chars.ravel(), pal.text)
    else:
        canvas.pixels(y, x, colours(pixels, 1.0, pal, cube))
    return scale


def swatch(canvas: Canvas, y: int, x: int, t: float, pal: Palette, *, glyphs: bool, cube: bool) -> int:
    """The colour (glyphs: the sign glyph) of t = value / scale, one cell at (y, x); the x after it."""
    if glyphs:
        return canvas.text(y, x, str(sign_glyphs(np.array([t]), 1.0)[0]), pal.text)
    return canvas.text(y, x, SWATCH, tuple(int(c) for c in colours(np.array([t]), 1.0, pal, cube)[0]))


def legend(canvas: Canvas, y: int, x: int, low: float, high: float, pal: Palette, *, glyphs: bool, cube: bool,
           room: int | None = None) -> int:
    """`■ −1.2  ■ 0  ■ 2.3`: the colours (or glyphs) of a map's lowest, zero and highest values; the x after it."""
    room = canvas.width - x if room is None else room
    scale = max(abs(low), abs(high)) or 1.0
    ends = [v for v in (low, 0.0, high) if v < 0] + [0.0] + [v for v in (high,) if v > 0]
    end = x
    for value in ends:
        text = f"{value:.2g}".replace("-", "−") if value else "0"
        if end + len(text) + 3 - x > room:
            break
        end = swatch(canvas, y, end, value / scale, pal, glyphs=glyphs, cube=cube)
        end = canvas.text(y, end, f" {text}  ", pal.muted)
    return end

