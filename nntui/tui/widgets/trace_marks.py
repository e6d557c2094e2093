"""How the Data pane marks a traced sample (frame.trace): a ring on the plane, a mark on the curve, a caption.

For image data the traced sample is the image shown (the source puts it in
the frame's ImageView); the caption under it names it, as it does here.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import BoundaryView, TracedSample
from nntui.tui.render import Canvas

RING = "◎"


def trace_caption(trace: TracedSample, width: int) -> str:
    """`traced test #77 (worst test sample) · loss 4.21 · t/T next · esc stops`, shortened to `width`."""
    head = f"traced {trace.name}" + (f" ({trace.note})" if trace.note else "")
    for text in (f"{head} · loss {trace.loss:.3g} · t/T next · esc stops", f"{head} · loss {trace.loss:.3g}",
                 f"traced {trace.name} · loss {trace.loss:.3g}", f"traced {trace.name}"):
        if len(text) <= width:
            return text
    return ""


def ring_traced(canvas: Canvas, trace: TracedSample, v: BoundaryView, x0: int, side: int, pal) -> None:
    """A ring in the highlight colour where the traced sample lies on the plane (nothing if it is off the plot)."""
    (xa, xb), (ya, yb) = v.x_range, v.y_range
    x, y = (float(c) for c in np.asarray(trace.x)[:2])
    cx = x0 + int(np.floor((x - xa) / (xb - xa) * side))
    cy = int(np.floor((yb - y) / (yb - ya) * side)) // 2
    if x0 <= cx < x0 + side and 0 <= cy < side // 2:
        canvas.text(cy, cx, RING, pal.highlight, bold=True)


def curve_mark(plt, trace: TracedSample, color) -> None:
    """The traced sample's target on the fitted curve's plot, as a ring."""
    plt.scatter([float(np.ravel(trace.x)[0])], [float(np.ravel(trace.y)[0])], color=color, marker=RING)
