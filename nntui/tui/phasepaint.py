"""What the Network pane colours: the live network, or one step taken apart phase by phase.

Normally neurons show their activation and edges their weight. While `p`
walks a step (frame.phase), the picture follows the step on its own batch:

- forward: the layers computed so far light up, left to right (activations);
  the rest stay grey;
- loss: the whole forward pass is lit;
- backward: blame flows right to left, one layer per press: each reached
  neuron shows its blame summed over the batch (= dL/db) and each reached
  edge its dL/dW, the largest ones in the highlight colour;
- update: each edge shows the change its weight received, each neuron its
  bias change.

Values of a batch are its mean (activations; the traced sample's own while
tracing) or sum (blame, the way dL/db adds them); with batch size 1 they are
the one sample's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nntui.run.frame import Frame, PhaseView
from nntui.tui.neurons import column_values, outputs_are_probabilities

HOT_EDGES = 3  # the largest gradients / updates of a layer, drawn in the highlight colour


@dataclass(frozen=True)
class NetworkPaint:
    """Per column (0 = inputs) the neuron values, per layer the edge values, and which are lit."""

    values: list[np.ndarray]
    lit: list[bool]  # a column not lit is drawn grey: this phase has not reached it
    edges: list[np.ndarray]  # per layer (fan_in, fan_out): what each edge is coloured and ranked by
    edges_lit: list[bool]
    hot: int  # per lit layer, this many largest |edge values| are highlighted
    probabilities: bool  # the output column holds probabilities (drawn on a 0..1 scale)
    outputs: np.ndarray  # what the output neurons say (probabilities or predictions), for their labels
    output_labels: bool  # draw those labels ("p(1) 62%", "ŷ 0.3"): the pass has reached the output
    title: str  # the pane's border title
    edge_format: str = "+.2f"  # labels written on the edges of small layers


def _mean(values: np.ndarray, row: int | None = None) -> np.ndarray:
    """The batch's mean per neuron, or row `row`'s own values (the traced sample)."""
    values = np.asarray(values, np.float64).reshape(len(values), -1)
    return values[row] if row is not None else values.mean(axis=0)


def phase_title(phase: PhaseView, layers: int) -> str:
    """`Network · FORWARD 1/2` (layers done of all), `Network · LOSS`, …"""
    word = phase.phase.upper()
    if phase.phase in ("forward", "backward"):
        return f"Network · {word} {phase.done}/{layers}"
    return f"Network · {word}"


def network_paint(frame: Frame) -> NetworkPaint:
    phase, L = frame.phase, len(frame.layers)
    if phase is None:
        values = column_values(frame)
        return NetworkPaint(
            values=values, lit=[True] * (L + 1), edges=[layer.W for layer in frame.layers],
            edges_lit=[True] * L, hot=0, probabilities=outputs_are_probabilities(frame), outputs=values[-1],
            output_labels=True, title="Network",
        )
    activations = [_mean(phase.X, phase.traced_row)] + [_mean(a, phase.traced_row) for a in phase.a]
    outputs = activations[-1]
    title = phase_title(phase, L)
    weights = list(phase.W)
    if phase.phase in ("forward", "loss"):
        reached = phase.done if phase.phase == "forward" else L
        return NetworkPaint(
            values=activations, lit=[True] + [k < reached for k in range(L)], edges=weights,
            edges_lit=[k < reached for k in range(L)], hot=0,
            probabilities=outputs_are_probabilities(frame), outputs=outputs, output_labels=reached == L,
            title=title,
        )
    if phase.phase == "backward":
        first = L - phase.done  # layers first .. L-1 have their blame
        blamed = [k >= first for k in range(L)]
        return NetworkPaint(
            values=[activations[0]] + [np.asarray(phase.db[k], np.float64) if blamed[k] else activations[k + 1]
                                       for k in range(L)],
            lit=[False] + blamed, edges=[phase.dW[k] if blamed[k] else weights[k] for k in range(L)],
            edges_lit=blamed, hot=HOT_EDGES, probabilities=False, outputs=outputs, output_labels=False,
            title=title, edge_format="+.2g",
        )
    return NetworkPaint(  # update
        values=[activations[0]] + [np.asarray(db, np.float64) for db in phase.delta_b],
        lit=[False] + [True] * L, edges=list(phase.delta_W), edges_lit=[True] * L, hot=HOT_EDGES,
        probabilities=False, outputs=outputs, output_labels=False, title=title, edge_format="+.2g",
    )
