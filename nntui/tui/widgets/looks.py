"""The image Data pane's "looks for" view (`f`): the selected neuron's top 9 test images and its receptive field.

A 3×3 grid of the test images that drive the neuron hardest, each with its
class and its activation a, and beside it (or under it, when narrow) the
field, coloured by sign with a legend line and a caption that says whether it
is the weights themselves (layer 1) or a first-order approximation. The
images shrink (2, 3 or 4 times, a block to a pixel) to fit the pane, and the field
goes beside the grid or under it; when even that does not fit, a line says so.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np

from nntui.run.frame import Frame, NeuronLooks
from nntui.tui.glyphs import SIGN_LEGEND, row_pairs, sign_glyphs
from nntui.tui.render import Canvas, diverging, ramp, symmetric_scale
from nntui.tui.selection import Selection

GRID = 3
SHRINKS = (1, 2, 3, 4)  # an image shrunk this many times each way, the largest pictures first
MIN_THUMB = 6  # columns a thumbnail needs for its "7 4.61" line
LEGEND_WIDTH = 16  # columns the field's legend and caption need beside it


@dataclass(frozen=True)
class Layout:
    """Where the grid and the field go: the grid's shrink and pitch, the field's place and shrink, the legend's."""

    shrink: int
    pitch: int  # columns from one thumbnail to the next
    lines: int  # lines of one thumbnail
    field_at: tuple[int, int]  # (y, x) below the header
    field_shrink: int
    legend_at: tuple[int, int]
    legend_width: int


