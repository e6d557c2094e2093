"""Weights pane: the selected layer's W as a heatmap, its biases b in a row under it, the cursor on the selection.

Rows are the fan-in (input neuron i), columns the fan-out (output neuron j).
Each weight is a square of half-block pixels, blue positive, orange negative,
on a scale symmetric about zero (±max |W|). Small matrices are zoomed; large
ones pan to keep the cursor in view. The header gives the selected weight's
exact value, its gradient and the nudge size δ, and a legend of the colours
(one scale, ±max |W, b|). For the first layer of image
data the selected neuron's incoming weights are also drawn as an image: its
receptive field.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from textual import events
from textual.message import Message

from nntui.run.frame import Frame
from nntui.tui.glyphs import SELECTED_MARK, row_pairs, sign_glyphs
from nntui.tui.legend import draw_legend
from nntui.tui.names import parameter_name
from nntui.tui.render import Canvas, diverging, symmetric_scale
from nntui.tui.selection import Selection
from nntui.tui.widgets.bias_row import LINES as BIAS_LINES, draw_bias_row
from nntui.tui.widgets.pane import CanvasPane, Palette

MAX_ZOOM = 8  # a weight is at most this many columns (and half-lines) across
HEADER_LINES = 2
FIELD_GAP = 2
MIN_HEATMAP_WIDTH = 8
MIN_HEATMAP_LINES = 3
MIN_ZOOM_FOR_NUMBERS = 4  # from this zoom up each square shows its weight's value


@dataclass(frozen=True)
class HeatmapPlace:
    """Where the heatmap sits and which part of W it shows."""

    layer: int
    y: int
    x: int
    zoom: int
    row0: int
    col0: int
    rows: int  # weights shown
    cols: int


def _compact(value: float, width: int) -> str:
    """`value` in at most `width` characters, as precise as fits: .47, -.5, 1.4, -2 (or "" if nothing fits)."""
    for decimals in (2, 1, 0):
        text = f"{value:.{decimals}f}"
        if text.lstrip("-").startswith("0."):
            text = text.replace("0.", ".", 1)
        if len(text) <= width:
            return text
    return ""


def _luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (c / 255 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _follow(origin: int, cursor: int, shown: int, total: int) -> int:
    """Move a window start as little as possible so `cursor` is inside [origin, origin+shown)."""
    if cursor < origin:
        origin = cursor
    elif cursor >= origin + shown:
        origin = cursor - shown + 1
    return max(0, min(origin, total - shown))


def draw_header(canvas: Canvas, frame: Frame, selection: Selection, value: float, pal: Palette) -> int:
    """The selection's name = value and δ; the name on a line of its own when it is long. Returns the lines
    the header takes (the legend's line included)."""
    number, delta = f" = {value:.4f}", f"   δ = {selection.delta:g}"
    name = parameter_name(frame, *selection.address)
    if len(name + number + delta) <= canvas.width or canvas.height < 2 * HEADER_LINES + MIN_HEATMAP_LINES:
        name = parameter_name(frame, *selection.address, width=canvas.width - len(number + delta))
        x = canvas.label(0, 0, name + number, pal.highlight, bold=True)
        canvas.label(0, x, delta, pal.text)
        return HEADER_LINES
    canvas.label(0, 0, parameter_name(frame, *selection.address, width=canvas.width), pal.highlight, bold=True)
    x = canvas.label(1, 0, number.lstrip(), pal.highlight, bold=True)
    canvas.label(1, x, delta, pal.text)
    return HEADER_LINES + 1


class WeightsPane(CanvasPane):
    """Heatmap of W for the selected layer, with the selected weight's value."""

    DEFAULT_CSS = "WeightsPane { width: 1fr; height: 1fr; }"

    class WeightClicked(Message):
        """W[layer][i, j] was clicked in the heatmap."""

        def __init__(self, layer: int, i: int, j: int) -> None:
            super().__init__()
            self.layer, self.i, self.j = layer, i, j

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._origins: dict[int, tuple[int, int]] = {}  # pan position per layer (this pane's own state)
        self._place: HeatmapPlace | None = None

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        pal = self.palette
        layer = frame.layers[selection.layer]
        W, b = np.asarray(layer.W, np.float64), np.asarray(layer.b, np.float64)
        scale = symmetric_scale(np.concatenate([W.ravel(), b]))
        if selection.bias:
            value, grad = float(b[selection.j]), float(layer.db[selection.j])
        else:
            value, grad = float(W[selection.i, selection.j]), float(layer.dW[selection.i, selection.j])
        top = draw_header(canvas, frame, selection, value, pal)
        width, height = canvas.width, canvas.height - top
        field = None  # (y, x, shrink) of the receptive field, for the first layer of image data
        if frame.image_shape is not None and selection.layer == 0 and W.shape[0] == np.prod(frame.image_shape):
            for shrink in (1, 2):
                lines, cols = -(-frame.image_shape[0] // (2 * shrink)) + 1, frame.image_shape[1] // shrink
                if width >= cols + FIELD_GAP + MIN_HEATMAP_WIDTH and height >= lines:
                    field, width = (top, width - cols, shrink), width - cols - FIELD_GAP
                    break
                if height >= lines + 1 + MIN_HEATMAP_LINES:
                    field, height = (canvas.height - lines, 0, shrink), height - lines - 1
                    break
        place = self._heatmap(canvas, W, scale, selection, top, width, height - BIAS_LINES, pal)
        self._place = place
        draw_bias_row(canvas, b, scale, place, selection, pal, glyphs=self.glyphs, cube=self.cube,
                      numbers=_compact if place.zoom >= MIN_ZOOM_FOR_NUMBERS else None)
        window = f"  rows {place.row0}–{place.row0 + place.rows - 1} cols {place.col0}–{place.col0 + place.cols - 1}"
        whole = place.rows == W.shape[0] and place.cols == W.shape[1]
        x = draw_legend(canvas, top - 1, 0, pal, scale, glyphs=self.glyphs, cube=self.cube)
        shape = f"  {W.shape[0]}×{W.shape[1]}" + ("" if whole else window)
        for tail in (f"  grad {grad:+.4f}{shape}", f"  grad {grad:+.4f}"):  # the gradient, then the shape if it fits
            if x + len(tail) <= canvas.width:
                canvas.text(top - 1, x, tail, pal.muted)
                break
        if field is not None:
            self._receptive_field(canvas, W[:, selection.j], frame.image_shape, selection.j, *field, pal, self.glyphs,
                                  self.cube)

    def _heatmap(self, canvas: Canvas, W: np.ndarray, scale: float, selection: Selection,
                 y: int, width: int, height: int, pal: Palette) -> HeatmapPlace:
        """W (or the window of it around the cursor) in `width` x `height` cells from line y, zoomed to fill them."""
        total_rows, total_cols = W.shape
        zoom = max(1, min(MAX_ZOOM, width // total_cols, (2 * max(1, height)) // total_rows))
        if zoom >= MIN_ZOOM_FOR_NUMBERS or self.glyphs:
            zoom = max(2, zoom - zoom % 2)  # even: every line of a square belongs to one weight (its glyph, number)
        rows = max(1, min(total_rows, (2 * height) // zoom))
        cols = max(1, min(total_cols, width // zoom))
        row0, col0 = self._origins.get(selection.layer, (0, 0))
        row0, col0 = _follow(row0, selection.i, rows, total_rows), _follow(col0, selection.j, cols, total_cols)
        self._origins[selection.layer] = (row0, col0)
        block = W[row0 : row0 + rows, col0 : col0 + cols]
        place = HeatmapPlace(selection.layer, y, 0, zoom, row0, col0, rows, cols)
        if self.glyphs:
            self._glyph_squares(canvas, block, scale, place, selection, pal)
        else:
            self._pixel_squares(canvas, block, scale, place, selection, pal, self.cube)
        if zoom >= MIN_ZOOM_FOR_NUMBERS:
            self._numbers(canvas, block, place, selection, pal)
        return place

    @staticmethod
    def _pixel_squares(canvas: Canvas, block: np.ndarray, scale: float, place: HeatmapPlace, selection: Selection,
                       pal: Palette, cube: bool) -> None:
        """Each weight a square of half-block pixels in its colour; the selected one ringed in the highlight."""
        zoom, y, row0, col0 = place.zoom, place.y, place.row0, place.col0
        pixels = diverging(block, scale, pal.negative, pal.neutral, pal.positive, cube=cube)
        pixels = pixels.repeat(zoom, axis=0).repeat(zoom, axis=1)
        r, c = (selection.i - row0) * zoom, (selection.j - col0) * zoom
        if zoom <= 2 and not selection.bias:  # (a selected bias is marked in the bias row)
            pixels[r : r + zoom, c : c + zoom] = pal.highlight
        elif not selection.bias:  # a ring, so the weight's own colour still shows inside
            pixels[r : r + zoom, [c, c + zoom - 1]] = pal.highlight
            pixels[[r, r + zoom - 1], c : c + zoom] = pal.highlight
        canvas.pixels(y, 0, pixels)

    @staticmethod
    def _glyph_squares(canvas: Canvas, block: np.ndarray, scale: float, place: HeatmapPlace, selection: Selection,
                       pal: Palette) -> None:
        """Each weight its sign-and-size glyph (glyphs.py) at the top left of its square; the selected one marked ◂.

        Squares big enough for numbers show only those (they carry sign and size); the selected one keeps its glyph.
        """
        r, c = np.indices(block.shape)
        ys, xs = (place.y + r * place.zoom // 2).ravel(), (place.x + c * place.zoom).ravel()
        glyphs = sign_glyphs(block, scale).ravel()
        if place.zoom < MIN_ZOOM_FOR_NUMBERS:
            colors = diverging(block, scale, pal.negative, pal.neutral, pal.positive).reshape(-1, 3)
            canvas.cells(ys, xs, glyphs, colors)
        if not selection.bias:  # (a selected bias is marked in the bias row)
            k = (selection.i - place.row0) * block.shape[1] + (selection.j - place.col0)
            canvas.text(int(ys[k]), int(xs[k]), glyphs[k] + SELECTED_MARK, pal.highlight, bold=True)

    @staticmethod
    def _numbers(canvas: Canvas, block: np.ndarray, place: HeatmapPlace, selection: Selection, pal: Palette) -> None:
        """Write each weight's value in its square (all but the selected one, whose value is in the header)."""
        for r, c in np.ndindex(block.shape):
            if (place.row0 + r, place.col0 + c) == (selection.i, selection.j) and not selection.bias:
                continue
            y, x = place.y + r * place.zoom // 2, place.x + c * place.zoom
            text = _compact(float(block[r, c]), place.zoom - 1)  # a column's gap between neighbours
            ink = (0, 0, 0) if _luminance(tuple(int(v) for v in canvas.bg[y, x])) > 0.5 else pal.text
            canvas.text(y, x + place.zoom - len(text), text, ink)

    @staticmethod
    def _receptive_field(canvas: Canvas, incoming: np.ndarray, shape: tuple[int, int], j: int,
                         y: int, x: int, shrink: int, pal: Palette, glyphs: bool, cube: bool) -> None:
        """Neuron j's incoming weights as an image (every `shrink`-th pixel when space is short), or as glyphs."""
        canvas.label(y, x, f"L1 n{j} receptive field", pal.muted)
        image = incoming.reshape(shape)
        scale = symmetric_scale(image)
        colors = diverging(image, scale, pal.negative, pal.neutral, pal.positive, cube=cube)
        if not glyphs:
            canvas.pixels(y + 1, x, colors[::shrink, ::shrink])
            return
        rows = row_pairs(image[: shape[0] // 2 * 2])[::shrink, ::shrink]  # a line: two rows
        r, c = np.indices(rows.shape)
        canvas.cells((y + 1 + r).ravel(), (x + c).ravel(), sign_glyphs(rows, scale).ravel(),
                     colors[: 2 * rows.shape[0] * shrink : 2 * shrink, ::shrink].reshape(-1, 3))

    def on_click(self, event: events.Click) -> None:
        offset = self.click_offset(event)
        place = self._place
        if offset is None or place is None:
            return
        i = place.row0 + (offset.y - place.y) * 2 // place.zoom
        j = place.col0 + (offset.x - place.x) // place.zoom
        if place.row0 <= i < place.row0 + place.rows and place.col0 <= j < place.col0 + place.cols:
            self.post_message(self.WeightClicked(place.layer, i, j))
