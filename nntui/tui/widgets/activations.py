"""Activations pane: per hidden layer, one bar per neuron and the share of dead (or saturated) units.

A bar is the neuron's mean activation over the probe batch (while tracing, the
traced sample's own activation), scaled to the layer's largest; blue up for
positive, orange for negative. A ReLU that is zero for every probe sample is
dead (it passes no gradient) and is drawn as a red `·`; sigmoid and tanh
units stuck at |z| > 4 are counted as saturated. Wide layers wrap onto more
lines, and are cut with "+N" when the pane is full.
Key `o` swaps the bars for the gradients over time (widgets/over_time.py).
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import Frame, LayerView
from nntui.tui.neurons import active_share, dead_units, saturated_units
from nntui.tui.render import Canvas, quantize, symmetric_scale
from nntui.tui.selection import Selection
from nntui.tui.widgets.over_time import OverTimePanel
from nntui.tui.widgets.pane import Band, CanvasPane, Palette

BARS = " ▁▂▃▄▅▆▇█"  # eighths of a line
DEAD_BAR = "·"
MAX_BAR_LINES = 4


def layer_summary(number: int, layer: LayerView, output: bool = False, width: int = 200) -> str:
    """`L1 relu  dead 3/16 (19%)  active 62%`, `saturated` for sigmoid/tanh, or for a net with no hidden layer its
    output with its real activation (the loss's link): `L1 sigmoid output  1 unit`. Narrower than `width`, the
    count stays and the words shorten: `L1 relu 3/16 dead`, `L1 sigmoid 0/16 sat.`."""
    n = layer.a.shape[1]
    head = f"L{number} {layer.activation}"
    if output:
        return f"{head} output  {n} unit{'s' if n != 1 else ''}"
    dead, saturated = dead_units(layer), saturated_units(layer)
    if dead is not None:
        whole = f"{head}  dead {int(dead.sum())}/{n} ({dead.mean():.0%})  active {active_share(layer):.0%}"
        short = f"{head} {int(dead.sum())}/{n} dead"
    elif saturated is not None:
        whole = f"{head}  saturated {int(saturated.sum())}/{n} ({saturated.mean():.0%})"
        short = f"{head} {int(saturated.sum())}/{n} sat."
    else:
        whole = short = f"{head}  {n} units"
    return whole if len(whole) <= width else short


def layer_rows(layers: int, height: int) -> tuple[int, int]:
    """(gap, bar lines to share): a summary line per layer, a blank line between layers when every layer also
    gets a line of bars."""
    gap = 1 if height - 3 * layers + 1 >= 0 else 0
    return gap, max(0, height - (1 + gap) * layers + gap)


class ActivationsPane(CanvasPane):
    """Bars of mean activation per neuron, with the dead-unit count, for every hidden layer."""

    DEFAULT_CSS = "ActivationsPane { width: 1fr; height: 1fr; }"

    def compose(self):
        yield from super().compose()
        panel = OverTimePanel()
        panel.display = False
        yield panel

    def redraw(self) -> None:
        """The bars, or with `o` the gradients over time."""
        over = self.selection.over_time
        panel = self.query_one(OverTimePanel)
        if panel.display != over:  # (setting it at all costs a layout pass)
            panel.display = over
            for band in self.query_children(Band):
                band.display = not over
            self._canvas = None
        self.set_title(f"{self.pane_title} over time" if over else self.pane_title)
        if not over:
            super().redraw()
        elif self.frame is not None:
            panel.show(self.frame, self.read_palette())

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        pal = self.palette
        hidden = list(enumerate(frame.layers[:-1], start=1)) or [(len(frame.layers), frame.layers[-1])]
        # Every layer gets its summary line (and a blank line after it, when there is room); the rest is bar lines.
        width = max(1, canvas.width)
        wraps = [-(-layer.a.shape[1] // width) for _, layer in hidden]
        y = 0
        if frame.trace is not None:  # the bars are the traced sample's own activations
            canvas.label(0, 0, f"bars: {frame.trace.name} alone · esc: probe mean", pal.highlight)
            y = 1
        gap, spare = layer_rows(len(hidden), canvas.height - y)
        rows = _share([w * MAX_BAR_LINES for w in wraps], spare)
        for (number, layer), wrap, bar_rows in zip(hidden, wraps, rows):
            canvas.label(y, 0, layer_summary(number, layer, not frame.layers[:-1], width), bold=True)
            k = selection.layer
            selected = selection.j if k == number - 1 else selection.i if k == number else None
            bar_lines = max(1, min(MAX_BAR_LINES, bar_rows // wrap))
            values = frame.trace.a[number - 1] if frame.trace is not None else np.asarray(layer.a).mean(axis=0)
            self._draw_bars(canvas, y + 1, layer, values, bar_rows // bar_lines, bar_lines, selected, pal)
            y += 1 + gap + bar_rows

    @staticmethod
    def _draw_bars(canvas: Canvas, y: int, layer: LayerView, values: np.ndarray, rows: int, bar_lines: int,
                   selected: int | None, pal: Palette) -> None:
        """`rows` rows of bars of `values` (one per neuron), each bar `bar_lines` lines tall, wrapping; "+N" when
        they do not all fit."""
        if rows <= 0:
            return
        means = np.asarray(values, np.float64)
        dead = dead_units(layer)
        eighths = np.rint(quantize(np.abs(means) / symmetric_scale(means)) * 8 * bar_lines).astype(int)
        n = len(means)
        pitch = 2 if 2 * n <= canvas.width else 1  # a gap between bars when there is room
        per_row = max(1, canvas.width // pitch)
        fits = min(n, rows * per_row)
        if fits < n:
            fits = max(0, fits - -(-len(f"+{n}") // pitch))
        for k in range(fits):
            row, x = divmod(k, per_row)
            bottom = y + (row + 1) * bar_lines - 1
            if dead is not None and dead[k]:
                canvas.text(bottom, x * pitch, DEAD_BAR, pal.highlight if k == selected else pal.dead)
                continue
            fg = pal.highlight if k == selected else pal.positive if means[k] >= 0 else pal.negative
            level = max(1, eighths[k])
            for line in range(bar_lines):
                part = min(8, max(0, level - 8 * line))
                if part:
                    canvas.text(bottom - line, x * pitch, BARS[part], fg)
        if fits < n:
            row, x = divmod(fits, per_row)
            canvas.text(y + (row + 1) * bar_lines - 1, x * pitch, f"+{n - fits}", pal.muted)


def _share(need: list[int], spare: int) -> list[int]:
    """Split `spare` lines over layers wanting `need` lines each: the small ones in full, the rest fairly."""
    out = [0] * len(need)
    left = spare
    for rank, k in enumerate(sorted(range(len(need)), key=need.__getitem__)):
        out[k] = min(need[k], left // (len(need) - rank))
        left -= out[k]
    return out
