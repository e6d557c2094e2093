"""Network pane: the layers as columns of neurons, the strongest edges between them in braille.

Each neuron is coloured by its activation (the probe-batch mean, or the
current sample for image data): blue positive, orange negative, grey zero.
Each edge is coloured by its weight's sign and is brighter for a larger |w|
(without colour, NO_COLOR, negative edges are dashed);
only a layer's strongest edges are drawn so the picture stays readable. A
layer taller than the pane shows its most active neurons and "+N more"; a
28x28 input is drawn as the image itself. The selected weight's edge and its
two neurons are marked; clicking a neuron selects it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from textual import events
from textual.message import Message

from nntui.run.frame import Frame, ImageView
from nntui.tui.glyphs import NEGATIVE_DASH, SELECTED_PIXEL
from nntui.tui.phasepaint import NetworkPaint, network_paint
from nntui.tui.probe import column_activity, dead_units, outputs_are_probabilities
from nntui.tui.render import Canvas, braille_segments, diverging, ramp, symmetric_scale
from nntui.tui.viewstate import ViewState
from nntui.tui.widgets.pane import CanvasPane, Palette

NEURON, DEAD_NEURON = "██", "░░"
MARKER = "▸"
NEURON_WIDTH = 2
EDGES_PER_NEURON = 2  # a layer pair shows about this many edges per neuron, the strongest ones
EDGE_CELLS = 3  # ... and at most one edge per this many cells of the gap between them
MIN_GAP_FOR_EDGES = 4
MAX_LABELLED_EDGES = 6  # a layer pair with at most this many edges gets each weight written on its edge
MIN_LABELLED_GAP = 12
GOOD_GAP = 6  # a full-size input image is drawn only if the other gaps can still be this wide
IMAGE_GAP = 3  # between an input image and the first layer (no edges drawn there)
EDGE_FLOOR = 0.3  # the faintest edge drawn is this far from neutral to full colour
EDGE_LEVELS, NEURON_LEVELS = 4, 8  # colour steps: few, so small drifts in training repaint little
# --low-bandwidth (a coarse pane): an edge is neutral or full colour, a neuron off or on, half the edges.
COARSE_EDGE_LEVELS, COARSE_NEURON_LEVELS, COARSE_EDGES_PER_NEURON = 1, 2, 1


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


def _keep_shown(ranked: np.ndarray, budget: int, rows: np.ndarray, cols: np.ndarray,
                before: set[tuple[int, int]] | None) -> np.ndarray:
    """The `budget` edges to draw (flat indices into rows x cols, `ranked` strongest first).

    Edges drawn `before` stay while they remain among the strongest 2 x budget, so a picture whose
    ranking shuffles a little does not redraw its edges every frame; the strongest others fill the rest.
    """
    if not before:
        return ranked[:budget]
    contenders = ranked[: 2 * budget]
    r, c = np.unravel_index(contenders, (len(rows), len(cols)))
    stay = np.array([(int(i), int(j)) in before for i, j in zip(rows[r], cols[c])], bool)
    kept = contenders[stay][:budget]
    return np.concatenate([kept, ranked[~np.isin(ranked, kept)][: budget - len(kept)]])


def _output_labels(frame: Frame, values: np.ndarray) -> list[str]:
    """Text beside each output neuron: class and probability, or the predicted value."""
    if outputs_are_probabilities(frame):
        if len(values) == 1:
            return [f"p(1) {values[0]:.0%}"]
        names = frame.view.class_names if isinstance(frame.view, ImageView) else ()
        names = names if len(names) == len(values) else tuple(str(k) for k in range(len(values)))
        return [f"{name} {p:.0%}" for name, p in zip(names, values)]
    return [f"ŷ {v:.3g}" for v in values]


def layout(frame: Frame, width: int, height: int, view: ViewState, outputs: np.ndarray,
           before: list[Column] | None = None) -> tuple[list[Column], list[str]]:
    """Columns for every layer, and the labels beside the output neurons (none if there is no room).

    `outputs` are what the output neurons say; summarized columns pick their most
    active neurons over the whole probe batch, keeping those of `before` (the previous layout) where they can.
    """
    sizes = frame.layer_sizes
    lines = max(1, height - 1)  # the last line names the columns
    labels = _output_labels(frame, outputs) if sizes[-1] <= lines else []
    label_width = max((len(s) for s in labels), default=0) + 1 if labels else 0
    image, image_scale = frame.image_shape, 0
    if image is not None and lines >= image[0] // 4:
        full = 1 + image[1] + IMAGE_GAP + NEURON_WIDTH * (len(sizes) - 1) + GOOD_GAP * (len(sizes) - 2) + label_width
        image_scale = 1 if lines >= image[0] // 2 and width >= full else 2
    first_width = image[1] // image_scale if image_scale else NEURON_WIDTH
    fixed = 1 + first_width + NEURON_WIDTH * (len(sizes) - 1) + (IMAGE_GAP if image_scale else 0)
    spread = max(1, len(sizes) - 1 - (1 if image_scale else 0))  # gaps that hold edges
    gap = (width - fixed - label_width) // spread
    if gap < MIN_GAP_FOR_EDGES and labels:
        labels, label_width = [], 0
        gap = (width - fixed) // spread
    gap = max(1, gap)
    activity = column_activity(frame)
    keep = {0: [view.i] if view.layer == 0 else []}
    for k in range(1, len(sizes)):
        keep[k] = ([view.j] if view.layer == k - 1 else []) + ([view.i] if view.layer == k else [])
    columns, x = [], 1
    for k, n in enumerate(sizes):
        if k == 0 and image_scale:
            rows = image[0] // image_scale
            top = max(0, (lines - (rows + 1) // 2) // 2)
            columns.append(Column(x, first_width, np.arange(0), np.arange(0), packed=True,
                                  image_scale=image_scale, image_top=top))
            x += first_width + IMAGE_GAP
        else:
            previous = before[k].shown if before and len(before) == len(sizes) else None
            columns.append(_neuron_column(x, n, lines, activity[k], keep[k], previous))
            x += NEURON_WIDTH + gap
    return columns, labels


class NetworkPane(CanvasPane):
    """The network drawn as columns of neurons joined by their strongest edges."""

    DEFAULT_CSS = "NetworkPane { width: 1fr; height: 1fr; }"

    class NeuronClicked(Message):
        """Neuron `index` of the network's column `column` (0 = inputs) was clicked."""

        def __init__(self, column: int, index: int) -> None:
            super().__init__()
            self.column, self.index = column, index

    def __init__(self, **kwargs) -> None:
        super().__init__("Network", **kwargs)
        self._columns: list[Column] = []
        self._edges: dict[int, set[tuple[int, int]]] = {}  # per layer, the (i, j) of the edges drawn last time

    def draw(self, canvas: Canvas, frame: Frame, view: ViewState) -> None:
        pal = self.palette
        paint = network_paint(frame)
        self.border_title = paint.title
        values = paint.values
        columns, labels = layout(frame, canvas.width, canvas.height, view, paint.outputs, self._columns)
        self._columns = columns
        selected = {(view.layer, view.i), (view.layer + 1, view.j)}
        for k in range(len(columns) - 1):
            left, right = columns[k], columns[k + 1]
            if not left.image_scale and right.x - (left.x + left.width) >= MIN_GAP_FOR_EDGES:
                self._draw_edges(canvas, paint, view, k, left, right, pal)
        for k, column in enumerate(columns):
            if column.image_scale:
                self._draw_image(canvas, frame, view, column, pal, paint.values[0] if frame.phase else None)
                continue
            layer = frame.layers[k - 1] if k and frame.phase is None else None
            dead = dead_units(layer) if layer is not None else None
            probability = k == len(columns) - 1 and paint.probabilities
            scale = 1.0 if probability else symmetric_scale(values[k])
            levels = COARSE_NEURON_LEVELS if self.coarse else NEURON_LEVELS
            colors = diverging(values[k][column.shown], scale, pal.negative, pal.neutral, pal.positive, levels,
                               self.cube)
            if not paint.lit[k]:
                colors[:] = pal.neutral
            is_dead = dead[column.shown] if dead is not None else np.zeros(len(column.shown), bool)
            self._draw_neurons(canvas, column, colors, is_dead, pal)
            for index, half in zip(column.shown.tolist(), column.halves.tolist()):
                if (k, index) in selected:
                    canvas.text(half // 2, column.x - 1, MARKER, pal.highlight, bold=True)
            if column.more:
                canvas.text(canvas.height - 2, column.x, f"+{column.more}", pal.muted)
        last = columns[-1]
        for label, half in zip(labels if paint.output_labels else [], last.halves.tolist()):
            canvas.label(half // 2, last.x + last.width + 1, label, pal.muted)
        self._draw_captions(canvas, frame, columns, pal)

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

    def _draw_image(self, canvas: Canvas, frame: Frame, view: ViewState, column: Column, pal: Palette,
                    phase_input: np.ndarray | None) -> None:
        """The input image: the Data pane's sample, or during a phase step the step's own input (batch mean)."""
        s = column.image_scale
        if phase_input is not None:
            shown = phase_input
        else:
            shown = frame.view.image if isinstance(frame.view, ImageView) else frame.probe_x.mean(axis=0)
        image = np.asarray(shown).reshape(frame.image_shape)
        r, c = divmod(view.i, frame.image_shape[1])
        if self.glyphs:  # shade characters; the selected input pixel's cell marked
            canvas.shades(column.image_top, column.x, image[::s, ::s], pal.text)
            if view.layer == 0:
                canvas.text(column.image_top + r // s // 2, column.x + c // s, SELECTED_PIXEL, pal.highlight, bold=True)
            return
        pixels = ramp(image, pal.neutral, pal.text, cube=self.cube)
        if view.layer == 0:
            pixels[r, c] = pal.highlight
        canvas.pixels(column.image_top, column.x, pixels[::s, ::s])

    def _draw_edges(self, canvas: Canvas, paint: NetworkPaint, view: ViewState, k: int,
                    left: Column, right: Column, pal: Palette) -> None:
        """The layer's strongest edges by |value| (weights, or a phase's gradients / updates), coloured by sign.

        With glyphs (little or no colour) the negative ones are dashed; a coarse pane draws fewer, in fewer shades.
        """
        per_neuron, levels = (COARSE_EDGES_PER_NEURON, COARSE_EDGE_LEVELS) if self.coarse else \
            (EDGES_PER_NEURON, EDGE_LEVELS)
        W = np.asarray(paint.edges[k], np.float64)
        sub = W[np.ix_(left.shown, right.shown)]
        if not sub.size:
            return
        gap_cells = (right.x - left.x - left.width) * (canvas.height - 1)
        budget = min(per_neuron * max(len(left.shown), len(right.shown)), max(8, gap_cells // EDGE_CELLS))
        ranked = np.argsort(-np.abs(sub), axis=None, kind="stable")
        src, dst = np.unravel_index(_keep_shown(ranked, budget, left.shown, right.shown, self._edges.get(k)),
                                    sub.shape)
        self._edges[k] = {(int(i), int(j)) for i, j in zip(left.shown[src], right.shown[dst])}
        priority = np.abs(sub[src, dst])
        if view.layer == k and view.i in left.shown and view.j in right.shown:
            s, d = int(np.searchsorted(left.shown, view.i)), int(np.searchsorted(right.shown, view.j))
            src, dst = np.append(src, s), np.append(dst, d)
            priority = np.append(priority, np.inf)
        x0, x1 = 2 * (left.x + left.width + 1), 2 * (right.x - 1) - 1  # braille dot columns of the gap
        y0, y1 = left.dot_rows[src], right.dot_rows[dst]
        w = sub[src, dst]
        strength = EDGE_FLOOR + (1 - EDGE_FLOOR) * np.abs(w) / symmetric_scale(W)
        colors = np.where((w >= 0)[:, None], ramp(strength, pal.neutral, pal.positive, levels, self.cube),
                          ramp(strength, pal.neutral, pal.negative, levels, self.cube))
        if not paint.edges_lit[k]:
            colors[:] = pal.neutral
        elif paint.hot:
            colors[np.argsort(-np.abs(w), kind="stable")[: paint.hot]] = pal.highlight
        colors[np.isinf(priority)] = pal.highlight
        cell_y, cell_x, chars, owners = braille_segments(x0, x1, y0, y1, priority, canvas.width, canvas.height - 1,
                                                         dashed=w < 0 if self.glyphs else None, dash=NEGATIVE_DASH)
        canvas.cells(cell_y, cell_x, chars, colors[owners])
        if len(w) <= MAX_LABELLED_EDGES and (x1 - x0) // 2 >= MIN_LABELLED_GAP:
            for e in range(len(w)):  # few edges: write each weight at the middle of its edge
                text = format(w[e], paint.edge_format)
                y, x = int(y0[e] + y1[e]) // 8, (x0 + x1) // 4 - len(text) // 2
                canvas.text(y, x, text, tuple(int(c) for c in colors[e]), bold=bool(np.isinf(priority[e])))

    @staticmethod
    def _draw_captions(canvas: Canvas, frame: Frame, columns: list[Column], pal: Palette) -> None:
        y = canvas.height - 1
        for k, (column, n) in enumerate(zip(columns, frame.layer_sizes)):
            if column.image_scale:
                text = "×".join(map(str, frame.image_shape))
            elif k == 0:
                text = f"in {n}"
            elif k == len(columns) - 1:
                text = f"out {n}"
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
            hits = [i for i, half in zip(column.shown.tolist(), column.halves.tolist()) if half // 2 == offset.y]
            if hits:
                self.post_message(self.NeuronClicked(k, hits[0]))
            return
