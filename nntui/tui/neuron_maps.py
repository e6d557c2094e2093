"""What each hidden neuron computes on 2-D data: its map over the input plane, which one is selected, its formula.

A frame's BoundaryView carries every hidden layer's activation over the
decision boundary's grid (`neuron_maps`, (G, G, n) per hidden layer). The
selected weight W{k}[i,j] points at neuron j of layer L{k+1}: when that is a
hidden layer, it is the selected neuron (L1 n3); the output layer's map is
the decision boundary itself. Layers are numbered as everywhere in the app
(L0 the inputs, L1 the first hidden layer), neurons from 0, and the formula
writes the real weights: `a1[3] = relu(1.32·x1 − 0.41·x2 + 0.07)`.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import BoundaryView, Frame
from nntui.tui.selection import Selection

NOT_RECORDED = "neuron maps are not recorded in this run"
NO_HIDDEN = "no hidden layer: the output's map is the decision boundary (Data pane)"
TERMS_SHOWN = 6  # a sum over more inputs than this shows its largest terms and "…"


def maps_note(frame: Frame) -> str | None:
    """Why the frame has no neuron maps to draw (one sentence), or None when it has them."""
    v = frame.data_view
    if frame.layer_sizes[0] != 2 or not isinstance(v, BoundaryView):
        return f"neuron maps are drawn for 2-D inputs (this run has {frame.layer_sizes[0]})"
    if len(frame.layer_sizes) <= 2:
        return NO_HIDDEN
    if len(v.neuron_maps) != len(frame.layer_sizes) - 2:
        return NOT_RECORDED
    return None


def layer_maps(frame: Frame, number: int) -> np.ndarray | None:
    """Hidden layer L{number}'s maps, (G, G, n), or None when the frame has none."""
    v = frame.data_view
    if maps_note(frame) is not None or not 1 <= number <= len(v.neuron_maps):
        return None
    return np.asarray(v.neuron_maps[number - 1])


def selected_neuron(frame: Frame, selection: Selection) -> tuple[int, int] | None:
    """(layer number, neuron) of the selected weight's output neuron when it is a hidden one, else None."""
    number = selection.layer + 1
    if not 1 <= number <= len(frame.layer_sizes) - 2:
        return None
    return number, selection.j


def shown_neuron(frame: Frame, selection: Selection) -> tuple[int, int] | None:
    """The neuron whose map the Data pane shows large: the selected hidden one while the map view (m) is on."""
    if not selection.neuron_maps or maps_note(frame) is not None:
        return None
    return selected_neuron(frame, selection)


def input_names(frame: Frame) -> tuple[str, ...]:
    """The inputs' names: the frame's own when it has them, else x1, x2, …"""
    names = tuple(getattr(frame, "input_names", ()) or ())
    n = frame.layer_sizes[0]
    return names if len(names) == n else tuple(f"x{i + 1}" for i in range(n))


def number(x: float) -> str:
    """Three significant digits at most, two decimals for |x| < 10: 1.32, 0.07, 12.5, 0."""
    x = float(x)
    return f"{abs(x):.2f}" if abs(x) < 10 else f"{abs(x):.3g}"


def signed_sum(weights: np.ndarray, names: list[str], bias: float) -> str:
    """`1.32·x1 − 0.41·x2 + 0.07`: each weight with its input's name, then the bias, with true minus signs."""
    text = ""
    for w, name in zip(weights.tolist(), names):
        sign = ("−" if w < 0 else "") if not text else (" − " if w < 0 else " + ")
        text += f"{sign}{number(w)}·{name}" if name != "…" else " + …"
    sign = ("−" if bias < 0 else "") if not text else (" − " if bias < 0 else " + ")
    return text + f"{sign}{number(bias)}"


def formula(frame: Frame, layer_number: int, j: int, terms: int = TERMS_SHOWN) -> str:
    """`a1[3] = relu(1.32·x1 − 0.41·x2 + 0.07)` with the frame's W and b; a long sum keeps its `terms` largest
    |w| (in input order) and "…"."""
    layer = frame.layers[layer_number - 1]
    w = np.asarray(layer.W[:, j], np.float64)
    sources = input_names(frame) if layer_number == 1 else tuple(f"a{layer_number - 1}[{i}]" for i in range(len(w)))
    keep = np.arange(len(w))
    if len(w) > terms:
        keep = np.sort(np.argsort(-np.abs(w), kind="stable")[:terms])
    names = [sources[i] for i in keep.tolist()]
    weights = w[keep]
    if len(keep) < len(w):
        names, weights = names + ["…"], np.append(weights, 0.0)
    inner = signed_sum(weights, names, float(layer.b[j]))
    return f"a{layer_number}[{j}] = {layer.activation}({inner})"
