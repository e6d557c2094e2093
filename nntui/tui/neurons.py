"""What the panes read off the probe batch: each neuron's activation, dead and saturated units.

A frame carries z and a for every layer on the same P probe samples. For
image data the panes follow the one sample shown in Data (the frame's
ImageView); otherwise they show the mean over the probe batch. A traced
sample (frame.trace) replaces both.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import Frame, ImageView, LayerView

SATURATION_Z = 4.0  # |z| beyond this: sigmoid/tanh gradients are below ~0.07 (tanh) / 0.018 (sigmoid)


def current_sample(frame: Frame) -> int | None:
    """The probe row the Data pane shows (image data only; None otherwise)."""
    return frame.data_view.probe_row if isinstance(frame.data_view, ImageView) else None


def _reduce(values: np.ndarray, row: int | None) -> np.ndarray:
    values = np.asarray(values, np.float64).reshape(len(values), -1)
    return values[row] if row is not None else values.mean(axis=0)


def column_values(frame: Frame) -> list[np.ndarray]:
    """One value per neuron for each column of the network: inputs first, then every layer's `a` (the traced
    sample's own while tracing)."""
    if frame.trace is not None:
        return [np.asarray(v, np.float64).ravel() for v in (frame.trace.x, *frame.trace.a)]
    row = current_sample(frame)
    return [_reduce(frame.probe_x, row)] + [_reduce(layer.a, row) for layer in frame.layers]


def column_activity(frame: Frame) -> list[np.ndarray]:
    """Each neuron's mean |activation| over the whole probe batch, per column: a stable "how active" ranking."""
    columns = [frame.probe_x] + [layer.a for layer in frame.layers]
    return [np.abs(np.asarray(c, np.float64).reshape(len(c), -1)).mean(axis=0) for c in columns]


def dead_units(layer: LayerView) -> np.ndarray | None:
    """Layers whose units can die (ReLU-like): True for units with z <= 0 on every probe sample. Else None."""
    if not layer.can_die:
        return None
    return (np.asarray(layer.z) <= 0).all(axis=0)


def saturated_units(layer: LayerView) -> np.ndarray | None:
    """Layers that saturate (sigmoid, tanh): True for units with |z| > SATURATION_Z on every probe sample."""
    if not layer.saturates:
        return None
    return (np.abs(np.asarray(layer.z)) > SATURATION_Z).all(axis=0)


def active_share(layer: LayerView) -> float:
    """Share of (sample, unit) pairs with z > 0: how much of a ReLU layer is switched on."""
    z = np.asarray(layer.z)
    return float((z > 0).mean()) if z.size else 0.0


def outputs_are_probabilities(frame: Frame) -> bool:
    return frame.loss_name in ("softmax_cross_entropy", "binary_cross_entropy")
