"""The image Data pane's "looks for" view (`f`): the selected neuron's top 9 test images and its receptive field.

A 3×3 grid of the test images that drive the neuron hardest, each with its
class and its activation a, and beside it (or under it, when narrow) the
field, coloured by sign with a legend line and a caption that says whether it
is the weights themselves (layer 1) or a first-order approximation. The
images shrink (every 2nd, 3rd or 4th pixel) to fit the pane; when even that
does not fit, a line says so.
"""

from __future__ import annotations

import textwrap

import numpy as np

from nntui.run.frame import Frame, NeuronLooks
from nntui.tui.glyphs import SIGN_LEGEND, row_pairs, sign_glyphs
from nntui.tui.render import Canvas, diverging, ramp, symmetric_scale
from nntui.tui.selection import Selection

GRID = 3
SHRINKS = (1, 2, 3, 4)  # every n-th pixel of an image, the largest pictures first
MIN_THUMB = 6  # columns a thumbnail needs for its "7 4.61" line


def thumb_size(shape: tuple[int, int], shrink: int) -> tuple[int, int]:
    """(lines, columns) an image takes at `shrink` (two pixel rows a line)."""
    rows, cols = -(-shape[0] // shrink), -(-shape[1] // shrink)
    return -(-rows // 2), cols


def grid_shrink(shape: tuple[int, int], width: int, height: int) -> int | None:
    """The smallest shrink at which the 3×3 grid (each image with a line under it) fits, or None."""
    for s in SHRINKS:
        lines, cols = thumb_size(shape, s)
        if GRID * (max(cols, MIN_THUMB) + 1) <= width and GRID * (lines + 1) <= height:
            return s
    return None


class LooksDrawing:
    """Draws a NeuronLooks on a canvas with the pane's palette and colour mode."""

    def __init__(self, canvas: Canvas, pal, glyphs: bool, cube: bool):
        self.canvas, self.pal, self.glyphs, self.cube = canvas, pal, glyphs, cube

    def draw(self, frame: Frame, selection: Selection) -> None:
        canvas, pal, looks = self.canvas, self.pal, frame.looks
        n = selection.layer + 1
        canvas.label(0, 0, f"L{n} n{selection.j} looks for · its top {GRID * GRID} test images (a) · f: back", pal.text,
                     bold=True)
        if looks is None or (looks.layer, looks.j) != (selection.layer, selection.j):
            canvas.label(1, 0, "working out what this neuron looks for…", pal.muted)
            return
        shape = looks.top_images.shape[1:]
        s = grid_shrink(shape, canvas.width, canvas.height - 3)
        if s is None:
            canvas.label(1, 0, "enlarge the pane to see the top images (or press tab for one pane at a time)",
                         pal.muted)
            return
        lines, cols = thumb_size(shape, s)
        pitch = max(cols, MIN_THUMB) + 1
        names = getattr(frame.data_view, "class_names", ()) or ()
        self._grid(looks, names, 1, s, lines, pitch)
        x = GRID * pitch + 1
        if canvas.width - x >= cols + 2:  # the field beside the grid, as large as fits
            self._field(looks, 1, x, canvas.width - x, canvas.height - 1)
        else:
            self._legend(looks, 1 + GRID * (lines + 1), 0)

    def _grid(self, looks: NeuronLooks, names: tuple[str, ...], y: int, s: int, lines: int, pitch: int) -> None:
        """The top images, largest activation first, row by row; under each its true class and its a."""
        for k, image in enumerate(np.asarray(looks.top_images, np.float64)):
            r, c = divmod(k, GRID)
            top, left = y + r * (lines + 1), c * pitch
            self._image(image / max(1.0, float(image.max())), top, left, s)
            label = int(looks.top_labels[k])
            name = names[label] if label < len(names) else str(label)
            value = f"{float(looks.top_a[k]):.2f}"
            text = f"{name[: max(1, pitch - 2 - len(value))]} {value}"
            self.canvas.text(top + lines, left, text[: pitch - 1], self.pal.muted)

    def _image(self, image: np.ndarray, y: int, x: int, s: int) -> None:
        shown = image[::s, ::s]
        if self.glyphs:
            self.canvas.shades(y, x, shown, self.pal.text)
        else:
            self.canvas.pixels(y, x, ramp(shown, self.pal.background, self.pal.text, cube=self.cube))

    def _field(self, looks: NeuronLooks, y: int, x: int, width: int, height: int) -> None:
        field = np.asarray(looks.field, np.float64)
        s = next((s for s in SHRINKS if thumb_size(field.shape, s)[1] <= width
                  and thumb_size(field.shape, s)[0] + 4 <= height), SHRINKS[-1])
        self.canvas.label(y, x, "its receptive field", self.pal.muted)
        scale = symmetric_scale(field)
        colors = diverging(field, scale, self.pal.negative, self.pal.neutral, self.pal.positive, cube=self.cube)
        if self.glyphs:
            rows = row_pairs(field[::s, ::s])
            r, c = np.indices(rows.shape)
            self.canvas.cells((y + 1 + r).ravel(), (x + c).ravel(), sign_glyphs(rows, scale).ravel(),
                              colors[::2 * s, ::s][: rows.shape[0]].reshape(-1, 3))
        else:
            self.canvas.pixels(y + 1, x, colors[::s, ::s])
        self._legend(looks, y + 1 + thumb_size(field.shape, s)[0], x, width)

    def _legend(self, looks: NeuronLooks, y: int, x: int, width: int | None = None) -> None:
        """The sign legend (colours or glyphs), the field's largest |value|, and what the field is."""
        pal, canvas = self.pal, self.canvas
        scale = symmetric_scale(np.asarray(looks.field))
        if self.glyphs:
            canvas.label(y, x, f"{SIGN_LEGEND} · max |{scale:.2g}|", pal.muted, room=width)
        else:
            end = canvas.text(y, x, "■", pal.positive)
            end = canvas.text(y, end, " + raises z  ", pal.muted)
            end = canvas.text(y, end, "■", pal.negative)
            canvas.label(y, end, f" − lowers z · max |{scale:.2g}|", pal.muted, room=None if width is None
                         else width - (end - x))
        room = width if width is not None else canvas.width - x
        for n, line in enumerate(textwrap.wrap(looks.caption, max(10, room))):
            canvas.text(y + 1 + n, x, line, pal.muted)
