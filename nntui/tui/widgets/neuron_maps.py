"""The Network pane's neuron maps: a small map inside each hidden node, and the neuron-map view (m).

On 2-D data every hidden neuron draws a shape over the input plane (its
activation at each point; tui/neuron_maps.py). When there is room, each
hidden node of the diagram is that map, a square of NODE_SIZES pixels (as in
TensorFlow Playground); a column of tiles needs 1 pixel between them, and the
column captions go to the border when their line is needed. The map view,
toggled by `m`, lays out every hidden neuron's map layer by layer, each
labelled `L1 n3`, the selected one marked; when they do not fit it shows a
window of each layer around the selected neuron and says "+N more".
`MapNodes` is the Network pane's part of it (mixed into the pane).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nntui.run.frame import Frame
from nntui.tui.mapdraw import colours, draw_map, glyph_cells, own_scales, resampled, swatch
from nntui.tui.neuron_maps import layer_maps, maps_note, selected_neuron
from nntui.tui.render import Canvas
from nntui.tui.selection import Selection
from nntui.tui.widgets.pane import Palette

if TYPE_CHECKING:
    from nntui.tui.widgets.network import Column

NODE_SIZES = (6, 5, 4, 3)  # a node's map: pixels a side (= cells across), largest that fits first
NODE_GAP = 6  # the narrowest gap between columns of map nodes (their edges stay readable)
VIEW_SIZES = (12, 10, 8, 6, 4)  # the map view's tiles, pixels a side (even: whole lines)
MARK = "▸"
NODE_MAPS_NOTE = "each hidden node: its map · m: all maps"  # the Network pane's border, under map nodes
NEURON_WIDTH = 2  # a plain neuron's cells across (the Network pane's)
SIGNS = ((-1.0, "<0"), (0.0, "0"), (1.0, ">0"))  # the legend's swatches: a map's value / its own max |a|
VIEW_HELP = "each on its own scale · select: h l [ ] or click · m: back"


# -- maps inside the nodes ----------------------------------------------------


@dataclass(frozen=True)
class NodeTiles:
    """How the hidden nodes are drawn: as maps `size` pixels a side (0: plain neurons), with or without the
    caption line."""

    size: int = 0
    captions: bool = True
    widening: int = 0  # the cells the hidden columns take beyond plain neurons, all together


def node_tiles(frame: Frame, room: int, height: int) -> NodeTiles:
    """The largest map nodes that fit: `room` cells across for the hidden columns and every gap, `height` lines
    (the caption line included). Plain neurons during a phase step, for images, or without maps."""
    if frame.phase is not None or frame.image_shape is not None or maps_note(frame) is not None:
        return NodeTiles()
    hidden = frame.layer_sizes[1:-1]
    tallest = max(hidden)
    for captions in (True, False):
        pixels = 2 * (height - (1 if captions else 0))
        for size in NODE_SIZES:
            if tallest * (size + 1) - 1 <= pixels and size * len(hidden) + NODE_GAP * (len(hidden) + 1) <= room:
                return NodeTiles(size, captions, (size - NEURON_WIDTH) * len(hidden))
    return NodeTiles()


def tile_centres(n: int, size: int, pixels: int) -> np.ndarray:
    """Each of `n` tiles' centre pixel row: spread over `pixels` rows, at least 1 pixel between tiles."""
    slack = max(0, pixels - n * size - (n - 1))
    tops = np.rint(np.arange(n) * (size + 1) + (np.arange(n) + 1) * slack / (n + 1)).astype(int)
    return tops + size // 2


