"""Plain-word flags under the gradients-over-time view: vanishing or exploding blame, dead or saturated units,
updates too large or too small for the weights.

Each flag reads the frame: the blame and update ratio as medians over the
last RECENT recorded steps (OverTimeView), dead and saturated units from the
probe batch's latest layers through their traits (LayerView.can_die,
saturates; tui/neurons.py), never an activation's name. The thresholds are
the constants below; the README and the help screen state them.
"""

from __future__ import annotations

import math

import numpy as np

from nntui.run.frame import Frame, OverTimeView
from nntui.tui.neurons import dead_units, saturated_units

RECENT = 20  # steps (or snapshots) the series' flags take the median of
VANISHING = 100.0  # a layer's mean |dL/dz| this many times smaller than another layer's
UNITS_SHARE = 0.4  # dead (or saturated) units from this share of a layer
TOO_LARGE = 1e-2  # an update ratio above this per step
TOO_SMALL = 1e-5  # … below this
HEALTHY = "no warning sign: the checks are listed under key o in the help"


def times(factor: float) -> str:
    """A factor in two significant digits, as a reader writes it: 1,200×, 340×."""
    rounded = round(factor, 1 - math.floor(math.log10(factor)))
    return f"{rounded:,.0f}×"


def percent(ratio: float) -> str:
    """A share as a short percentage: 10%, 0.3%, 0.0012%."""
    return f"{ratio * 100:.2g}%"


def recent(series: np.ndarray) -> np.ndarray:
    """Per layer, the median of the last RECENT finite values (NaN where there is none)."""
    out = np.full(len(series), math.nan)
    for k, row in enumerate(series):
        row = row[np.isfinite(row)][-RECENT:]
        if row.size:
            out[k] = float(np.median(row))
    return out


def blame_flag(view: OverTimeView) -> str | None:
    """The largest gap in mean |dL/dz| between two layers, when it is VANISHING× or more."""
    blame = recent(view.mean_blame)
    known = [k for k in range(len(blame)) if blame[k] > 0]
    if len(known) < 2:
        return None
    low, high = min(known, key=lambda k: blame[k]), max(known, key=lambda k: blame[k])
    factor = blame[high] / blame[low]
    if factor < VANISHING:
        return None
    kind = "vanishing" if low < high else "exploding"
    return f"layer {low + 1}'s gradients are {times(factor)} smaller than layer {high + 1}'s ({kind})"


def update_flags(view: OverTimeView) -> list[str]:
    """Layers whose updates are too large or too small a share of their weights (per step only)."""
    if view.per != "step":
        return []
    flags = []
    for k, ratio in enumerate(recent(view.update_ratio)):
        if ratio > TOO_LARGE:
            flags.append(f"layer {k + 1}'s updates are {percent(ratio)} of its weights per step "
                         "(too large a learning rate?)")
        elif 0 <= ratio < TOO_SMALL:
            flags.append(f"layer {k + 1}'s updates are {percent(ratio)} of its weights per step "
                         "(too small a learning rate?)")
    return flags


def unit_flags(frame: Frame) -> list[str]:
    """Hidden layers with UNITS_SHARE or more of their units dead (can_die) or saturated (saturates)."""
    flags = []
    for k, layer in enumerate(frame.layers[:-1], start=1):
        dead, saturated = dead_units(layer), saturated_units(layer)
        if dead is not None and dead.size and dead.mean() >= UNITS_SHARE:
            flags.append(f"{dead.mean():.0%} of layer {k}'s {layer.activation} units are dead (no gradient)")
        if saturated is not None and saturated.size and saturated.mean() >= UNITS_SHARE:
            flags.append(f"{saturated.mean():.0%} of layer {k}'s {layer.activation} units are saturated "
                         "(gradient near 0)")
    return flags


def flags(frame: Frame) -> list[str]:
    """Every flag that fires for the frame, or [HEALTHY]; [] when the frame has no view or no step yet."""
    view = frame.over_time
    if view is None or not len(view.steps):
        return []
    found = [f for f in (blame_flag(view),) if f] + unit_flags(frame) + update_flags(view)
    return found or [HEALTHY]