def thumb_size(shape: tuple[int, int], shrink: int) -> tuple[int, int]:
    """(lines, columns) an image takes at `shrink` (two pixel rows a line)."""
    rows, cols = -(-shape[0] // shrink), -(-shape[1] // shrink)
    return -(-rows // 2), cols


def pooled(image: np.ndarray, s: int, reduce=np.max) -> np.ndarray:
    """`image` shrunk s times each way: each s×s block (padded with zeros at the edges) reduced to one pixel."""
    if s == 1:
        return image
    rows, cols = -(-image.shape[0] // s), -(-image.shape[1] // s)
    padded = np.zeros((rows * s, cols * s), np.float64)
    padded[: image.shape[0], : image.shape[1]] = image
    return reduce(padded.reshape(rows, s, cols, s), axis=(1, 3))


def layout(shape: tuple[int, int], width: int, height: int) -> Layout | None:
    """The largest grid that fits with the field beside it (legend under the field) or under it (legend beside)."""
    for s in SHRINKS:
        lines, cols = thumb_size(shape, s)
        pitch = max(cols, MIN_THUMB) + 1
        grid_w, grid_h = GRID * pitch, GRID * (lines + 1)
        if grid_w > width or grid_h > height:
            continue
        for f in SHRINKS:
            field_lines, field_cols = thumb_size(shape, f)
            room = width - grid_w - 1
            if max(field_cols, LEGEND_WIDTH) <= room and field_lines + 6 <= height:
                return Layout(s, pitch, lines, (0, grid_w + 1), f, (field_lines + 1, grid_w + 1), room)
            room = width - field_cols - 2
            if room >= LEGEND_WIDTH and grid_h + field_lines <= height:
                return Layout(s, pitch, lines, (grid_h, 0), f, (grid_h, field_cols + 2), room)
    return None


def described(frame: Frame | None, selection: Selection) -> bool:
    """True when `frame` carries the looks of the neuron `selection` asks about (the view has arrived)."""
    looks = frame.looks if frame is not None else None
    return looks is not None and (looks.layer, looks.j) == (selection.layer, selection.j)


class LooksDrawing:
    """Draws a NeuronLooks on a canvas with the pane's palette and colour mode."""

    def __init__(self, canvas: Canvas, pal, glyphs: bool, cube: bool):
        self.canvas, self.pal, self.glyphs, self.cube = canvas, pal, glyphs, cube

    def draw(self, frame: Frame, selection: Selection) -> None:
        canvas, pal, looks = self.canvas, self.pal, frame.looks
        head = f"L{selection.layer + 1} n{selection.j}: top {GRID * GRID} test images by a"
        canvas.label(0, 0, head + " · f: back" if len(head) + 10 <= canvas.width else head, pal.text, bold=True)
        if not described(frame, selection):
            canvas.label(1, 0, "working out what this neuron looks for…", pal.muted)
            return
        shape = looks.top_images.shape[1:]
        place = layout(shape, canvas.width, canvas.height - 1)
        if place is None:
            canvas.label(1, 0, "enlarge the pane to see the top images", pal.muted)
            return
        names = getattr(frame.data_view, "class_names", ()) or ()
        self._grid(looks, names, 1, place)
        self._field(looks, 1 + place.field_at[0], place.field_at[1], place.field_shrink)
        self._legend(looks, 1 + place.legend_at[0], place.legend_at[1], place.legend_width)

    def _grid(self, looks: NeuronLooks, names: tuple[str, ...], y: int, place: Layout) -> None:
        """The top images, largest activation first, row by row; under each its true class and its a."""
        pitch, lines = place.pitch, place.lines
        for k, image in enumerate(np.asarray(looks.top_images, np.float64)):
            r, c = divmod(k, GRID)
            top, left = y + r * (lines + 1), c * pitch
            self._image(image / max(1.0, float(image.max())), top, left, place.shrink)
            label = int(looks.top_labels[k])
            name = names[label] if label < len(names) else str(label)
            value = f"{float(looks.top_a[k]):.2f}"
            text = f"{name[: max(1, pitch - 2 - len(value))]} {value}"
            self.canvas.text(top + lines, left, text[: pitch - 1], self.pal.muted)

    def _image(self, image: np.ndarray, y: int, x: int, s: int) -> None:
        shown = pooled(image, s)  # a block's brightest pixel: thin strokes survive the shrinking
        if self.glyphs:
            self.canvas.shades(y, x, shown, self.pal.text)
        else:
            self.canvas.pixels(y, x, ramp(shown, self.pal.background, self.pal.text, cube=self.cube))

    def _field(self, looks: NeuronLooks, y: int, x: int, s: int) -> None:
        """The receptive field, coloured by sign (glyphs without colour), shrunk `s` times (block means)."""
        field = pooled(np.asarray(looks.field, np.float64), s, np.mean)
        scale = symmetric_scale(field)
        colors = diverging(field, scale, self.pal.negative, self.pal.neutral, self.pal.positive, cube=self.cube)
        if not self.glyphs:
            self.canvas.pixels(y, x, colors)
            return
        rows = row_pairs(field)
        r, c = np.indices(rows.shape)
        self.canvas.cells((y + r).ravel(), (x + c).ravel(), sign_glyphs(rows, scale).ravel(),
                          colors[::2][: rows.shape[0]].reshape(-1, 3))

    def _legend(self, looks: NeuronLooks, y: int, x: int, width: int) -> None:
        """What the field's colours (or glyphs) mean, its largest |value|, and what the field is."""
        pal, canvas = self.pal, self.canvas
        scale = symmetric_scale(np.asarray(looks.field))
        if self.glyphs:
            canvas.label(y, x, f"field {SIGN_LEGEND}", pal.muted, room=width)
        else:
            canvas.text(y, canvas.text(y, x, "■", pal.positive), " field + raises z", pal.muted)
            canvas.text(y + 1, canvas.text(y + 1, x, "■", pal.negative), " field − lowers z", pal.muted)
            y += 1
        canvas.label(y + 1, x, f"largest |value| {scale:.2g}", pal.muted, room=width)
        for n, line in enumerate(textwrap.wrap(looks.caption, max(10, width))):
            canvas.text(y + 2 + n, x, line, pal.muted)
