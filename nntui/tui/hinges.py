"""1-D data: the selected hidden unit's hinge, drawn bright over the others with its bend marked.

With one hidden layer the fit is the sum of the hidden units' contributions
(CurveView.hinges, row j: unit j's activation times its outgoing weight) plus
the output bias. The selected weight names one hidden unit: W0[0,j] feeds
unit j, W1[i,0] carries unit i's activation to the output. That unit's row is
drawn in its own bright colour, two dots thick (so it shows without colour
too), the others dim, and where a ReLU-like unit bends (z = 0 at x = −b/w, inside the
range) a ◆ marks the fit.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import CurveView, Frame
from nntui.tui.selection import Selection

BEND = "◆"


def selected_hinge(frame: Frame, selection: Selection) -> int | None:
    """The row of CurveView.hinges the selected weight belongs to (its hidden unit), or None."""
    v = frame.data_view
    if not isinstance(v, CurveView) or v.hinges is None:
        return None
    unit = {0: selection.j, 1: selection.i}.get(selection.layer)
    return unit if unit is not None and 0 <= unit < len(v.hinges) else None


def hinge_bend(frame: Frame, j: int) -> float | None:
    """Where unit j bends the fit (x = −b/w), when its units bend (the view has bends) and it is inside the range."""
    v = frame.data_view
    w, b = float(frame.layers[0].W[0, j]), float(frame.layers[0].b[j])
    if not isinstance(v, CurveView) or v.bends is None or w == 0:
        return None
    x = -b / w
    return x if float(np.min(v.x)) <= x <= float(np.max(v.x)) else None


def plot_chosen_hinge(plt, frame: Frame, j: int, colour: tuple[int, int, int], dot: float) -> None:
    """Unit j's contribution, bright and two braille dots thick (`dot`: one dot row in y units), labelled
    `L1 nj` (and where it bends)."""
    v = frame.data_view
    bend = hinge_bend(frame, j)
    label = f"L1 n{j}" + (f" bends at x={bend:.2f}" if bend is not None else "")
    y = np.asarray(v.hinges[j], np.float64)
    plt.plot(v.x.tolist(), y.tolist(), color=colour, marker="braille", label=label)
    plt.plot(v.x.tolist(), (y + dot).tolist(), color=colour, marker="braille")


def plot_chosen_bend(plt, frame: Frame, j: int, colour: tuple[int, int, int]) -> None:
    """A ◆ on the fit where unit j bends it (nothing when it does not bend inside the range)."""
    v, bend = frame.data_view, hinge_bend(frame, j)
    if bend is not None:
        plt.scatter([bend], [float(np.interp(bend, v.x, v.y_pred))], color=colour, marker=BEND)
