"""Loss pane: a sparkline of recent training loss and a chart of train/test loss and accuracy.

The sparkline summarizes each bar with the mean (a loss curve's max would
mostly show noise spikes). The chart plots every evaluation (end of each
epoch): train and test loss on the left axis, linear or log (key `L`), and
test accuracy on the right axis for classification. Until two evaluations
exist (all of MNIST's first epoch) it plots the recent per-step training
loss, smoothed, instead of an empty box. The chart is re-plotted only when
its data or the scale changes, and while training the pane redraws at most
once per `throttle.interval`. Key `g` swaps both for the downhill view of
the selected weight (widgets/downhill.py).
"""

from __future__ import annotations

from statistics import mean

import numpy as np

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static
from textual_plotext import PlotextPlot

from nntui.run.frame import RUNNING, EvalPoint, Frame
from nntui.tui.losstext import batch_text
from nntui.tui.render import component_rgb
from nntui.tui.widgets.downhill import DownhillPlot, caption_parts
from nntui.tui.widgets.status import fit_line
from nntui.tui.throttle import Throttle
from nntui.tui.viewstate import ViewState


SMOOTHING_STEPS = 20  # moving-mean window of the early per-step curve


class LossChart(PlotextPlot):
    """Train/test loss and test accuracy per evaluation (plotext, this widget's own plt)."""

    COMPONENT_CLASSES = {"loss--train", "loss--test", "loss--accuracy"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._plotted: tuple | None = None
        self._args: tuple | None = None  # what was last plotted: (evals, log_scale, step, history)

    def plot(self, evals: tuple[EvalPoint, ...], log_scale: bool, step: int, history: tuple[float, ...]) -> None:
        early = len(evals) < 2
        key = (len(evals), evals[-1] if evals else None, log_scale, step if early else None)
        if key == self._plotted:
            return
        self._plotted = key
        self._args = (evals, log_scale, step, history)
        self._draw()
        self.refresh()

    def render(self):
        # plotext's build() turns the data into log10 in place, so building a log chart twice (a resize,
        # a repaint) would take the log of the logs: a log chart is drawn afresh before every build.
        if self._args is not None and self._args[1]:
            self._draw()
        return super().render()

    def _draw(self) -> None:
        evals, log_scale, step, history = self._args
        plt = self.plt
        plt.clear_figure()
        color = {name: component_rgb(self, f"loss--{name}") for name in ("train", "test", "accuracy")}
        if len(evals) < 2:
            self._plot_steps(step, history, log_scale, color["train"])
            return
        steps = [e.step for e in evals]
        train, test = [e.train_loss for e in evals], [e.test_loss for e in evals]
        plt.plot(steps, train, color=color["train"], marker="braille", label="train loss")
        plt.plot(steps, test, color=color["test"], marker="braille", label="test loss")
        if all(v > 0 for v in train + test):
            plt.yscale("log" if log_scale else "linear", yside="left")
        if evals[-1].test_acc is not None:
            acc = [100 * (e.test_acc or 0.0) for e in evals]
            plt.plot(steps, acc, color=color["accuracy"], marker="braille", label="test acc %", yside="right")
        plt.xlabel("step")

    def _plot_steps(self, step: int, history: tuple[float, ...], log_scale: bool, color) -> None:
        """The recent training loss per step, as a moving mean (before the first evaluations)."""
        if len(history) < 2:
            self.plt.title("the chart starts with the first steps")
            return
        window = min(SMOOTHING_STEPS, len(history))
        smooth = np.convolve(np.asarray(history, np.float64), np.ones(window) / window, mode="valid")
        steps = list(range(step - len(smooth) + 1, step + 1))
        values = smooth.tolist()
        self.plt.plot(steps, values, color=color, marker="braille", label=f"train loss, mean of {window} steps")
        if log_scale and min(values) > 0:
            self.plt.yscale("log", yside="left")
        self.plt.xlabel("step (test loss after each epoch)")


class LossPane(Vertical):
    """Recent loss (sparkline) above the per-epoch chart."""

    DEFAULT_CSS = """
    LossPane { width: 1fr; height: 1fr; }
    LossPane > #loss-caption { height: 1; }
    LossPane > Sparkline { height: 2; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Loss"
        self.throttle = Throttle(self, self.redraw)
        self.frame: Frame | None = None
        self.view = ViewState()
        self._history_key: tuple | None = None
        self._caption = ""

    def compose(self) -> ComposeResult:
        yield Static(id="loss-caption")
        yield Sparkline([], summary_function=mean)
        yield LossChart()
        yield DownhillPlot()

    def show(self, frame: Frame, view: ViewState) -> None:
        urgent = frame.state != RUNNING or view.log_scale != self.view.log_scale or view.downhill != self.view.downhill
        self.frame, self.view = frame, view
        self.throttle.request(urgent)

    def on_resize(self) -> None:
        if self.frame is not None:  # the caption is fitted to the width
            self.redraw()

    def redraw(self) -> None:
        downhill = self.view.downhill
        for widget, shown in ((self.query_one(Sparkline), not downhill), (self.query_one(LossChart), not downhill),
                              (self.query_one(DownhillPlot), downhill)):
            if widget.display != shown:  # setting it at all costs a layout pass of the screen
                widget.display = shown
        self.border_title = "Downhill" if downhill else "Loss"
        if downhill:
            self._set_caption(caption_parts(self.frame.downhill))
            self.query_one(DownhillPlot).plot(self.frame.downhill)
            return
        frame, history = self.frame, self.frame.loss_history
        key = (frame.step, len(history), history[-1] if history else None)
        if key != self._history_key:
            self._history_key = key
            self.query_one(Sparkline).data = list(history)
        recent = [(2, f"{len(history)} steps"), (4, batch_text(frame, history[-1]))] if history else \
            [(4, "no steps yet")]
        units = [(3, "chart: standardized MSE")] if frame.target_scale else []
        self._set_caption([*recent, *units, (1, f"{'log' if self.view.log_scale else 'linear'} (L)"),
                           (2, "g: downhill")])
        self.query_one(LossChart).plot(frame.evals, self.view.log_scale, frame.step, history)

    def _set_caption(self, parts: list[tuple[int, str]]) -> None:
        """The caption line: its parts, the least important dropped until it fits the pane's width."""
        text = fit_line(parts, self.content_size.width or len(" · ".join(t for _, t in parts)))
        if text != self._caption:
            self._caption = text
            self.query_one("#loss-caption", Static).update(text, layout=False)  # one line of fixed size
