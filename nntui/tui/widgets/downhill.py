"""Downhill plot: the probe loss against the selected weight, the current point and the gradient's tangent.

Drawn from the frame's DownhillView (the trainer computes it while the view
is on). The tangent through the current point has the engine's dL/dw on the
probe batch as its slope. A real step moves the weight against its own
mini-batch's slope, drawn as a second, dotted tangent and named in the
caption beside the probe's: when the two differ in sign, the step goes uphill
on this curve (the probe batch is not the batch the step learns from). Nudging the
weight (+/−) moves the point along the curve. Plotted with this widget's own
plotext instance (`self.plt`).
"""

from __future__ import annotations

import numpy as np
from textual_plotext import PlotextPlot

from nntui.run.frame import DownhillView, Frame
from nntui.tui.names import parameter_name
from nntui.tui.widgets.status import fit_line
from nntui.tui.render import component_rgb

POINT = "●"
TANGENT_SHARE = 1 / 6  # the tangent reaches this share of the range either side of the point


def tangent(view: DownhillView, slope: float | None = None) -> tuple[list[float], list[float]]:
    """The tangent's two end points: through (w, loss) with slope dL/dw (the probe's, unless `slope` is given)."""
    slope = view.slope if slope is None else slope
    reach = (float(view.ws[-1]) - float(view.ws[0])) * TANGENT_SHARE
    xs = [view.w - reach, view.w + reach]
    return xs, [view.loss + slope * (x - view.w) for x in xs]


def view_name(view: DownhillView, frame: Frame, width: int | None = None) -> str:
    """The weight or bias the curve is of, as the Weights pane names it (numbered when longer than `width`)."""
    return parameter_name(frame, view.layer, view.i, view.j, view.bias, width=width)


def caption_parts(view: DownhillView | None, frame: Frame, width: int | None = None) -> list[tuple[int, str]]:
    """(keep priority, text) for the line over the plot: which weight, where it is, which way is downhill.
    The weight is named by its ends when that still fits `width` (else by its numbers)."""
    if view is None:
        return [(9, "downhill view: waiting for the trainer")]
    for name in (view_name(view, frame), view_name(view, frame, width=0)):
        parts = [(9, f"probe slope {view.slope:+.3g}"), (7, f"{name} = {view.w:.4f}"),
                 (6, f"probe loss {view.loss:.4f}")]
        step = view.slope if view.batch_slope is None else view.batch_slope
        if view.batch_slope is not None:
            parts.insert(1, (8, f"batch {view.batch_slope:+.3g}"))
        w = "b" if view.bias else "w"
        way = f"lowers {w}" if step > 0 else f"raises {w}" if step < 0 else f"leaves {w}"
        parts += [(5, f"next step {way}" if view.batch_slope is not None else f"descent {way}"), (4, "g: back")]
        if width is None or name in fit_line(parts, width):
            break
    return parts


class DownhillPlot(PlotextPlot):
    """Loss against one weight, with the current point and its tangent."""

    COMPONENT_CLASSES = {"downhill--curve", "downhill--tangent", "downhill--point"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._plotted: DownhillView | None = None

    def plot(self, view: DownhillView | None, frame: Frame) -> None:
        if view is self._plotted and view is not None:
            return
        self._plotted = view
        plt = self.plt
        plt.clear_figure()
        if view is None:
            plt.title("computing the loss curve…")
            self.refresh()
            return
        color = {name: component_rgb(self, f"downhill--{name}") for name in ("curve", "tangent", "point")}
        ws, losses = np.asarray(view.ws), np.asarray(view.losses)
        low, high = float(losses.min()), float(losses.max())
        margin = 0.1 * (high - low or 1.0)
        bottom = max(0.0, low - margin) if low >= 0 else low - margin  # a loss that is never negative stays so
        plt.ylim(bottom, high + margin)  # the tangent may leave the curve's range: it is clipped
        plt.xlim(float(ws[0]), float(ws[-1]))
        plt.plot(ws.tolist(), losses.tolist(), color=color["curve"], marker="braille", label="probe loss")
        plt.plot(*tangent(view), color=color["tangent"], marker="braille", label="probe slope")
        if view.batch_slope is not None:
            plt.plot(*tangent(view, view.batch_slope), color=color["tangent"], marker="dot", label="batch slope")
        plt.scatter([view.w], [view.loss], color=color["point"], marker=POINT)
        plt.xlabel(view_name(view, frame))
        self.refresh()
