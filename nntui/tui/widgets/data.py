"""Data pane: what the network does to the data, drawn to suit the data's kind.

- 2-D classification: the decision boundary over the plane (each cell the
  predicted class's colour, fainter where the net is less sure), training
  points as ● and test points as ○ in their true class's colour; under it the
  axes' names and each class's name in its colour (data_legend.py). With the
  neuron maps on (m) and a hidden neuron selected, that neuron's map instead,
  under the same points, with its formula (tui/neuronplane.py).
- 1-D regression: target points and the fitted curve (plotext), with each
  hidden unit's contribution (a hinge for ReLU) when there is one hidden
  layer, and where the fit bends; the plot's title says what they add up to.
  The selected weight's hidden unit is drawn bright, its bend marked (tui/hinges.py).
- Images: the current sample, "true 7 · predicted 7 (98%)", each class's
  probability, and the test-set confusion matrix; with `f`, what the selected
  neuron looks for instead (widgets/looks.py).
- A traced sample (`t`, `w`) is ringed on the plane, marked on the curve, or
  is the image shown (widgets/trace_marks.py).
"""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static
from textual_plotext import PlotextPlot

from nntui.run.frame import BoundaryView, CurveView, Frame, ImageView
from nntui.tui.glyphs import class_digits, region_glyphs
from nntui.tui.names import input_name
from nntui.tui.render import WHITE, Canvas, class_colors, component_rgb, nearest, quantize, ramp
from nntui.tui.hinges import BEND, plot_chosen_bend, plot_chosen_hinge, selected_hinge
from nntui.tui.neuronplane import draw_neuron_plane, plane_key
from nntui.tui.selection import Selection
from nntui.tui.widgets.base import PaneWidget
from nntui.tui.widgets.data_legend import draw_axes, draw_class_legend
from nntui.tui.widgets.looks import LooksDrawing, described
from nntui.tui.widgets.pane import CanvasPane, Palette
from nntui.tui.widgets.trace_marks import curve_mark, ring_traced, trace_caption

TRAIN_POINT, TEST_POINT = "●", "○"
LEGEND_LINES = 2  # under the plane: the axes' names, then the classes' legend
POINT_DENSITY = 6  # at most one training point per this many cells (test: half as many)
MAX_HINGES = 16  # more hidden units than this: only the largest contributions are drawn
REGION_FAINTEST, REGION_STRONGEST = 0.15, 0.6  # share of the class colour where the net is least / most sure
REGION_CUBE = 0.2, 0.4  # in 256 colours: shades 1 and 2 of the cube's 5, dark washes of the class colour
REGION_LEVELS = 5  # steps of sureness shown: few, so a slowly moving boundary repaints little
POINT_LIGHTEN = 0.45  # points are their class colour this far towards white, so they show on their own region
MIN_PROBABILITY_WIDTH = 10  # room beside the image for "7 ██ 98%"
PROBABILITY_WIDTH = 22


