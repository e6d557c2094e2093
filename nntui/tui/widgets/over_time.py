"""The gradients-over-time view (key `o`, in the Activations pane): per layer, two log charts and the histograms.

Top: the update ratio |ΔW|/|W| and the mean |dL/dz| of each layer over the
latest steps (a run log: per snapshot), one colour per layer (braille dots;
with no colour each layer's points are its number), on log y axes labelled
at the powers of ten (`1e-3`), whole-step x ticks ending on the last step,
and the legend on a line of its own under both. Then each hidden layer's
activation histogram over time (histogram_map.py). Under it, the plain-word
flags (tui/over_time_flags.py). What the source did not record says so.
"""

from __future__ import annotations

import math
import time
from textwrap import wrap

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from nntui.run.frame import RUNNING, Frame, OverTimeView
from nntui.tui.colours import Drawing, drawing_for
from nntui.tui.envelope import dot_columns, envelope
from nntui.tui.over_time_flags import flags
from nntui.tui.render import CLASS_COLORS
from nntui.tui.ticks import short_number, step_ticks, tick_labels, value_ticks
from nntui.tui.widgets.histogram_map import HistogramMap

# Layer k's colour: the class colours from green on (orange and blue mean a sign in the other panes).
LAYER_COLOURS = tuple(tuple(int(c) for c in rgb) for rgb in np.roll(CLASS_COLORS, -2, axis=0))
LINE_MARK = "━"
SNAPSHOT_NOTE = " · per snapshot"  # a run log's charts: between snapshots, blame on the probe batch
LEGEND_FORMS = (("  ", " ", "L"), (" ", "", "L"), (" ", "", ""))  # (between items, after the mark, name): "━ L1  ━ L2"
Y_LABELS_WIDTH = 6
NOT_RECORDED = "gradients over time: not recorded in this run"
FLAG_LINES = 3  # at most, under the histograms
CHART_SECONDS = 4.0  # while training the charts are plotted at most this often (paused: at every redraw)
CHART_ROWS = 7  # kept for the charts before the histograms get lines


def layer_colour(k: int) -> tuple[int, int, int]:
    return LAYER_COLOURS[k % len(LAYER_COLOURS)]


def layer_marker(k: int) -> str:
    """Layer k's marker when there is no colour: its number (L1 → "1")."""
    return str((k + 1) % 10)


