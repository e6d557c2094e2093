"""envelope: a long series thinned to what a chart of a given width can draw, its spikes kept.

plotext's cost grows with the points it is given (600 steps of three layers
took 45 ms a chart to build on MNIST, 11 ms at 68 points; the UI thread's
time is the trainer's under the GIL). A braille chart has two dot columns a
cell, so a series needs no more than two points a dot column: the lowest and
the highest of the steps that fall in it, which keep every spike and dip the
full series would draw.
"""

from __future__ import annotations

import numpy as np

DOTS_PER_CELL = 2  # braille: two dot columns in a character cell


def dot_columns(width: int, labels: int) -> int:
    """The dot columns of a braille chart `width` cells wide, `labels` of them taken by its axes' labels."""
    return DOTS_PER_CELL * max(1, width - labels)


def envelope(steps: np.ndarray, values: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2·`columns` points of (steps, values): in each of `columns` runs of consecutive points, the
    lowest and the highest, in step order. A series that short already, or with a value that is not finite
    (which has no lowest or highest), is returned as it is."""
    n = len(steps)
    if columns < 1 or n <= 2 * columns or not np.isfinite(values).all():
        return steps, values
    edges = np.linspace(0, n, columns + 1).astype(int)
    keep: list[int] = []
    for start, stop in zip(edges[:-1], edges[1:]):
        part = values[start:stop]
        keep += sorted({start + int(np.argmin(part)), start + int(np.argmax(part))})
    index = np.asarray(keep)
    return steps[index], values[index]