class BoundaryPlot(CanvasPane):
    """Decision boundary and points for 2-D classification."""

    def same_picture(self, frame: Frame, selection: Selection) -> bool:
        # the trainer reuses a data view until it recomputes it
        return (self.frame is not None and frame.data_view is self.frame.data_view and frame.trace is self.frame.trace
                and plane_key(frame, selection) == plane_key(self.frame, self.selection))

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        pal, v = self.palette, frame.data_view
        assert isinstance(v, BoundaryView)
        top = 1 if selection.neuron_maps else 0  # the line of the shown neuron's formula
        neuron = plane_key(frame, selection)[1]
        below = LEGEND_LINES if neuron is None else 1  # a neuron's map has one legend line, its formula names x1, x2
        lines = max(1, canvas.height - below - top)
        side = min(canvas.width, 2 * lines) // 2 * 2  # a square of pixels, an even number of rows
        if side <= 0:
            return
        x0 = (canvas.width - side) // 2
        if top:
            draw_neuron_plane(canvas, frame, selection, x0, side, pal, glyphs=self.glyphs, cube=self.cube)
        if neuron is None:
            self._regions(canvas, v, top, x0, side)
        self._points(canvas, v, top, x0, side)
        if frame.trace is not None:
            ring_traced(canvas, frame.trace, v, x0, side, self.palette, top)
        if neuron is None:
            self._caption(canvas, frame, self._class_count(v))

    @staticmethod
    def _class_count(v: BoundaryView) -> int:
        return max(2, int(np.max(v.grid_class)) + 1, int(np.max(v.train_label, initial=0)) + 1)

    def _regions(self, canvas: Canvas, v: BoundaryView, top: int, x0: int, side: int) -> None:
        """Each cell the predicted class's colour, fainter where the net is less sure (glyphs: its fill)."""
        pal = self.palette
        cls = nearest(np.asarray(v.grid_class)[::-1], side, side)  # grid row 0 is the bottom of the plane
        conf = nearest(np.asarray(v.grid_conf, np.float64)[::-1], side, side)
        k = self._class_count(v)
        t = quantize((conf - 1 / k) / (1 - 1 / k), REGION_LEVELS)
        if self.glyphs:  # one cell per pixel pair: its class's fill (its top pixel's), blank where unsure
            ys, xs = np.indices((side // 2, side))
            canvas.cells(top + ys.ravel(), (x0 + xs).ravel(), region_glyphs(cls[::2], t[::2]).ravel(),
                         class_colors(cls[::2]).reshape(-1, 3))
        else:
            faintest, strongest = REGION_CUBE if self.cube else (REGION_FAINTEST, REGION_STRONGEST)
            canvas.pixels(top, x0, ramp(faintest + (strongest - faintest) * t, pal.background, class_colors(cls),
                                        cube=self.cube))

    def _points(self, canvas: Canvas, v: BoundaryView, top: int, x0: int, side: int) -> None:
        """Training points ● and test points ○ in their class's colour, lightened (glyphs: the class digit)."""
        (xa, xb), (ya, yb) = v.x_range, v.y_range
        budget = side * (side // 2) // POINT_DENSITY
        for xy, labels, glyph, count in ((v.train_xy, v.train_label, TRAIN_POINT, budget),
                                         (v.test_xy, v.test_label, TEST_POINT, budget // 2)):
            every = max(1, -(-len(xy) // max(1, count)))
            xy, labels = np.asarray(xy)[::every], np.asarray(labels)[::every]
            cx = x0 + np.floor((xy[:, 0] - xa) / (xb - xa) * side).astype(int)
            cy = np.floor((yb - xy[:, 1]) / (yb - ya) * side).astype(int) // 2
            inside = (cx >= x0) & (cx < x0 + side) & (cy >= 0) & (cy < side // 2)
            cy = cy + top
            fg = ramp(POINT_LIGHTEN, class_colors(labels), WHITE, cube=self.cube)
            if self.glyphs:  # the class digit: bold for training points
                canvas.cells(cy[inside], cx[inside], class_digits(labels[inside]), fg[inside], bold=glyph == TRAIN_POINT)
            else:
                canvas.cells(cy[inside], cx[inside], glyph, fg[inside])

    def _caption(self, canvas: Canvas, frame: Frame, k: int) -> None:
        """The axes' names, then the classes' legend (or the traced sample's caption)."""
        pal = self.palette
        draw_axes(canvas, canvas.height - 2, frame, pal)
        if frame.trace is not None:
            caption = trace_caption(frame.trace, canvas.width)
            canvas.label(canvas.height - 1, max(0, (canvas.width - len(caption)) // 2), caption, pal.muted)
        else:
            draw_class_legend(canvas, canvas.height - 1, frame, k, pal, glyphs=self.glyphs)


class DigitPlot(CanvasPane):
    """The current image, the prediction, class probabilities and the confusion matrix."""

    def show(self, frame: Frame, selection: Selection) -> None:
        waiting = selection.looks and not described(self.frame, selection)
        super().show(frame, selection)
        if waiting and described(frame, selection):  # the neuron's looks arrived: show them now, not at the tick
            self.throttle.request(True)

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        pal, v = self.palette, frame.data_view
        assert isinstance(v, ImageView)
        if selection.looks:  # `f`: what the selected neuron looks for
            LooksDrawing(canvas, pal, self.glyphs, self.cube).draw(frame, selection)
            return
        image = np.asarray(v.image, np.float64)
        shrink = 1 if canvas.height >= image.shape[0] // 2 + 1 else 2
        shown = image[::shrink, ::shrink]
        if self.glyphs:
            canvas.shades(0, 0, shown, pal.text)
        else:
            canvas.pixels(0, 0, ramp(shown, pal.background, pal.text, cube=self.cube))
        image_lines, image_cols = -(-shown.shape[0] // 2), shown.shape[1]
        names = v.class_names or tuple(str(c) for c in range(len(v.probs)))
        x = image_cols + 2
        probability_width = min(PROBABILITY_WIDTH, canvas.width - x)
        if probability_width >= MIN_PROBABILITY_WIDTH:
            self._probabilities(canvas, 0, x, probability_width, image_lines, v.probs, names, v.predicted_label, pal)
            x += probability_width + 2
        verdict = pal.positive if v.predicted_label == v.true_label else pal.negative
        p = float(v.probs[v.predicted_label])
        summary = f"true {names[v.true_label]} · predicted {names[v.predicted_label]} ({p:.0%})"
        canvas.label(image_lines, 0, summary, verdict, bold=True)
        if frame.trace is not None:
            canvas.label(image_lines + 1, 0, trace_caption(frame.trace, canvas.width), pal.highlight)
        if v.confusion is not None:
            counts = np.asarray(v.confusion)
            if not self._confusion(canvas, 0, x, counts, names, pal):  # beside the image, else below it
                self._confusion(canvas, image_lines + 2, 0, counts, names, pal, or_say_so=True)

    @staticmethod
    def _probabilities(canvas: Canvas, y: int, x: int, width: int, lines: int, probs: np.ndarray,
                       names: tuple[str, ...], predicted: int, pal: Palette) -> None:
        """One bar per class (the most likely classes only, if there are more classes than lines)."""
        label = max(len(n) for n in names)
        bar_width = max(1, width - label - 6)
        classes = range(len(probs)) if len(probs) <= lines else sorted(np.argsort(-probs)[:lines].tolist())
        for row, k in enumerate(classes):
            p = float(probs[k])
            fg = pal.highlight if k == predicted else pal.positive
            end = canvas.text(y + row, x, f"{names[k]:>{label}} ", pal.muted)
            end = canvas.text(y + row, end, "█" * int(round(p * bar_width)), fg)
            canvas.text(y + row, end + 1, f"{p:.0%}", pal.muted)

    def _confusion(self, canvas: Canvas, y: int, x: int, counts: np.ndarray, names: tuple[str, ...], pal: Palette,
                   or_say_so: bool = False) -> bool:
        """Test-set confusion at (y, x): rows true, columns predicted, cells shaded by share of the row.

        Returns False (drawing nothing, or a note if `or_say_so`) when it does not fit.
        """
        k = len(counts)
        label = max(len(n) for n in names) + 1
        width = canvas.width - x
        if canvas.height - y < k + 3 or width < label + 2 * k:
            if or_say_so:
                canvas.label(y, x, "confusion matrix: enlarge the pane to see it", pal.muted)
            return False
        cell = 4 if label + 4 * k <= width else 2  # 4: with the percentage, 2: colour only
        share = counts / np.maximum(1, counts.sum(axis=1, keepdims=True))
        canvas.label(y, x, "confusion, % of true row" if cell == 4 else "confusion (rows true)", pal.muted)
        for c, name in enumerate(names):
            canvas.text(y + 1, x + label + c * cell, f"{name:>{cell - 1}}", pal.muted)
        diagonal = np.eye(k, dtype=bool)
        strength = np.where(diagonal, share, np.minimum(1.0, 5 * share))  # mistakes are rare: stretch them
        shades = np.where(diagonal[..., None], ramp(strength, pal.background, pal.positive, cube=self.cube),
                          ramp(strength, pal.background, pal.negative, cube=self.cube)).tolist()
        for r in range(k):
            canvas.text(y + 2 + r, x, f"{names[r]:>{label - 1}}", pal.muted)
            for c in range(k):
                bg = tuple(shades[r][c])
                percent = round(100 * share[r, c])
                text = f"{percent if percent else '<1':>{cell - 1}} " if cell == 4 and counts[r, c] else " " * cell
                canvas.text(y + 2 + r, x + label + c * cell, text, pal.text, bg=bg)
        off = np.where(diagonal, 0, counts)
        worst = [divmod(int(i), k) for i in np.argsort(-off, axis=None, kind="stable")[:3] if off.flat[i] > 0]
        text = "mixed up: " + ", ".join(f"{names[r]}→{names[c]} {counts[r, c]}" for r, c in worst)
        canvas.label(y + 2 + k, x, text if worst else "no test mistakes", pal.muted)
        return True


def hinge_caption(frame: Frame, width: int = 200) -> str:
    """What the grey lines under the fit are (one hidden layer), or why there are none; fitted to `width`."""
    hidden = frame.layer_sizes[1:-1]
    v = frame.data_view
    if not hidden:
        return "no hidden layer: a straight line"
    if len(hidden) > 1 or not isinstance(v, CurveView) or v.hinges is None:
        long = f"{len(hidden)} hidden layers: hinges shown for 1 hidden layer only"
        return long if len(long) <= width else f"{len(hidden)} hidden layers: no hinges"
    n = hidden[0]
    activation = frame.layers[0].activation
    kind = "hinges" if frame.layers[0].can_die else f"{activation} units"
    shown = f"{MAX_HINGES} largest of {n}" if n > MAX_HINGES else str(n)
    bends = f" · {BEND} bends" if v.bends is not None and len(v.bends) else ""
    bias = f"{'+' if v.output_bias >= 0 else '−'} {abs(v.output_bias):.2f}"
    for text in (f"fit = Σ {shown} {kind} (grey) {bias}{bends}",
                 f"fit = Σ {shown} {kind} (grey) {bias}", f"fit = Σ {n} {kind} + b"):
        if len(text) <= width:
            return text
    return ""


def largest_hinges(hinges: np.ndarray, count: int) -> np.ndarray:
    """The `count` contributions that swing the most over the range (all of them if there are fewer)."""
    swing = np.ptp(hinges, axis=1)
    return hinges[np.sort(np.argsort(-swing, kind="stable")[:count])]


class CurvePlot(PaneWidget, PlotextPlot):
    """Targets and the fitted curve for 1-D regression (plotext, drawn with this widget's own plt).

    With one hidden layer each hidden unit's contribution (its activation times
    its outgoing weight) is drawn under the fit: the fit is their sum plus the
    output bias, and for ReLU units each one bends the fit at one x (marked).
    """

    COMPONENT_CLASSES = {"curve--train", "curve--test", "curve--fit", "curve--hinge", "curve--chosen"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None  # (the curve, the traced sample, the bright hinge) drawn

    def same_picture(self, frame: Frame, selection: Selection) -> bool:
        # the trainer reuses the curve until it recomputes it
        return self._shown == (frame.data_view, frame.trace, selected_hinge(frame, selection))

    def selection_matters(self, old: Selection, new: Selection) -> bool:
        return self.frame is not None and selected_hinge(self.frame, old) != selected_hinge(self.frame, new)

    def on_resize(self) -> None:
        self._shown = None  # the title is fitted to the width: plot again
        self.redraw()

    def redraw(self) -> None:
        frame = self.frame
        v = frame.data_view if frame is not None else None
        chosen = selected_hinge(frame, self.selection) if v is not None else None
        if v is None or self._shown == (v, frame.trace, chosen):
            return
        self._shown = v, frame.trace, chosen
        plt = self.plt
        plt.clear_figure()
        plt.title(hinge_caption(frame, self.size.width - 2) if frame.trace is None
                  else trace_caption(frame.trace, self.size.width - 2))
        plt.xlabel(input_name(frame, 0))
        plt.ylabel(frame.output_name + (" (standardized)" if frame.target_scale else "") if frame.output_name else "")
        color = {name: component_rgb(self, f"curve--{name}") for name in ("train", "test", "fit", "hinge", "chosen")}
        targets = np.concatenate([np.asarray(v.train_y), np.asarray(v.test_y), np.asarray(v.y_pred)])
        low, high = float(targets.min()), float(targets.max())
        margin = 0.1 * (high - low or 1.0)
        plt.ylim(low - margin, high + margin)  # the hinges may reach further: they are clipped
        if v.hinges is not None:
            for hinge in largest_hinges(np.asarray(v.hinges), MAX_HINGES):
                plt.plot(v.x.tolist(), hinge.tolist(), color=color["hinge"], marker="braille")
            if chosen is not None:
                dot = (high - low + 2 * margin) / max(1, 4 * (self.size.height - 4))  # one braille dot row
                plot_chosen_hinge(plt, frame, chosen, color["chosen"], dot)
        plt.scatter(v.train_x.tolist(), v.train_y.tolist(), color=color["train"], marker="braille", label="train")
        plt.scatter(v.test_x.tolist(), v.test_y.tolist(), color=color["test"], marker="x", label="test")
        plt.plot(v.x.tolist(), v.y_pred.tolist(), color=color["fit"], marker="braille", label="fit")
        if v.bends is not None and len(v.bends):
            at = np.interp(v.bends, v.x, v.y_pred)
            plt.scatter(v.bends.tolist(), at.tolist(), color=color["fit"], marker=BEND)
        if chosen is not None:
            plot_chosen_bend(plt, frame, chosen, color["chosen"])
        if frame.trace is not None:
            curve_mark(plt, frame.trace, color["fit"])
        self.refresh()


class DataPane(Container):
    """The border titled "Data" around the picture that suits the frame's data (a PaneWidget), or a note.

    It hands the registry's intervals and the frames on to that picture.
    """

    DEFAULT_CSS = "DataPane { width: 1fr; height: 1fr; }"

    def __init__(self, frame: Frame, **kwargs) -> None:
        super().__init__(**kwargs)
        self._first = frame

    def compose(self) -> ComposeResult:
        data_view = self._first.data_view
        if isinstance(data_view, BoundaryView):
            yield BoundaryPlot(id="data-view")
        elif isinstance(data_view, CurveView):
            yield CurvePlot(id="data-view")
        elif isinstance(data_view, ImageView):
            yield DigitPlot(id="data-view")
        else:
            n = self._first.layer_sizes[0]
            yield Static(f"{n} inputs: the Data pane draws 2-D points, 1-D curves and images, "
                         "not this data. The other panes show the network as usual.", id="data-view")

    def configure(self, *, title: str | None, interval: float, low_bandwidth: bool) -> None:
        if title is not None:
            self.border_title = title
        picture = self.query_one("#data-view")
        if isinstance(picture, PaneWidget):
            picture.configure(title=None, interval=interval, low_bandwidth=low_bandwidth)

    def show(self, frame: Frame, selection: Selection) -> None:
        picture = self.query_one("#data-view")
        if isinstance(picture, PaneWidget) and type(frame.data_view) is type(self._first.data_view):
            picture.show(frame, selection)
