"""Step readout: one optimizer step taken apart, with the real numbers for the selected neuron.

While `p` walks a step through its phases (the frame's PhaseView), this strip
under the panes names the phase and writes out what the step computed for
the neuron the selection points at: for the selected weight W{k}[i,j] that is
neuron j of layer k+1, fed by neuron i of layer k (layers numbered as everywhere: layer 0 is the inputs x,
W{k} feeds layer k+1, so z1 and a1 are the first hidden layer's). Line by line, as the phases reach them:

    z1[1] = Σ w·x + b = 0.120·0.500 + (−0.400)·1.00 + 0.100 = −0.180
    a1[1] = tanh(z) = −0.178
    loss L = −log p = −log 0.620 = 0.478 · batch mean 0.478
    dL/dz1[1] = (1 − a²)·Σ W1[1,·]·dL/dz2 = 0.968·(−0.033) = −0.0319
    dL/dW0[1,1] = dL/dz1[1]·x[1] = (−0.0319)·1.00 = −0.0319
    ΔW0[1,1] = −lr·dL/dW = −0.0500·(−0.0319) = 0.00160

A selected bias b{k}[j] gets dL/db{k}[j] (the blame summed over the batch) and Δb{k}[j] instead; named
data names the sample's inputs and target ("(temperature, rain) = (1.20, 0) · go outside? = 1 (yes)").
Lines a phase has not reached yet say when they will be known. With a batch
of more than one sample, the per-sample numbers are the batch's first sample
(the traced one when tracing, `t`) and the gradient is the sum over the batch.
"""

from __future__ import annotations

import re

import numpy as np
from rich.text import Text
from textual.widgets import Static

from nntui.run.frame import PHASES, Frame, PhaseView
from nntui.tui.names import class_name, short
from nntui.tui.selection import Selection

ARROW = " ▸ "
MAX_FEATURES_SHOWN = 8  # an input wider than this is summarized ("784 values")
CONTINUED = "    "  # indent of a sum's second line
MAX_TERM = len(" + (−0.000123)·(−0.000123)")  # the widest `w·x` term, with its separator
WEIGHT_DIGITS = 5  # a weight before and after its update: enough digits to see a small step
PENALTY_SHOWN = 1e-5  # a loss above the mean per-sample loss by more than this (relative) has an L1/L2 part


def num(x: float, digits: int = 3) -> str:
    """`digits` significant digits with a true minus sign: 0.500, −0.0319, 1.20e-05."""
    x = float(x)
    if x == 0:
        return "0"
    text = f"{abs(x):#.{digits}g}".rstrip(".")
    return ("−" if x < 0 else "") + text


def factor(x: float) -> str:
    """`num(x)`, in parentheses when negative (for products: 0.5·(−0.4))."""
    text = num(x)
    return f"({text})" if text.startswith("−") else text


def factor_text(formula: str) -> str:
    """A formula as a factor of a product: in parentheses if it has a space outside any ("1 − a²"; not "a·(1 − a)")."""
    return f"({formula})" if " " in re.sub(r"\([^()]*\)", "", formula) else formula


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def wrap_sum(text: str, width: int) -> list[str]:
    """A long sum on two lines, broken after a `+` (the second line indented)."""
    if len(text) <= width:
        return [text]
    cut = text.rfind(" + ", 0, width)
    if cut <= 0:
        return [fit(text, width)]
    return [text[: cut + 2], fit(CONTINUED + text[cut + 3:], width)]


def products(w: np.ndarray, x: np.ndarray, keep: int, width: int) -> str:
    """`w·x + w·x + …` for all terms if they fit in `width`, else the largest |w·x| (and term `keep`) and a count."""
    terms = [f"{factor(wi)}·{factor(xi)}" for wi, xi in zip(w.tolist(), x.tolist())]
    joined = " + ".join(terms)
    if len(joined) <= width:
        return joined
    order = [keep] + [t for t in np.argsort(-np.abs(w * x), kind="stable").tolist() if t != keep]
    chosen: list[int] = []
    for t in order:
        rest = len(terms) - len(chosen) - 1
        candidate = " + ".join(terms[c] for c in sorted(chosen + [t])) + f" + … {rest} more"
        if chosen and len(candidate) > width:
            break
        chosen.append(t)
    return " + ".join(terms[c] for c in sorted(chosen)) + f" + … {len(terms) - len(chosen)} more"


