"""Loss pane: a sparkline of recent training loss and a chart of train/test loss and accuracy.

The sparkline summarizes each bar with the mean (a loss curve's max would
mostly show noise spikes). The chart plots every evaluation (end of each
epoch): train and test loss on the left axis, linear or log (key `L`), and
test accuracy on the right axis for classification. Until two evaluations
exist (all of MNIST's first epoch) it plots the recent per-step training
loss, smoothed, instead of an empty box. The previous run (the ghost, after
r, a, v or a new shape) is drawn under them in dim colours, labelled with
what it was (ghost.py). Its legend is a line of its own
under the chart, each series with its marker (braille dots in colour; with
no colour a character of its own); the steps are ticked at whole numbers up
to the last one and the values in short labels (ticks.py). The chart is
re-plotted only when its data or the scale changes, and while training the pane redraws at most
once per `throttle.interval`. Key `g` swaps both for the downhill view of
the selected weight (widgets/downhill.py).
"""

from __future__ import annotations

import math

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static
from textual_plotext import PlotextPlot

from nntui.run.frame import EvalPoint, GhostCurve
from nntui.tui.colours import Drawing, drawing_for
from nntui.tui.envelope import dot_columns, envelope
from nntui.tui.ghost import ghost_series, smoothed
from nntui.tui.losstext import batch_text
from nntui.tui.render import component_rgb, fit_words
from nntui.tui.ticks import step_ticks, tick_labels, value_ticks
from nntui.tui.widgets.downhill import DownhillPlot, caption_parts
from nntui.tui.widgets.status import fit_line
from nntui.tui.selection import Selection
from nntui.tui.widgets.base import PaneWidget


SERIES = {"train": "train loss", "test": "test loss", "accuracy": "test acc % (right)"}
SHORT = {"train loss": "train", "test loss": "test", "test acc % (right)": "acc % (right)"}  # a narrow legend
SHORTER = {**SHORT, "test acc % (right)": "acc"}  # narrower still (beside a ghost, in a lesson's column)
# With no colour, each series its own marker (the ghost's: small ones).
MARKERS = {"train": "•", "test": "×", "accuracy": "+", "ghost-train": "·", "ghost-test": "°"}
GHOST_PREFIX = "before: "  # how a ghost's label starts (a narrow legend drops it, then keeps only "before")
LINE_MARK = "━"  # a series' sample in the legend, in its colour
ROWS_PER_Y_TICK = 4
Y_LABELS_WIDTH = 12  # columns the y labels and axes take from the chart's width, at most


def bar_mean(values: list[float]) -> float:
    """A sparkline bar's value: the mean of its steps' losses (statistics.mean, exact in fractions, costs
    the UI thread some 80 times as much for a bar of eight)."""
    return sum(values) / len(values)


def legend_label(label: str, level: int) -> str:
    """A series' label in a legend shortened `level` times (0-3): the run's own, then the ghost's."""
    if label.startswith(GHOST_PREFIX):
        return (label, label, label.removeprefix(GHOST_PREFIX), GHOST_PREFIX.rstrip(": "))[level]
    return (label, SHORT.get(label, label), SHORTER.get(label, label), SHORTER.get(label, label))[level]


def legend_width(parts: list[tuple[str, str, tuple[int, int, int]]]) -> int:
    """Columns a legend of (mark, label, colour) parts takes: "mark label", two spaces between."""
    return sum(len(mark) + len(label) + 3 for mark, label, _ in parts) - 2


