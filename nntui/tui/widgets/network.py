"""Network pane: the layers as columns of neurons, the strongest edges between them in braille.

Each neuron is coloured by its activation (the probe-batch mean, or the
current sample for image data): blue positive, orange negative, grey zero.
Each edge is coloured by its weight's sign and is brighter for a larger |w|
(without colour, NO_COLOR, negative edges are dashed);
only a layer's strongest edges are drawn so the picture stays readable. A
layer taller than the pane shows its most active neurons and "+N more"; a
28x28 input is drawn as the image itself. On 2-D data each hidden node is its
map over the input plane when there is room, and `m` shows every hidden
neuron's map instead of the diagram (widgets/neuron_maps.py). The selected
weight's edge and its two neurons are marked (a selected bias: its neuron, with
b); clicking a neuron selects it. Named data has its names on the inputs and
the output (network_labels.py), and the last line is a colour legend.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from textual import events
from textual.message import Message

from nntui.run.frame import Frame, ImageView
from nntui.tui.glyphs import SELECTED_PIXEL
from nntui.tui.network_labels import (draw_network_legend, input_labels, input_labels_width, legend_lines,
                                      more_text, output_caption, output_labels)
from nntui.tui.phasepaint import network_paint
from nntui.tui.neurons import column_activity, dead_units
from nntui.tui.render import Canvas, diverging, ramp, symmetric_scale
from nntui.tui.selection import Selection
from nntui.tui.widgets.edges import EdgePainter
from nntui.tui.widgets.neuron_maps import NEURON_WIDTH, NODE_MAPS_NOTE, MapNodes, node_tiles, tile_centres
from nntui.tui.widgets.pane import CanvasPane, Palette

NEURON, DEAD_NEURON = "██", "░░"
MARKER = "▸"
BIAS_MARKER = "b"  # left of the neuron whose bias is selected
MIN_GAP_FOR_EDGES = 4
GOOD_GAP = 6  # a full-size input image is drawn only if the other gaps can still be this wide
IMAGE_GAP = 3  # between an input image and the first layer (no edges drawn there)
NEURON_LEVELS = 8  # colour steps: few, so small drifts in training repaint little
COARSE_NEURON_LEVELS = 2  # --low-bandwidth: a neuron is off or on


@dataclass(frozen=True)
class Column:
    """Where one column of the network (0 = inputs, k = layer k's outputs) is drawn."""

    x: int
    width: int
    shown: np.ndarray  # neuron indices drawn, ascending
    halves: np.ndarray  # each shown neuron's vertical place in half-lines (2*line + 0 top / 1 bottom)
    packed: bool  # two neurons per line (▀ halves) instead of one
    more: int = 0  # neurons left out ("+N more")
    image_scale: int = 0  # an image column: pixels per cell column (1 or 2); 0 for neurons
    image_top: int = 0
    tile: int = 0  # a column of map nodes: pixels a side (halves are their centre pixel rows); 0 for neurons

    def covers(self, half: int, y: int) -> bool:
        """True when the neuron placed at `half` is drawn on line y."""
        top = half - self.tile // 2
        return top // 2 <= y <= (top + self.tile - 1) // 2 if self.tile else half // 2 == y

    @property
    def dot_rows(self) -> np.ndarray:
        """Braille dot row where each shown neuron's edges meet it."""
        return 2 * self.halves + 1


def _places(count: int, slots: int) -> np.ndarray:
    """`count` positions spread evenly over `slots` slots."""
    return ((np.arange(count) + 0.5) * slots / count).astype(int)


def _neuron_column(x: int, n: int, lines: int, activity: np.ndarray, keep: list[int],
                   before: np.ndarray | None = None) -> Column:
    """One neuron per line if they fit, two per line (half blocks) if not, else the most active and "+N".

    When summarizing, neurons shown `before` stay while they remain among the
    most active (twice the room), so the picture does not reshuffle every frame.
    """
    if n <= lines:
        return Column(x, NEURON_WIDTH, np.arange(n), 2 * _places(n, lines), packed=False)
    if n <= 2 * lines:
        return Column(x, NEURON_WIDTH, np.arange(n), _places(n, 2 * lines), packed=True)
    capacity = max(1, 2 * (lines - 1))
    ranked = np.argsort(-activity, kind="stable").tolist()
    still_active = set(ranked[: 2 * capacity])
    stay = [k for k in (before.tolist() if before is not None else []) if k in still_active]
    chosen = list(dict.fromkeys(k for k in keep if 0 <= k < n))
    chosen = list(dict.fromkeys(chosen + stay + ranked))[:capacity]
    shown = np.sort(np.array(chosen, dtype=int))
    return Column(x, NEURON_WIDTH, shown, _places(len(shown), 2 * (lines - 1)), packed=True, more=n - len(shown))


def _kept(selection: Selection, count: int) -> dict[int, list[int]]:
    """Per column, the selected weight's neurons in it (a summarized column always shows them)."""
    keep = {0: [selection.i] if selection.layer == 0 else []}
    for k in range(1, count):
        keep[k] = ([selection.j] if selection.layer == k - 1 else []) + ([selection.i] if selection.layer == k else [])
    return keep


def layout(frame: Frame, width: int, height: int, selection: Selection, outputs: np.ndarray,
           before: list[Column] | None = None) -> tuple[list[Column], list[str], bool]:
    """Columns for every layer, the labels beside the output neurons (none if there is no room), and whether
    the last line is left for the column captions. `outputs` are what the output neurons say; summarized
    columns pick their most active neurons over the whole probe batch, keeping those of `before` where they can.
    """
    sizes = frame.layer_sizes
    lines = max(1, height - 1 - legend_lines(height))  # the next line names the columns, the last is the legend
    labels = output_labels(frame, outputs) if sizes[-1] <= lines else []
    label_width = max((len(s) for s in labels), default=0) + 1 if labels else 0
    image, image_scale = frame.image_shape, 0
    if image is not None and lines >= image[0] // 4:
        full = 1 + image[1] + IMAGE_GAP + NEURON_WIDTH * (len(sizes) - 1) + GOOD_GAP * (len(sizes) - 2) + label_width
        image_scale = 1 if lines >= image[0] // 2 and width >= full else 2
    first_width = image[1] // image_scale if image_scale else NEURON_WIDTH
    tiles = node_tiles(frame, width - 1 - 2 * NEURON_WIDTH - label_width, height)
    lines = lines if tiles.captions else max(1, height - legend_lines(height))
    fixed = 1 + first_width + NEURON_WIDTH * (len(sizes) - 1) + (IMAGE_GAP if image_scale else 0) + tiles.widening
    spread = max(1, len(sizes) - 1 - (1 if image_scale else 0))  # gaps that hold edges
    names_width = input_labels_width(frame, lines, (width - fixed - label_width), spread, MIN_GAP_FOR_EDGES)
    fixed += names_width
    gap = (width - fixed - label_width) // spread
    if gap < MIN_GAP_FOR_EDGES and labels:
        labels, label_width = [], 0
        gap = (width - fixed) // spread
    gap = max(1, gap)
    activity, keep = column_activity(frame), _kept(selection, len(sizes))
    columns, x = [], 1 + names_width
    for k, n in enumerate(sizes):
        if k == 0 and image_scale:
            rows = image[0] // image_scale
            top = max(0, (lines - (rows + 1) // 2) // 2)
            columns.append(Column(x, first_width, np.arange(0), np.arange(0), packed=True,
                                  image_scale=image_scale, image_top=top))
            x += first_width + IMAGE_GAP
        elif tiles.size and 0 < k < len(sizes) - 1:  # a column of map nodes
            centres = tile_centres(n, tiles.size, 2 * lines)
            columns.append(Column(x, tiles.size, np.arange(n), centres, packed=False, tile=tiles.size))
            x += tiles.size + gap
        else:
            previous = before[k].shown if before and len(before) == len(sizes) else None
            columns.append(_neuron_column(x, n, lines, activity[k], keep[k], previous))
            x += NEURON_WIDTH + gap
    return columns, labels, tiles.captions


class NetworkPane(MapNodes, CanvasPane):
    """The network drawn as columns of neurons joined by their strongest edges."""

    DEFAULT_CSS = "NetworkPane { width: 1fr; height: 1fr; }"

    class NeuronClicked(Message):
        """Neuron `index` of the network's column `column` (0 = inputs) was clicked."""

        def __init__(self, column: int, index: int) -> None:
            super().__init__()
            self.column, self.index = column, index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._columns: list[Column] = []
        self._edges = EdgePainter()  # remembers the edges drawn last time

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        pal = self.palette
        paint = network_paint(frame)
        self.set_title(paint.title)
        if self._draw_map_view(canvas, frame, selection, paint.title):
            return
        columns, labels, captions = layout(frame, canvas.width, canvas.height, selection, paint.outputs,
                                           self._columns)
        self._columns = columns
        lines = max(1, canvas.height - captions - legend_lines(canvas.height))  # neurons; then captions, the legend
        for k in range(len(columns) - 1):
            left, right = columns[k], columns[k + 1]
            if not left.image_scale and right.x - (left.x + left.width) >= MIN_GAP_FOR_EDGES:
                self._edges.draw(canvas, paint, selection, k, left, right, pal,
                                 coarse=self.low_bandwidth, glyphs=self.glyphs, cube=self.cube)
        folded = False
        for k, column in enumerate(columns):
            if column.image_scale:
                self._draw_image(canvas, frame, selection, column, pal, paint.values[0] if frame.phase else None)
                continue
            self._draw_column(canvas, frame, paint, selection, k, column, pal)
            if column.more:
                room = columns[k + 1].x - column.x - 1 if k + 1 < len(columns) else canvas.width - column.x
                more = more_text(column.more, room)
                folded |= not more.endswith("more")
                canvas.text(lines - 1, column.x, more, pal.muted)
        if columns[0].x > 1:
            for name, half in zip(input_labels(frame, lines), columns[0].halves.tolist()):
                canvas.text(half // 2, columns[0].x - 2 - len(name), name, pal.muted)
        last = columns[-1]
        for label, half in zip(labels if paint.output_labels else [], last.halves.tolist()):
            canvas.label(half // 2, last.x + last.width + 1, label, pal.muted)
        self._draw_captions(canvas, lines, frame, columns, pal, captions)
        if legend_lines(canvas.height):
            draw_network_legend(canvas, canvas.height - 1, frame, pal, glyphs=self.glyphs, cube=self.cube,
                                folded=folded)

    def _draw_column(self, canvas: Canvas, frame: Frame, paint, selection: Selection, k: int, column: Column,
                     pal: Palette) -> None:
        """Column k's neurons in their values' colours (dead ones grey), the selection's marked (b: its bias)."""
        values = paint.values
        layer = frame.layers[k - 1] if k and frame.phase is None else None
        dead = dead_units(layer) if layer is not None else None
        probability = k == len(frame.layer_sizes) - 1 and paint.probabilities
        scale = 1.0 if probability else symmetric_scale(values[k])
        levels = COARSE_NEURON_LEVELS if self.low_bandwidth else NEURON_LEVELS
        colors = diverging(values[k][column.shown], scale, pal.negative, pal.neutral, pal.positive, levels,
                           self.cube)
        if not paint.lit[k]:
            colors[:] = pal.neutral
        is_dead = dead[column.shown] if dead is not None else np.zeros(len(column.shown), bool)
        self._draw_nodes(canvas, frame, k, column, colors, is_dead, pal)
        selected = {(selection.layer + 1, selection.j)} | (set() if selection.bias else {(selection.layer, selection.i)})
        marker = BIAS_MARKER if selection.bias else MARKER
        for index, half in zip(column.shown.tolist(), column.halves.tolist()):
            if (k, index) in selected:
                canvas.text(half // 2, column.x - 1, marker, pal.highlight, bold=True)

    # -- pieces -------------------------------------------------------------

    @staticmethod
    def _draw_neurons(canvas: Canvas, column: Column, colors: np.ndarray, dead: np.ndarray, pal: Palette) -> None:
        if not column.packed:
            for half, color, is_dead in zip(column.halves.tolist(), colors, dead.tolist()):
                fg = pal.dead if is_dead else tuple(int(c) for c in color)
                canvas.text(half // 2, column.x, DEAD_NEURON if is_dead else NEURON, fg)
            return
        lines = int(column.halves.max()) // 2 + 1 if column.halves.size else 0
        pixels = np.empty((2 * lines, column.width, 3), np.uint8)
        pixels[:] = pal.background
        pixels[column.halves] = np.where(dead[:, None], np.array(pal.dead, np.uint8), colors)[:, None, :]
        canvas.pixels(0, column.x, pixels)

    def _draw_image(self, canvas: Canvas, frame: Frame, selection: Selection, column: Column, pal: Palette,
                    phase_input: np.ndarray | None) -> None:
        """The input image: the Data pane's sample, or during a phase step the step's own input (batch mean)."""
        s = column.image_scale
        if phase_input is not None:
            shown = phase_input
        else:
            shown = frame.data_view.image if isinstance(frame.data_view, ImageView) else frame.probe_x.mean(axis=0)
        image = np.asarray(shown).reshape(frame.image_shape)
        r, c = divmod(selection.i, frame.image_shape[1])
        if self.glyphs:  # shade characters; the selected input pixel's cell marked
            canvas.shades(column.image_top, column.x, image[::s, ::s], pal.text)
            if selection.layer == 0:
                canvas.text(column.image_top + r // s // 2, column.x + c // s, SELECTED_PIXEL, pal.highlight, bold=True)
            return
        pixels = ramp(image, pal.neutral, pal.text, cube=self.cube)
        if selection.layer == 0:
            pixels[r, c] = pal.highlight
        canvas.pixels(column.image_top, column.x, pixels[::s, ::s])

    def _draw_captions(self, canvas: Canvas, y: int, frame: Frame, columns: list[Column], pal: Palette,
                       captions: bool = True) -> None:
        """Each column's name on line y (when it is left for them); map nodes are explained in the border."""
        self._set_subtitle(NODE_MAPS_NOTE if any(column.tile for column in columns) else "")
        if not captions:
            return
        for k, (column, n) in enumerate(zip(columns, frame.layer_sizes)):
            if column.image_scale:
                text = "×".join(map(str, frame.image_shape))
            elif k == 0:
                text = f"in {n}"
            elif k == len(columns) - 1:
                text = output_caption(frame)
            else:
                text = f"{n} {frame.layers[k - 1].activation}"
            room = (columns[k + 1].x - column.x - 1) if k + 1 < len(columns) else canvas.width - column.x
            if len(text) > room:
                text = str(n)
            canvas.label(y, column.x, text, pal.muted, room=room)

    # -- clicks -------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = self.click_offset(event)
        if offset is None or self.frame is None:
            return
        for tile in self._tiles:  # the map view (m)
            if tile.holds(offset.y, offset.x):
                self.post_message(self.NeuronClicked(tile.number, tile.j))
                return
        for k, column in enumerate(self._columns):
            if not column.x - 1 <= offset.x < column.x + column.width:
                continue
            if column.image_scale:
                rows, cols = self.frame.image_shape
                r = (offset.y - column.image_top) * 2 * column.image_scale
                c = (offset.x - column.x) * column.image_scale
                if 0 <= r < rows and 0 <= c < cols:
                    self.post_message(self.NeuronClicked(0, r * cols + c))
                return
            hits = [i for i, half in zip(column.shown.tolist(), column.halves.tolist()) if column.covers(half, offset.y)]
            if hits:
                self.post_message(self.NeuronClicked(k, hits[0]))
            return