def sample_row(p: PhaseView) -> int:
    """The batch row whose per-sample numbers are written out: the traced sample's, else the first."""
    return p.traced_row if p.traced_row is not None else 0


def loss_formula(p: PhaseView, name: str) -> str:
    """The written-out sample's loss as the formula `name` computes it, with its numbers ("" when there is none)."""
    out = np.asarray(p.a[-1], np.float64)[sample_row(p)]
    y = np.asarray(p.y)[sample_row(p)]
    if name == "binary_cross_entropy":
        return f"−log p = −log {num(out[0])}" if int(y) == 1 else f"−log(1 − p) = −log(1 − {num(out[0])})"
    if name == "softmax_cross_entropy":
        return f"−log p[{int(y)}] = −log {num(out[int(y)])}"
    if name == "mse" and out.size == 1:
        return f"(ŷ − y)² = ({num(out[0])} − {factor(np.ravel(y)[0])})²"
    return ""


def sample_line(frame: Frame, phase: PhaseView, row: int) -> str:
    """The batch's sample `row`: its inputs and target, named as the data names them."""
    X, y = np.asarray(phase.X), np.asarray(phase.y)
    x, target, B = X[row], y[row], len(X)
    xs = f"({', '.join(num(v) for v in x)})" if len(x) <= MAX_FEATURES_SHOWN else f"({len(x)} values)"
    ys = num(target) if np.ndim(target) == 0 and y.dtype.kind == "f" else \
        str(int(target)) if np.ndim(target) == 0 else f"({', '.join(num(v) for v in np.ravel(target))})"
    x_name, y_name = "x", "y"
    if len(frame.input_names) == len(x) <= MAX_FEATURES_SHOWN:  # the data's names: (temperature, rain)
        x_name = f"({', '.join(short(name) for name in frame.input_names)})"
    if frame.output_name:
        y_name = short(frame.output_name)
    if frame.class_names and np.ndim(target) == 0 and y.dtype.kind != "f":
        ys += f" ({class_name(frame, int(target))})"
    if B == 1:
        return f"sample {x_name} = {xs} · target {y_name} = {ys}"
    return f"batch of {B}; sample {row + 1}: {x_name} = {xs} · {y_name} = {ys}"