class LossChart(PlotextPlot):
    """Train/test loss and test accuracy per evaluation (plotext, this widget's own plt)."""

    COMPONENT_CLASSES = {"loss--train", "loss--test", "loss--accuracy", "loss--ghost-train", "loss--ghost-test"}
    legend: tuple[tuple[str, str, tuple[int, int, int]], ...] = ()  # (mark, label, colour) per plotted series

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._plotted: tuple | None = None
        self._args: tuple | None = None  # what was last plotted: (evals, log_scale, step, history, ghost)
        self.plotted: tuple[tuple[str, list[int], list[float]], ...] = ()  # (label, steps, values) per series

    def plot(self, evals: tuple[EvalPoint, ...], log_scale: bool, step: int, history: tuple[float, ...],
             ghost: GhostCurve | None = None) -> None:
        early = len(evals) < 2
        key = (len(evals), evals[-1] if evals else None, log_scale, step if early else None, ghost)
        if key == self._plotted:
            return
        self._plotted = key
        self._args = (evals, log_scale, step, history, ghost)
        self._draw()
        self.refresh()

    def render(self):
        # plotext's build() turns the data into log10 in place, so building a log chart twice (a resize,
        # a repaint) would take the log of the logs; and the ticks fit the size: drawn afresh before every build.
        if self._args is not None:
            self._draw()
        return super().render()

    @property
    def colourless(self) -> bool:
        """No colour to tell the series apart (NO_COLOR, 16 colours or fewer): each gets its own marker."""
        return drawing_for(self.app.no_color, self.app.console.color_system) is Drawing.GLYPHS

    def _series(self, name: str, x: list[int], y: list[float], yside: str = "left", label: str | None = None) -> None:
        """Plot one series with its colour and marker, and note it for the legend (a ghost's test curve: not).

        plotext is given the series' envelope, two points a dot column: a long run has thousands of evaluations
        (the spiral's epochs are 19 steps), and plotext's cost grows with the points (envelope.py)."""
        colour = component_rgb(self, f"loss--{name}")
        marker = MARKERS[name] if self.colourless else "braille"
        xs, ys = envelope(np.asarray(x), np.asarray(y, np.float64), dot_columns(self.size.width, Y_LABELS_WIDTH))
        self.plt.plot(xs.tolist(), ys.tolist(), color=colour, marker=marker, yside=yside)
        self.plotted = (*self.plotted, (label or SERIES.get(name, name), x, y))
        if name != "ghost-test":
            self.legend = (*self.legend, (MARKERS[name] if self.colourless else LINE_MARK, label or SERIES[name], colour))

    def _axes(self, steps: list[int], left: list[float], log_scale: bool, right: list[float] | None = None) -> None:
        """Whole-step x ticks ending on the last step; short y labels, from each axis's own data range."""
        width, height = self.size
        x = step_ticks(steps[0], steps[-1], width - Y_LABELS_WIDTH)  # about the plot's own width
        self.plt.xticks(x, [str(t) for t in x])
        if steps[-1] > steps[0]:
            self.plt.xlim(steps[0], steps[-1])
        else:  # one step: a band around it (plotext would divide by a zero range)
            self.plt.xlim(steps[0] - 1, steps[0] + 1)
        count = max(2, height // ROWS_PER_Y_TICK)
        for values, side, log in ((left, "left", log_scale), (right, "right", False)):
            if values:
                low, high = min(values), max(values)
                if high <= low:  # one value: a band around it, as plotext does
                    low, high = (0.5 * low, 1.5 * low) if low else (-1.0, 1.0)
                ticks = value_ticks(low, high, count, log)
                # plotext takes the data and the ticks of a log axis in data units, but its limits in log10
                self.plt.ylim(*((math.log10(low), math.log10(high)) if log else (low, high)), yside=side)
                self.plt.yticks(ticks, tick_labels(ticks), yside=side)

    def _draw(self) -> None:
        evals, log_scale, step, history, ghost = self._args
        plt = self.plt
        plt.clear_figure()
        self.legend, self.plotted = (), ()
        under = ghost_series(ghost)
        for name, x, y in under:  # first: the run's own curves are drawn over it
            self._series(name, x, y, label=ghost.label if name == "ghost-train" else None)
        if len(evals) >= 2:
            steps, left, right = self._plot_evals(evals)
        else:
            steps, left, right = self._plot_steps(step, history)
        steps = steps + [x for _, xs, _ in under for x in xs]  # (new lists: those plotted stay as they are)
        left = left + [v for _, _, ys in under for v in ys]
        if not steps:
            plt.title("the chart starts with the first steps")
            return
        log = log_scale and all(v > 0 for v in left)
        plt.yscale("log" if log else "linear", yside="left")
        self._axes([min(steps), max(steps)], left, log, right)
        plt.xlabel("step" if len(evals) >= 2 else "step (test loss after each epoch)")
        if under:  # the ghost's legend item goes last
            self.legend = (*self.legend[1:], self.legend[0])

    def _plot_evals(self, evals: tuple[EvalPoint, ...]) -> tuple[list[int], list[float], list[float] | None]:
        """Train and test loss (and test accuracy on the right) per evaluation; (steps, left, right values)."""
        steps = [e.step for e in evals]
        train, test = [e.train_loss for e in evals], [e.test_loss for e in evals]
        self._series("train", steps, train)
        self._series("test", steps, test)
        acc = [100 * (e.test_acc or 0.0) for e in evals] if evals[-1].test_acc is not None else None
        if acc is not None:
            self._series("accuracy", steps, acc, yside="right")
        return steps, train + test, acc

    def _plot_steps(self, step: int, history: tuple[float, ...]) -> tuple[list[int], list[float], None]:
        """The recent training loss per step, as a moving mean (before the first evaluations)."""
        if len(history) < 2:
            return [], [], None
        steps, values, window = smoothed(history, step)
        self._series("train", steps, values, label=f"train loss, mean of {window} steps")
        return steps, values, None


class LossPane(PaneWidget, Vertical):
    """Recent loss (sparkline) above the per-epoch chart."""

    DEFAULT_CSS = """
    LossPane { width: 1fr; height: 1fr; }
    LossPane > #loss-caption { height: 1; }
    LossPane > Sparkline { height: 2; }
    LossPane > #loss-legend { height: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._history_key: tuple | None = None
        self._caption = ""
        self._legend = ""

    def compose(self) -> ComposeResult:
        yield Static(id="loss-caption")
        yield Sparkline([], summary_function=bar_mean)
        yield LossChart()
        yield Static(id="loss-legend")
        yield DownhillPlot()

    def selection_matters(self, old: Selection, new: Selection) -> bool:
        return (old.log_scale, old.downhill) != (new.log_scale, new.downhill)

    def on_resize(self) -> None:
        if self.frame is not None:  # the caption is fitted to the width
            self.redraw()

    def redraw(self) -> None:
        downhill = self.selection.downhill
        for widget, shown in ((self.query_one(Sparkline), not downhill), (self.query_one(LossChart), not downhill),
                              (self.query_one("#loss-legend"), not downhill), (self.query_one(DownhillPlot), downhill)):
            if widget.display != shown:  # setting it at all costs a layout pass of the screen
                widget.display = shown
        self.set_title("Downhill" if downhill else self.pane_title)
        if downhill:
            self._set_caption(caption_parts(self.frame.downhill, self.frame, self.content_size.width or None))
            self.query_one(DownhillPlot).plot(self.frame.downhill, self.frame)
            return
        frame, history = self.frame, self.frame.loss_history
        key = (frame.step, len(history), history[-1] if history else None)
        if key != self._history_key:
            self._history_key = key
            self.query_one(Sparkline).data = list(history)
        recent = [(0, f"{len(history)} steps"), (4, batch_text(frame, history[-1]))] if history else \
            [(4, "no steps yet")]
        units = [(3, "chart: standardized MSE")] if frame.target_scale else []
        scale = "log" if self.selection.log_scale else "linear"
        self._set_caption([*recent, *units, (1, f"{scale} (L)"), (2, "g: downhill")])
        chart = self.query_one(LossChart)
        chart.plot(frame.evals, self.selection.log_scale, frame.step, history, frame.ghost)
        self._set_legend(chart.legend)

    def _set_legend(self, series: tuple[tuple[str, str, tuple[int, int, int]], ...]) -> None:
        """The chart's legend under it: each series' mark in its colour, then its label (short if need be)."""
        width = self.content_size.width
        for level in range(4):
            parts = [(mark, legend_label(label, level), colour) for mark, label, colour in series]
            if legend_width(parts) <= width:
                break
        while len(parts) > 1 and legend_width(parts) > width:  # narrower still: the last items go, whole
            parts = parts[:-1]
        if parts and legend_width(parts) > width:  # one item left: its label shortened at a break
            mark, label, colour = parts[0]
            parts = [(mark, fit_words(label, width - len(mark) - 1), colour)]
        legend = Text("  ").join(Text.assemble((mark, Style(color=Color.from_rgb(*colour))), f" {label}")
                                 for mark, label, colour in parts)
        if legend.plain != self._legend:
            self._legend = legend.plain
            self.query_one("#loss-legend", Static).update(legend, layout=False)

    def _set_caption(self, parts: list[tuple[int, str]]) -> None:
        """The caption line: its parts, the least important dropped until it fits the pane's width."""
        text = fit_line(parts, self.content_size.width or len(" · ".join(t for _, t in parts)))
        if text != self._caption:
            self._caption = text
            self.query_one("#loss-caption", Static).update(text, layout=False)  # one line of fixed size
