"""The Data pane with the neuron maps on (m): the selected hidden neuron's map, large, under the data points.

Its top line is the neuron's formula with the frame's real weights
(`L1 n3: a1[3] = relu(1.32·x1 − 0.41·x2 + 0.07)`), its bottom line the map's
legend (the colours of its lowest, zero and highest activation). With the
output layer's weights selected the pane keeps the decision boundary (the
output neuron's map) and its top line says so; a run without maps says that.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import Frame
from nntui.tui.mapdraw import draw_map, legend
from nntui.tui.neuron_maps import NOT_RECORDED, TERMS_SHOWN, formula, layer_maps, maps_note, shown_neuron
from nntui.tui.render import Canvas
from nntui.tui.selection import Selection
from nntui.tui.widgets.pane import Palette

POINTS_NOTE = "· points: their class"
# The top line without a hidden neuron shown, longest first: the first that fits the pane's width is written.
OUTPUT_NOTES = ("the output's map is the decision boundary · [ ] h l select a hidden neuron · m: maps off",
                "the output's map is the decision boundary", "the output's map is the boundary")
SHORT_NOTES = {NOT_RECORDED: "maps are not recorded in this run"}


def plane_key(frame: Frame, selection: Selection) -> tuple[bool, tuple[int, int] | None]:
    """What decides the picture beyond the data view: the maps flag and the neuron shown (None: the boundary)."""
    return selection.neuron_maps, shown_neuron(frame, selection)


def fitted_formula(frame: Frame, number: int, j: int, width: int) -> str:
    """`L1 n3: a1[3] = relu(…)` in `width`: without the name, then with fewer of the largest terms (and "…", down
    to two), then without the spaces around + and −, until it fits."""
    texts = [formula(frame, number, j, terms) for terms in range(TERMS_SHOWN, 0, -1)]
    spaced = [shown for text in texts[:-1] for shown in (f"L{number} n{j}: {text}", text)]
    compact = [text.replace(" + ", "+").replace(" − ", "−") for text in texts]
    return next((text for text in spaced + compact if len(text) <= width), compact[-1])


def draw_neuron_plane(canvas: Canvas, frame: Frame, selection: Selection, x0: int, side: int, pal: Palette, *,
                      glyphs: bool, cube: bool) -> None:
    """The top line (formula or note), and for a hidden neuron its map (side x side pixels from line 1, x0) and
    the legend on the last line; the caller draws the points (and the boundary when no neuron is shown)."""
    neuron = shown_neuron(frame, selection)
    if neuron is None:
        note = maps_note(frame)
        notes = (note, SHORT_NOTES.get(note, note)) if note else OUTPUT_NOTES
        canvas.label(0, 0, next((n for n in notes if len(n) <= canvas.width), notes[-1]), pal.muted)
        return
    number, j = neuron
    canvas.label(0, 0, fitted_formula(frame, number, j, canvas.width), pal.text, bold=True)
    values = layer_maps(frame, number)[:, :, j]
    draw_map(canvas, 1, x0, values, side, side, pal, glyphs=glyphs, cube=cube)
    y = canvas.height - 1
    end = canvas.text(y, 0, f"L{number} n{j}'s a:  ", pal.muted)
    end = legend(canvas, y, end, float(np.min(values)), float(np.max(values)), pal, glyphs=glyphs, cube=cube)
    if end + len(POINTS_NOTE) <= canvas.width:
        canvas.text(y, end, POINTS_NOTE, pal.muted)