class Readout:
    """The lines for one PhaseView and selection (plain text; the widget styles them)."""

    def __init__(self, frame: Frame, selection: Selection, width: int):
        self.frame, self.phase, self.width = frame, frame.phase, max(20, width)
        self.k, self.i, self.j, self.bias = selection.layer, selection.i, selection.j, selection.bias
        self.n = self.k + 1  # the layer the selected weight feeds (layer 0 is the inputs)
        self.L = len(self.phase.W)
        self.B = len(self.phase.X)
        self.row = sample_row(self.phase)
        self.input_name = "x" if self.k == 0 else f"a{self.k}"
        self.x_in = np.asarray(self.phase.X if self.k == 0 else self.phase.a[self.k - 1], np.float64)[self.row]
        self.output = self.k == self.L - 1

    # -- what the phase has reached -------------------------------------------

    def reached(self, phase: str) -> bool:
        return PHASES.index(self.phase.phase) >= PHASES.index(phase)

    def forward_done(self) -> bool:
        p = self.phase
        return p.phase != "forward" or p.done > self.k

    def blame_done(self) -> bool:
        p = self.phase
        return self.reached("update") or (p.phase == "backward" and p.done >= self.L - self.k)

    # -- lines ----------------------------------------------------------------

    def track(self) -> list[tuple[str, bool]]:
        """The four phase words, the current one marked (True)."""
        return [(word, word == self.phase.phase) for word in PHASES]

    def heading(self) -> str:
        p = self.phase
        where = f"layer {p.done}/{self.L} · " if p.phase in ("forward", "backward") else ""
        return f"  {where}step {p.step} · p: next"

    def z_line(self) -> str:
        k, n, j = self.k, self.n, self.j
        if not self.forward_done():
            return f"z{n}[{j}]: layer {n} is computed at forward {k + 1}/{self.L}"
        W, b = np.asarray(self.phase.W[k], np.float64), float(self.phase.b[k][j])
        z = float(self.phase.z[k][self.row, j])
        head = f"z{n}[{j}] = Σ w·{self.input_name} + b = "
        tail = f" + {factor(b)} = {num(z)}"
        # A long sum may take two lines; breaking at a `+` can leave up to one term's width unused on the first.
        room = 2 * self.width - len(head) - len(tail) - len(CONTINUED) - MAX_TERM
        return head + products(W[:, j], self.x_in, self.i, room) + tail

    def a_line(self) -> str:
        k, n, j = self.k, self.n, self.j
        if not self.forward_done():
            return f"a{n}[{j}]: after z"
        a = float(self.phase.a[k][self.row, j])
        if not self.output:
            return f"a{n}[{j}] = {self.frame.layers[k].activation}(z) = {num(a)}"
        link = {"binary_cross_entropy": "p = sigmoid(z)", "softmax_cross_entropy": f"p[{j}] = softmax(z)[{j}]"}
        return f"{link.get(self.frame.loss_name, 'ŷ = z')} = {num(a)}"

    def loss_line(self) -> str:
        if not self.reached("loss"):
            return "loss: after the forward pass reaches the output"
        per_sample = np.asarray(self.phase.per_sample_loss, np.float64)
        mean = float(per_sample.mean())
        own = float(per_sample[self.row])
        formula = loss_formula(self.phase, self.frame.loss_name)
        first = f"loss L = {formula} = {num(own)}" if formula else f"loss L = {num(own)}"
        if self.B > 1:
            first = f"loss per sample: {', '.join(num(v) for v in per_sample[:4])}{', …' if self.B > 4 else ''}"
        penalty = self.phase.loss - mean
        extra = f" + penalty {num(penalty)}" if abs(penalty) > PENALTY_SHOWN * max(1.0, abs(mean)) else ""
        return f"{first} · batch mean {num(mean)}{extra}"

    def blame_line(self) -> str:
        k, n, j = self.k, self.n, self.j
        if not self.blame_done():
            return f"dL/dz{n}[{j}]: the blame reaches layer {n} at backward {self.L - k}/{self.L}"
        p = self.phase
        blame = float(p.blame[k][self.row, j])
        if self.output:
            out = float(np.asarray(p.a[k], np.float64)[self.row, j])
            y = np.asarray(p.y)[self.row]
            if self.frame.loss_name == "mse":
                n = self.B * np.asarray(p.a[k]).shape[1]
                formula = f"2(ŷ − y)/{n} = 2·({num(out)} − {factor(np.ravel(y)[j])})/{n}"
            else:
                target = float(int(y) == j) if self.frame.loss_name == "softmax_cross_entropy" else float(y)
                formula = f"(p − y)/{self.B} = ({num(out)} − {num(target)})/{self.B}"
            return f"dL/dz{n}[{j}] = {formula} = {num(blame)}{self.of_sample()}"
        back = float(np.dot(np.asarray(p.W[k + 1], np.float64)[j], np.asarray(p.blame[k + 1], np.float64)[self.row]))
        derivative = self.frame.layers[k].derivative  # f'(z), e.g. "1 − a²"
        slope = float(p.slope[k][self.row, j])
        return (f"dL/dz{n}[{j}] = {factor_text(derivative)}·Σ W{k + 1}[{j},·]·dL/dz{n + 1} = "
                f"{num(slope)}·{factor(back)} = {num(blame)}{self.of_sample()}")

    def of_sample(self) -> str:
        return f" (sample {self.row + 1})" if self.B > 1 else ""

    def dw_line(self) -> str:
        k, i, j = self.k, self.i, self.j
        name = f"dL/db{k}[{j}]" if self.bias else f"dL/dW{k}[{i},{j}]"
        if not self.blame_done():
            return f"{name}: with the blame"
        if self.bias:  # b[j] adds to z[j] with slope 1: its gradient is the blame, summed over the batch
            return f"{name} = Σ over the batch of dL/dz{self.n}[{j}] = {num(float(self.phase.db[k][j]))}"
        dW = float(self.phase.dW[k][i, j])
        if self.B == 1:
            blame = float(self.phase.blame[k][self.row, j])
            return (f"{name} = dL/dz{self.n}[{j}]·{self.input_name}[{i}] = {factor(blame)}·{factor(self.x_in[i])}"
                    f" = {num(dW)}")
        return f"{name} = Σ over the batch of dL/dz{self.n}[{j}]·{self.input_name}[{i}] = {num(dW)}"

    def update_line(self) -> str:
        k, i, j = self.k, self.i, self.j
        name, letter = (f"Δb{k}[{j}]", "b") if self.bias else (f"ΔW{k}[{i},{j}]", "W")
        p = self.phase
        if not self.reached("update") or p.delta_W is None:
            return f"{name}: at update"
        delta = float(p.delta_b[k][j] if self.bias else p.delta_W[k][i, j])
        before = float(p.b[k][j] if self.bias else p.W[k][i, j])
        grad = float(p.db[k][j] if self.bias else p.dW[k][i, j])
        moved = f" · {letter} {num(before, WEIGHT_DIGITS)} → {num(before + delta, WEIGHT_DIGITS)}"
        optimizer = self.frame.optimizer
        if optimizer == "sgd":
            return f"{name} = −lr·dL/d{letter} = −{num(p.lr)}·{factor(grad)} = {num(delta)}{moved}"
        return f"{name} = {num(delta)} ({optimizer}'s step, not −lr·dL/d{letter}){moved}"

    def lines(self) -> list[tuple[str, bool]]:
        """(text, known) for every line after the track, cut to the width."""
        rows = [
            *(((self.phase.traced_note, True),) if self.phase.traced_note else ()),
            (sample_line(self.frame, self.phase, self.row), True),
            *((line, self.forward_done()) for line in wrap_sum(self.z_line(), self.width)),
            (self.a_line(), self.forward_done()),
            (self.loss_line(), self.reached("loss")),
            (self.blame_line(), self.blame_done()),
            (self.dw_line(), self.blame_done()),
            (self.update_line(), self.reached("update")),
        ]
        return [(fit(text, self.width), known) for text, known in rows]


class StepReadout(Static):
    """The numbers of the step being taken apart (shown only while there is one)."""

    DEFAULT_CSS = "StepReadout { height: auto; padding: 0 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._shown: tuple[Frame, Selection] | None = None

    def show(self, frame: Frame, selection: Selection) -> None:
        self.display = frame.phase is not None
        self._shown = (frame, selection)
        if frame.phase is not None:
            self._render_readout(frame, selection)

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[0].phase is not None:
            self._render_readout(*self._shown)

    def _render_readout(self, frame: Frame, selection: Selection) -> None:
        readout = Readout(frame, selection, self.content_size.width or 78)
        text = Text()
        for n, (word, current) in enumerate(readout.track()):
            if n:
                text.append(ARROW, style="dim")
            text.append(f" {word.upper()} " if current else word, style="bold reverse" if current else "dim")
        text.append(readout.heading(), style="bold")
        for line, known in readout.lines():
            text.append("\n" + line, style="" if known else "dim")
        self.update(text)
