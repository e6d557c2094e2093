"""The Network pane's words: the inputs' names, the output's, each column's caption, and its colour legend.

Named data (Frame.input_names, output_name, class_names) gets its names on
the diagram: "temperature" and "rain" beside the inputs, "go outside? 73%"
beside the output, "go outside?" under it. A source that names nothing keeps
the numbers ("p(1) 73%", "out 1"). Inputs drawn two to a line, or as an
image, are not labelled (784 pixel names do not fit).
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import Frame, ImageView
from nntui.tui.legend import draw_legend
from nntui.tui.names import short
from nntui.tui.neurons import outputs_are_probabilities
from nntui.tui.render import Canvas

MAX_INPUT_LABEL = 16  # a longer input name is not written beside its neuron
LEGEND_FROM_HEIGHT = 10  # a pane at least this tall gives its last line to the legend
# what the edges and the neurons show during a phase step (else the weights and the activations)
EDGES_SHOW = {"backward": "dL/dW", "update": "ΔW"}
NEURONS_SHOW = {"backward": "dL/db", "update": "Δb"}


def input_labels(frame: Frame, lines: int) -> list[str]:
    """Each input's short name, when the data names them and each input gets a line of its own; else []."""
    n = frame.layer_sizes[0]
    if frame.image_shape is not None or n > lines or len(frame.input_names) != n:
        return []
    names = [short(name) for name in frame.input_names]
    return names if max(len(name) for name in names) <= MAX_INPUT_LABEL else []


def input_labels_width(frame: Frame, lines: int, room: int, gaps: int, min_gap: int) -> int:
    """Columns the inputs' names take left of their neurons (0: none, or no room): what is left of `room` for
    the `gaps` between columns must keep each at least `min_gap` wide."""
    names = input_labels(frame, lines)
    width = max((len(name) for name in names), default=-1) + 1
    return width if names and (room - width) // gaps >= min_gap else 0


def output_labels(frame: Frame, values: np.ndarray) -> list[str]:
    """Text beside each output neuron: the class and its probability, or the predicted value."""
    if not outputs_are_probabilities(frame):
        return [f"ŷ {v:.3g}" for v in values]
    if len(values) == 1:  # p = P(class 1): the output's question, else the class's name, else "1"
        named = short(frame.output_name) if frame.output_name else ""
        if not named:
            named = f"p({frame.class_names[1]})" if len(frame.class_names) == 2 else "p(1)"
        return [f"{named} {values[0]:.0%}"]
    names = frame.class_names
    if len(names) != len(values) and isinstance(frame.data_view, ImageView):
        names = frame.data_view.class_names
    names = names if len(names) == len(values) else tuple(str(k) for k in range(len(values)))
    return [f"{name} {p:.0%}" for name, p in zip(names, values)]


def output_caption(frame: Frame) -> str:
    """Under the output column: what it answers (one named output), else "out N"."""
    n = frame.layer_sizes[-1]
    return short(frame.output_name) if n == 1 and frame.output_name else f"out {n}"


def more_text(more: int, room: int) -> str:
    """What stands for the neurons of a folded column that are not drawn: "+98 more", or "+98" in little room."""
    return f"+{more} more" if len(f"+{more} more") <= room else f"+{more}"


def legend_lines(height: int) -> int:
    """Lines the legend takes at the bottom of a pane `height` lines tall (0: no room for it)."""
    return 1 if height >= LEGEND_FROM_HEIGHT else 0


def draw_network_legend(canvas: Canvas, y: int, frame: Frame, pal, *, glyphs: bool, cube: bool,
                        folded: bool) -> None:
    """"− ███ 0 ███ +  edges: weights, neurons: activations" (without colour: solid and dashed edges)."""
    phase = frame.phase.phase if frame.phase is not None else ""
    edges, neurons = EDGES_SHOW.get(phase, "weights"), NEURONS_SHOW.get(phase, "activations")
    more = " · +N: neurons not drawn" if folded else ""
    x = 0 if glyphs else draw_legend(canvas, y, 0, pal, None, cube=cube)
    if glyphs:
        choices = (f"edges ({edges}): solid +, dashed −{more}", f"edges ({edges}): solid +, dashed −")
    else:
        choices = (f"  edges: {edges}, neurons: {neurons}{more}", f"  edges: {edges}, neurons: {neurons}",
                   f"  edges: {edges}")
    words = next((text for text in choices if x + len(text) <= canvas.width), "")
    canvas.text(y, x, words, pal.muted)