def log_ticks(low: float, high: float, count: int) -> tuple[list[float], list[str]]:
    """Ticks for a log axis from `low` to `high`: the powers of ten inside (`1e-3`), or evenly spaced ones."""
    powers = [10.0**e for e in range(math.ceil(math.log10(low)), math.floor(math.log10(high)) + 1)]
    if len(powers) >= 2:
        keep = powers[:: max(1, -(-(len(powers) - 1) // (max(2, count) - 1)))]  # the lowest, every so many
        return keep, [f"1e{round(math.log10(p))}" for p in keep]
    ticks = value_ticks(low, high, max(2, count), True)
    labels = [short_number(t, 1) for t in ticks]
    return ticks, labels if len(set(labels)) == len(ticks) else tick_labels(ticks)


class LayerChart(PlotextPlot):
    """One quantity per layer against the step, on a log y axis (this widget's own plotext)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._args: tuple | None = None  # (titles, steps, series, colourless)

    def plot(self, title: tuple[str, str], steps: np.ndarray, series: np.ndarray, colourless: bool) -> None:
        self._args = (title, steps, series, colourless)
        self.refresh()

    def render(self):
        # plotext turns a log chart's data into log10 in place when it builds: plotted afresh before every build
        if self._args is not None:
            self._draw(*self._args)
        return super().render()

    def _draw(self, title: tuple[str, str], steps: np.ndarray, series: np.ndarray, colourless: bool) -> None:
        plt = self.plt
        plt.clear_figure()
        long, short = title
        plt.title(long if len(long) + 4 <= self.size.width else short)
        values = []
        columns = dot_columns(self.size.width, Y_LABELS_WIDTH)
        for k, row in enumerate(series):
            keep = np.isfinite(row) & (row > 0)
            if keep.any():
                xs, ys = envelope(steps[keep], row[keep], columns)
                plt.plot(xs.tolist(), ys.tolist(), color=layer_colour(k),
                         marker=layer_marker(k) if colourless else "braille")
                values += ys.tolist()
        if not values:
            return
        plt.yscale("log")
        low, high = min(values), max(values)
        if high <= low:
            low, high = low / 2, high * 2
        ticks, labels = log_ticks(low, high, max(2, self.size.height // 3))
        plt.ylim(math.log10(low), math.log10(high))  # plotext: a log axis's limits in log10, its ticks not
        plt.yticks(ticks, labels)
        first, last = int(steps[0]), int(steps[-1])
        x = step_ticks(first, last, self.size.width - Y_LABELS_WIDTH)
        plt.xticks(x, [str(t) for t in x])
        plt.xlim(first, last) if last > first else plt.xlim(first - 1, first + 1)


class OverTimePanel(Vertical):
    """The two charts, their legend, the histograms over time and the flags (see the module docstring)."""

    DEFAULT_CSS = """
    OverTimePanel { width: 1fr; height: 1fr; }
    OverTimePanel > Horizontal { height: 1fr; min-height: 5; }
    OverTimePanel > #over-time-legend { height: 1; }
    OverTimePanel > #over-time-flags { height: auto; max-height: 3; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._flag_text = ""
        self._plotted_at = -math.inf  # when the charts were last plotted (plotext is the view's dearest part)
        self._shown: tuple | None = None  # (frame, palette) last shown, drawn again on a resize

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield LayerChart(id="over-time-ratio")
            yield LayerChart(id="over-time-blame")
        yield Static(id="over-time-legend")
        yield HistogramMap()
        yield Static(id="over-time-flags")

    def show(self, frame: Frame, palette) -> None:
        """Draw `frame`'s over-time view with the pane's `palette` (or say it was not recorded)."""
        self._shown = (frame, palette)
        view = frame.over_time
        colourless = drawing_for(self.app.no_color, self.app.console.color_system) is Drawing.GLYPHS
        recorded = view is not None and len(view.steps) > 0
        charts = self.query_one(Horizontal)
        if charts.display != recorded:
            charts.display = recorded
        now = time.monotonic()
        if recorded and (frame.state != RUNNING or now - self._plotted_at >= CHART_SECONDS):
            self._plotted_at = now
            per = "per snapshot" if view.per == "snapshot" else "per step"
            blame = "mean |dL/dz| (probe)" if view.per == "snapshot" else "mean |dL/dz|"
            self.query_one("#over-time-ratio", LayerChart).plot((f"|ΔW|/|W| {per}", "|ΔW|/|W|"), view.steps,
                                                                view.update_ratio, colourless)
            self.query_one("#over-time-blame", LayerChart).plot((blame, "|dL/dz|"), view.steps, view.mean_blame,
                                                                colourless)
        self._legend(view, colourless)
        lines = self._flags(flags(frame) if recorded else [NOT_RECORDED])
        rows = max(0, self.size.height - 1 - len(lines) - (CHART_ROWS if recorded else 0))
        self.query_one(HistogramMap).show(view, palette, rows)
        text = "\n".join(lines)
        if text != self._flag_text:
            self._flag_text = text
            self.query_one("#over-time-flags", Static).update(text)

    def _flags(self, found: list[str]) -> list[str]:
        """The flags that fit in FLAG_LINES lines (each wrapped at words to the width), in their order."""
        width, shown, used = max(1, self.size.width), [], 0
        for line in found:
            lines = wrap(line, width)
            if used + len(lines) > FLAG_LINES:
                break
            shown, used = shown + lines, used + len(lines)
        return shown

    def _legend(self, view: OverTimeView | None, colourless: bool) -> None:
        """Each layer's mark in its colour and its name, narrower while it does not fit; a log's "per snapshot"."""
        layers = 0 if view is None else len(view.update_ratio)
        note = SNAPSHOT_NOTE if view is not None and view.per == "snapshot" else ""
        for gap, space, name in LEGEND_FORMS:
            if layers * (1 + len(space) + len(name) + 1 + len(gap)) - len(gap) + len(note) <= self.size.width:
                break
        legend = Text(gap).join(
            Text.assemble((layer_marker(k) if colourless else LINE_MARK, Style(color=Color.from_rgb(*layer_colour(k)))),
                          "" if colourless and not name else f"{space}{name}{k + 1}")  # (a colourless mark: the number)
            for k in range(layers))
        self.query_one("#over-time-legend", Static).update(legend + note)
