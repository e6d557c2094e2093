"""Drawing helpers shared by the panes: colour ramps, a cell canvas, half-blocks and braille.

Panes paint into a `Canvas` (a character, a foreground and a background colour
per cell) and turn it into Strips for Textual's Line API. Colours are
quantized to `LEVELS` steps, so a weight that moves by a hair does not change
a cell, the Strip compares equal, and the terminal is not repainted. With
`cube=True` the ramps take their shades from the 256-colour cube (colours.py).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color as TextualColor
from textual.strip import Strip
from textual.widget import Widget

from nntui.tui.colours import cube_ramp, eight_bit, pack, snap_colors
from nntui.tui.glyphs import row_pairs, shade_glyphs

RGB = tuple[int, int, int]

LEVELS = 16  # colour steps between neutral and full colour (fewer: less output when values drift)
UPPER_HALF = "▀"  # a cell showing two pixels: foreground on top, background below
# Braille dot bits by [row][column] inside one 2x4 cell, and the 256 braille characters.
BRAILLE_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.int64)
BRAILLE_CHARS = np.array([chr(0x2800 + bits) for bits in range(256)])

# One colour per class (Tableau 10, class 0 orange and class 1 blue as in TensorFlow Playground).
CLASS_COLORS = np.array([
    (242, 142, 43), (78, 121, 167), (89, 161, 79), (225, 87, 89), (176, 122, 161),
    (237, 201, 72), (118, 183, 178), (255, 157, 167), (156, 117, 95), (186, 176, 172),
], dtype=np.uint8)
WHITE: RGB = (255, 255, 255)
ELLIPSIS = "…"
BREAKS = ("  ", " · ", ", ", " ")  # where a label may be shortened, the first that fits wins
# Console.color_system names of the terminals that show fewer colours than truecolor.
FEWER_COLORS = {"256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD, "windows": ColorSystem.WINDOWS}


def filtered(widget: Widget, strip: Strip, filters: tuple, background: TextualColor | None = None) -> Strip:
    """`strip` through the app's line filters (ANSI colours, NO_COLOR), as Textual's styles cache applies them.

    For widgets that hand the compositor their own strips: they keep the result until the strip or the
    filters change. Reading the background walks the widget's ancestors: a caller filtering many lines at
    once reads it once and passes it.
    """
    if filters:
        if background is None:
            background = widget.background_colors[1]
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
    return strip


def fit_words(text: str, width: int) -> str:
    """`text` whole if it fits in `width` columns, else cut at a break (BREAKS) and ended with "…".

    So nothing is cut mid-word: "2×16  ±2.3  grad -0.0506" in 16 columns is "2×16  ±2.3…".
    A first word longer than `width` is cut and ends with "…" too.
    """
    if len(text) <= width:
        return text
    if width <= 0:
        return ""
    head = text[: width - len(ELLIPSIS) + 1]  # a break may start right after the room
    for separator in BREAKS:
        cut = head.rfind(separator)
        if cut > 0:
            return text[:cut].rstrip(" ·,") + ELLIPSIS
    return text[: width - len(ELLIPSIS)] + ELLIPSIS


def component_rgb(widget: Widget, component: str) -> RGB:
    """A component class's `color` from app.tcss, blended onto the widget's background (alpha applied)."""
    background = widget.background_colors[1]
    return (background + widget.get_component_styles(component).color).rgb


def class_colors(labels: np.ndarray) -> np.ndarray:
    """The colour of each class label, shape labels.shape + (3,)."""
    return CLASS_COLORS[np.asarray(labels, dtype=int) % len(CLASS_COLORS)]


def quantize(t: np.ndarray | float, levels: int = LEVELS) -> np.ndarray:
    """`t` clipped to [0, 1] and rounded to `levels` steps."""
    return np.round(np.clip(np.nan_to_num(np.asarray(t, dtype=np.float64)), 0.0, 1.0) * levels) / levels


def ramp(t: np.ndarray | float, low: RGB | np.ndarray, high: RGB | np.ndarray, levels: int = LEVELS,
         cube: bool = False) -> np.ndarray:
    """Colours from `low` (t=0) to `high` (t=1) in `levels` steps, uint8; `low`/`high` may be arrays matching t.

    With `cube`, the shades are the 256-colour cube's (colours.cube_ramp).
    """
    q = quantize(t, levels)
    if cube:
        return cube_ramp(q, low, high)
    lo, hi = np.asarray(low, np.float64), np.asarray(high, np.float64)
    return np.round(lo + (hi - lo) * q[..., None]).astype(np.uint8)


def symmetric_scale(values: np.ndarray) -> float:
    """max |v| over the finite values, or 1.0 when that is zero (so zero maps to neutral)."""
    finite = np.abs(values[np.isfinite(values)]) if np.size(values) else np.zeros(0)
    top = float(finite.max()) if finite.size else 0.0
    return top if top > 0 else 1.0


def diverging(values: np.ndarray, scale: float, negative: RGB, neutral: RGB, positive: RGB,
              levels: int = LEVELS, cube: bool = False) -> np.ndarray:
    """A colour per value: `neutral` at 0, `positive` at +scale, `negative` at -scale (`cube`: 256 colours)."""
    v = np.nan_to_num(np.asarray(values, np.float64)) / scale
    return np.where((v >= 0)[..., None], ramp(v, neutral, positive, levels, cube),
                    ramp(-v, neutral, negative, levels, cube))


def nearest(array: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """`array` resampled to rows x cols by nearest neighbour (first two axes)."""
    r = np.minimum((np.arange(rows) + 0.5) * array.shape[0] / rows, array.shape[0] - 1).astype(int)
    c = np.minimum((np.arange(cols) + 0.5) * array.shape[1] / cols, array.shape[1] - 1).astype(int)
    return array[r][:, c]


def braille_segments(x0: int, x1: int, y0: np.ndarray, y1: np.ndarray, priority: np.ndarray,
                     width: int, height: int, dashed: np.ndarray | None = None,
                     dash: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rasterize straight segments from dot (x0, y0[k]) to dot (x1, y1[k]) into braille cells.

    Dots are braille dots (2 per cell across, 4 down), one per dot column, so a
    steep segment is dotted rather than heavy; a segment marked in `dashed`
    draws `dash` dots, skips `dash`, and so on. Returns (cell_y, cell_x, chars,
    owner): each touched cell of the width x height grid, its braille
    character, and the segment that owns its colour (the highest priority one
    through it).
    """
    samples = max(1, x1 - x0 + 1)
    t = np.linspace(0.0, 1.0, samples)
    xs = np.broadcast_to(np.rint(x0 + t * (x1 - x0)).astype(int), (len(y0), samples))
    ys = np.rint(y0[:, None] + t[None, :] * (y1 - y0)[:, None]).astype(int)
    cell_y, cell_x = (ys // 4).ravel(), (xs // 2).ravel()
    inside = (cell_y >= 0) & (cell_y < height) & (cell_x >= 0) & (cell_x < width)
    if dashed is not None:
        gaps = (np.arange(samples) // dash) % 2 == 1
        inside &= ~(np.asarray(dashed, bool)[:, None] & gaps[None, :]).ravel()
    cells = (cell_y * width + cell_x)[inside]
    if not cells.size:  # no dot lands inside the grid (a pane squeezed to almost nothing)
        none = np.zeros(0, np.int64)
        return none, none, BRAILLE_CHARS[none], none
    bits = np.zeros(width * height, np.int64)
    np.bitwise_or.at(bits, cells, BRAILLE_BITS[ys % 4, xs % 2].ravel()[inside])
    segment = np.repeat(np.arange(len(y0)), samples)[inside]
    order = np.lexsort((priority[segment], cells))
    last = np.r_[cells[order][1:] != cells[order][:-1], True]
    owned_cells, owners = cells[order][last], segment[order][last]
    return owned_cells // width, owned_cells % width, BRAILLE_CHARS[bits[owned_cells]], owners


@lru_cache(maxsize=8192)
def _style(key: int) -> Style:
    fg, bg, bold = key >> 25, (key >> 1) & 0xFFFFFF, key & 1
    return Style(
        color=Color.from_rgb(fg >> 16, (fg >> 8) & 255, fg & 255),
        bgcolor=Color.from_rgb(bg >> 16, (bg >> 8) & 255, bg & 255),
        bold=bool(bold) or None,
    )


@lru_cache(maxsize=8192)
def _style_256(key: int) -> Style:
    """The style of a cell key whose colours are all 256-colour palette entries, in palette numbers."""
    return Style(color=eight_bit(key >> 25), bgcolor=eight_bit((key >> 1) & 0xFFFFFF), bold=bool(key & 1) or None)


class Canvas:
    """A grid of cells (character, foreground, background, bold) that becomes a list of Strips."""

    def __init__(self, width: int, height: int, foreground: RGB, background: RGB):
        self.width, self.height = max(0, width), max(0, height)
        self.foreground, self.background = foreground, background
        self.chars = np.full((self.height, self.width), " ", dtype="<U1")
        self.fg = np.empty((self.height, self.width, 3), np.uint8)
        self.fg[:] = foreground
        self.bg = np.empty((self.height, self.width, 3), np.uint8)
        self.bg[:] = background
        self.bold = np.zeros((self.height, self.width), bool)
        self._keys: np.ndarray | None = None
        self._style = _style  # cell key → Style; _style_256 once the colours are snapped to 256

    def pixels(self, y: int, x: int, image: np.ndarray) -> None:
        """Draw an RGB image (2*lines, cols, 3) at cell (y, x), two pixels per cell (▀)."""
        if image.shape[0] % 2:
            pad = np.empty((1, *image.shape[1:]), np.uint8)
            pad[:] = self.background
            image = np.concatenate([image, pad])
        lines, cols = image.shape[0] // 2, image.shape[1]
        y1, x1 = min(self.height, y + lines), min(self.width, x + cols)
        if y1 <= y or x1 <= x:
            return
        h, w = y1 - y, x1 - x
        self.chars[y:y1, x:x1] = UPPER_HALF
        self.fg[y:y1, x:x1] = image[0 : 2 * h : 2, :w]
        self.bg[y:y1, x:x1] = image[1 : 2 * h : 2, :w]

    def shades(self, y: int, x: int, image: np.ndarray, fg: RGB) -> None:
        """Draw a grey image (values in [0, 1]) at cell (y, x) in shade characters, two rows per cell (glyphs.py)."""
        chars = shade_glyphs(row_pairs(image))
        r, c = np.indices(chars.shape)
        self.cells((y + r).ravel(), (x + c).ravel(), chars.ravel(), fg)

    def label(self, y: int, x: int, text: str, fg: RGB | None = None, bold: bool = False,
              room: int | None = None) -> int:
        """Write words at (y, x): whole, or shortened at a break with "…" to fit the line (or `room`)."""
        room = self.width - x if room is None else min(room, self.width - x)
        return self.text(y, x, fit_words(text, room), fg, bold=bold)

    def text(self, y: int, x: int, text: str, fg: RGB | None = None, bg: RGB | None = None,
             bold: bool = False) -> int:
        """Write `text` (single-width characters) at (y, x), clipped; returns the x after it."""
        if not (0 <= y < self.height) or x >= self.width:
            return x + len(text)
        start = max(0, -x)
        chars = list(text[start : self.width - x])
        x0 = x + start
        x1 = x0 + len(chars)
        if chars:
            self.chars[y, x0:x1] = chars
            self.fg[y, x0:x1] = fg or self.foreground
            if bg is not None:
                self.bg[y, x0:x1] = bg
            self.bold[y, x0:x1] = bold
        return x + len(text)

    def cells(self, ys: np.ndarray, xs: np.ndarray, chars: np.ndarray | str, fg: np.ndarray | RGB,
              bold: bool = False) -> None:
        """Set the character and foreground of the cells (ys[k], xs[k]); out-of-range cells are skipped."""
        ys, xs = np.asarray(ys), np.asarray(xs)
        inside = (ys >= 0) & (ys < self.height) & (xs >= 0) & (xs < self.width)
        ys, xs = ys[inside], xs[inside]
        self.chars[ys, xs] = chars if isinstance(chars, str) else np.asarray(chars)[inside]
        self.fg[ys, xs] = fg if isinstance(fg, tuple) else np.asarray(fg)[inside]
        self.bold[ys, xs] = bold

    def fill(self, y: int, x: int, height: int, width: int, bg: RGB) -> None:
        """Paint a rectangle of blank cells in `bg`."""
        rows, cols = slice(max(0, y), max(0, y + height)), slice(max(0, x), max(0, x + width))
        self.chars[rows, cols] = " "
        self.bg[rows, cols] = bg

    def snap(self, system: ColorSystem) -> None:
        """Use only the colours a terminal with `system` shows (call after drawing, before changes()).

        With 256 colours the strips then carry palette numbers, which the terminal writer sends as they are.
        """
        self.fg, self.bg = snap_colors(self.fg, system), snap_colors(self.bg, system)
        if system == ColorSystem.EIGHT_BIT:
            self._style = _style_256

    def cell_keys(self) -> np.ndarray:
        """One int per cell for its style (fg, bg, bold); a blank's foreground is taken as its background.

        Computed once, when the drawing is done (changes() and strips() come after all drawing).
        """
        if self._keys is None:
            fg = np.where((self.chars == " ")[..., None], self.bg, self.fg)
            self._keys = (pack(fg) << 25) | (pack(self.bg) << 1) | self.bold.astype(np.int64)
        return self._keys

    def changes(self, before: Canvas | None) -> list[tuple[int, int, int]]:
        """(line, x_start, x_stop) spans of cells that differ from `before` (every line if the sizes differ)."""
        if before is None or before.chars.shape != self.chars.shape:
            return [(y, 0, self.width) for y in range(self.height)]
        differ = (self.chars != before.chars) | (self.cell_keys() != before.cell_keys())
        edges = np.diff(np.pad(differ, ((0, 0), (1, 1))).astype(np.int8), axis=1)
        starts, stops = np.argwhere(edges == 1), np.argwhere(edges == -1)  # both in line-major order
        return list(zip(starts[:, 0].tolist(), starts[:, 1].tolist(), stops[:, 1].tolist()))

    def strip(self, y: int) -> Strip:
        """Line y as a Strip; runs of cells with the same style become one Segment."""
        row_keys = self.cell_keys()[y]
        cuts = (np.flatnonzero(row_keys[1:] != row_keys[:-1]) + 1).tolist()
        chars = self.chars[y].tolist()
        starts, stops = [0, *cuts], [*cuts, self.width]
        keys = row_keys[starts].tolist()
        style = self._style
        return Strip([Segment("".join(chars[a:b]), style(k)) for a, b, k in zip(starts, stops, keys)], self.width)

    def to_strips(self, before: list[Strip] | None = None, lines: list[int] | None = None) -> list[Strip]:
        """One Strip per line; with `before` and `lines`, only those lines are rebuilt and the rest reused."""
        if before is None or lines is None or len(before) != self.height:
            return [self.strip(y) for y in range(self.height)]
        strips = list(before)
        for y in lines:
            strips[y] = self.strip(y)
        return strips