def draw_node_tiles(canvas: Canvas, frame: Frame, number: int, x: int, centres: np.ndarray, size: int,
                    pal: Palette, *, glyphs: bool, cube: bool) -> None:
    """Hidden layer L{number}'s maps as the column of nodes at x (tile k centred on pixel row centres[k])."""
    maps = layer_maps(frame, number)
    tiles = resampled(maps, size, size) / own_scales(maps)  # (size, size, n) in [-1, 1]
    lines = (int(centres.max()) - size // 2 + size - 1) // 2 + 1
    image = np.full((2 * lines, size), np.nan)
    for k, centre in enumerate(centres.tolist()):
        top = centre - size // 2
        image[top: top + size] = tiles[:, :, k]
    if glyphs:
        chars = glyph_cells(image)
        r, c = np.indices(chars.shape)
        canvas.cells(r.ravel(), (x + c).ravel(), chars.ravel(), pal.text)
        return
    pixels = colours(np.nan_to_num(image), 1.0, pal, cube)
    pixels[np.isnan(image)] = pal.background
    canvas.pixels(0, x, pixels)


# -- the map view ---------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """One neuron's map in the view: its label at line y, the map under it (size pixels a side) from x."""

    number: int  # layer number (L1 is the first hidden layer)
    j: int
    y: int
    x: int
    size: int

    def holds(self, y: int, x: int) -> bool:
        return self.y <= y <= self.y + self.size // 2 and self.x <= x < self.x + max(self.size, 4)


def _window(n: int, room: int, focus: int) -> range:
    """`room` of n neurons, around `focus` (all of them when they fit)."""
    if n <= room:
        return range(n)
    start = min(max(0, focus - room // 2), n - room)
    return range(start, start + room)


def _rows(needs: list[int], rows: int, first: int) -> list[int]:
    """Rows for each layer: one each, then the rest to layer `first` and on in order, as far as each needs."""
    given = [1] * len(needs)
    rows -= len(needs)
    for k in [first] + [k for k in range(len(needs)) if k != first]:
        extra = min(max(0, rows), needs[k] - 1)
        given[k] += extra
        rows -= extra
    return given


def view_layout(frame: Frame, selection: Selection, width: int, height: int) -> tuple[list[Tile], list[str]]:
    """Every hidden neuron's tile that fits, and the "+N more" notes (one per layer left short)."""
    hidden = list(frame.layer_sizes[1:-1])
    label = len(f"L{len(hidden)} n{max(hidden) - 1}")
    chosen = selected_neuron(frame, selection)
    focus_layer = chosen[0] - 1 if chosen else 0
    for size in VIEW_SIZES:
        slot = max(size, label) + 1
        per_row = max(1, width // slot)
        needs = [-(-n // per_row) for n in hidden]
        if sum(needs) * (size // 2 + 1) <= height:
            break
    rows = height // (size // 2 + 1)
    first = max(0, min(focus_layer - rows + 1, len(hidden) - rows)) if rows < len(hidden) else 0
    shown_layers = range(first, min(len(hidden), first + max(1, rows)))
    given = _rows([needs[k] for k in shown_layers], max(rows, len(shown_layers)), focus_layer - first)
    tiles, notes, y = [], [], 0
    for k, count in zip(shown_layers, given):
        n = hidden[k]
        room = count * per_row
        focus = chosen[1] if chosen and chosen[0] == k + 1 else 0
        window = _window(n, room - (1 if n > room else 0), focus)
        if n > room - (1 if n > room else 0):
            notes.append(f"L{k + 1} +{n - len(window)} more")
        for place, j in enumerate(window):
            row, col = divmod(place, per_row)
            tiles.append(Tile(k + 1, j, y + row * (size // 2 + 1), 1 + col * slot, size))
        y += count * (size // 2 + 1)
    if len(shown_layers) < len(hidden):
        notes.append(f"+{len(hidden) - len(shown_layers)} layers")
    return tiles, notes


def draw_map_view(canvas: Canvas, frame: Frame, selection: Selection, pal: Palette, *, glyphs: bool,
                  cube: bool) -> list[Tile]:
    """The neuron-map view over the whole pane (or why there is none); returns the tiles drawn (for clicks)."""
    note = maps_note(frame)
    if note is not None:
        canvas.label(0, 0, f"{note} · m: back to the network", pal.muted)
        return []
    tiles, notes = view_layout(frame, selection, canvas.width, canvas.height - 1)
    chosen = selected_neuron(frame, selection)
    for tile in tiles:
        maps = layer_maps(frame, tile.number)
        selected = (tile.number, tile.j) == chosen
        text = f"L{tile.number} n{tile.j}"
        canvas.text(tile.y, tile.x, text, pal.highlight if selected else pal.muted, bold=selected)
        if selected:
            canvas.text(tile.y, tile.x - 1, MARK, pal.highlight, bold=True)
        draw_map(canvas, tile.y + 1, tile.x, maps[:, :, tile.j], tile.size, tile.size, pal, glyphs=glyphs, cube=cube)
    y, x = canvas.height - 1, 0
    if notes:
        x = canvas.label(y, 0, " · ".join(notes) + " · ", pal.muted)
    for value, text in SIGNS:
        x = swatch(canvas, y, x, value, pal, glyphs=glyphs, cube=cube)
        x = canvas.text(y, x, f" {text}  ", pal.muted)
    canvas.label(y, x, VIEW_HELP, pal.muted)
    return tiles


class MapNodes:
    """The Network pane's part in drawing maps: the map view, the map nodes, the border's note (a mixin put
    before CanvasPane; the pane's `_draw_neurons` draws plain neurons)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._tiles: list[Tile] = []  # the map view's tiles (m), for clicks

    def _set_subtitle(self, text: str) -> None:
        if str(self.border_subtitle or "") != text:  # (setting it repaints the pane)
            self.border_subtitle = text

    def _draw_map_view(self, canvas: Canvas, frame: Frame, selection: Selection, title: str) -> bool:
        """The neuron-map view instead of the diagram, when it is on (m) and no step is taken apart."""
        self._tiles = []
        if not selection.neuron_maps or frame.phase is not None:
            return False
        self.set_title(f"{title} · neuron maps (m)")
        self._set_subtitle("")
        self._tiles = draw_map_view(canvas, frame, selection, self.palette, glyphs=self.glyphs, cube=self.cube)
        return True

    def _draw_nodes(self, canvas: Canvas, frame: Frame, k: int, column: Column, colors: np.ndarray,
                    dead: np.ndarray, pal: Palette) -> None:
        """Column k's neurons: in their colours, or, for a column of map nodes, as their maps."""
        if column.tile:
            draw_node_tiles(canvas, frame, k, column.x, column.halves, column.tile, pal, glyphs=self.glyphs,
                            cube=self.cube)
        else:
            self._draw_neurons(canvas, column, colors, dead, pal)
