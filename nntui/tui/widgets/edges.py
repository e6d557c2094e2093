"""The Network pane's edges: a layer pair's strongest edges in braille, coloured by sign, brighter for larger |w|.

Only a layer's strongest edges are drawn (about EDGES_PER_NEURON a neuron),
so the picture stays readable; the selected weight's edge always is, in the
highlight colour. An edge drawn last time stays while it is still among the
strongest, so a ranking that shuffles a little does not redraw every edge.
Without colour the negative edges are dashed; --low-bandwidth draws fewer, in
fewer shades. Few edges in a wide gap get their values written on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nntui.tui.glyphs import NEGATIVE_DASH
from nntui.tui.phasepaint import NetworkPaint
from nntui.tui.render import Canvas, braille_segments, ramp, symmetric_scale
from nntui.tui.selection import Selection
from nntui.tui.widgets.pane import Palette

if TYPE_CHECKING:
    from nntui.tui.widgets.network import Column

EDGES_PER_NEURON = 2  # a layer pair shows about this many edges per neuron, the strongest ones
EDGE_CELLS = 3  # ... and at most one edge per this many cells of the gap between them
MAX_LABELLED_EDGES = 6  # a layer pair with at most this many edges gets each weight written on its edge
MIN_LABELLED_GAP = 12
EDGE_FLOOR = 0.3  # the faintest edge drawn is this far from neutral to full colour
EDGE_LEVELS = 4  # colour steps: few, so small drifts in training repaint little
# --low-bandwidth (a coarse pane): an edge is neutral or full colour, half the edges.
COARSE_EDGE_LEVELS, COARSE_EDGES_PER_NEURON = 1, 1


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


class EdgePainter:
    """Draws the edges between two columns of the Network pane, remembering the ones drawn last time."""

    def __init__(self) -> None:
        self.drawn: dict[int, set[tuple[int, int]]] = {}  # per layer, the (i, j) of the edges drawn last time

    def draw(self, canvas: Canvas, paint: NetworkPaint, selection: Selection, k: int, left: Column, right: Column,
             pal: Palette, *, coarse: bool, glyphs: bool, cube: bool) -> None:
        """The layer's strongest edges by |value| (weights, or a phase's gradients / updates), coloured by sign.

        With glyphs (little or no colour) the negative ones are dashed; a coarse pane draws fewer, in fewer shades.
        """
        per_neuron, levels = (COARSE_EDGES_PER_NEURON, COARSE_EDGE_LEVELS) if coarse else \
            (EDGES_PER_NEURON, EDGE_LEVELS)
        W = np.asarray(paint.edges[k], np.float64)
        sub = W[np.ix_(left.shown, right.shown)]
        if not sub.size:
            return
        gap_cells = (right.x - left.x - left.width) * (canvas.height - 1)
        budget = min(per_neuron * max(len(left.shown), len(right.shown)), max(8, gap_cells // EDGE_CELLS))
        ranked = np.argsort(-np.abs(sub), axis=None, kind="stable")
        src, dst = np.unravel_index(_keep_shown(ranked, budget, left.shown, right.shown, self.drawn.get(k)),
                                    sub.shape)
        self.drawn[k] = {(int(i), int(j)) for i, j in zip(left.shown[src], right.shown[dst])}
        priority = np.abs(sub[src, dst])
        if selection.layer == k and not selection.bias and selection.i in left.shown and selection.j in right.shown:
            s, d = int(np.searchsorted(left.shown, selection.i)), int(np.searchsorted(right.shown, selection.j))
            src, dst = np.append(src, s), np.append(dst, d)
            priority = np.append(priority, np.inf)
        x0, x1 = 2 * (left.x + left.width + 1), 2 * (right.x - 1) - 1  # braille dot columns of the gap
        y0, y1 = left.dot_rows[src], right.dot_rows[dst]
        w = sub[src, dst]
        strength = EDGE_FLOOR + (1 - EDGE_FLOOR) * np.abs(w) / symmetric_scale(W)
        colors = np.where((w >= 0)[:, None], ramp(strength, pal.neutral, pal.positive, levels, cube),
                          ramp(strength, pal.neutral, pal.negative, levels, cube))
        if not paint.edges_lit[k]:
            colors[:] = pal.neutral
        elif paint.hot:
            colors[np.argsort(-np.abs(w), kind="stable")[: paint.hot]] = pal.highlight
        colors[np.isinf(priority)] = pal.highlight
        cell_y, cell_x, chars, owners = braille_segments(x0, x1, y0, y1, priority, canvas.width, canvas.height - 1,
                                                         dashed=w < 0 if glyphs else None, dash=NEGATIVE_DASH)
        canvas.cells(cell_y, cell_x, chars, colors[owners])
        if len(w) <= MAX_LABELLED_EDGES and (x1 - x0) // 2 >= MIN_LABELLED_GAP:
            _write_values(canvas, w, paint.edge_format, (x0, x1), (y0, y1), colors, np.isinf(priority))


def _write_values(canvas: Canvas, w: np.ndarray, edge_format: str, xs: tuple[int, int],
                  ys: tuple[np.ndarray, np.ndarray], colors: np.ndarray, selected: np.ndarray) -> None:
    """Each edge's value written at the middle of the edge, in its colour (the selected one bold)."""
    (x0, x1), (y0, y1) = xs, ys
    for e in range(len(w)):
        text = format(w[e], edge_format)
        y, x = int(y0[e] + y1[e]) // 8, (x0 + x1) // 4 - len(text) // 2
        canvas.text(y, x, text, tuple(int(c) for c in colors[e]), bold=bool(selected[e]))
