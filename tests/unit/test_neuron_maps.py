"""What each neuron computes: its map over the input plane, its formula, the hinge of the selected unit (1-D).

Each is checked against an independent computation: a NumPy forward pass of
the frame's own weights over a grid built here, the frame's W and b, and a
hinge rebuilt from the weights.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run.frame import BoundaryView
from nntui.training.data_views import GRID
from nntui.training.loop import TrainerLoop
from nntui.tui.hinges import hinge_bend, plot_chosen_hinge, selected_hinge
from nntui.tui.neuron_maps import NOT_RECORDED, formula, maps_note, selected_neuron, shown_neuron
from nntui.tui.selection import Selection


def trained_frame(dataset: str, hidden: tuple[int, ...], steps: int = 150):
    config = RunConfig(dataset=dataset, hidden=hidden)
    loop = TrainerLoop(config, dataset=load_dataset(dataset, seed=0), paused=True)
    loop.trainer.train_steps(steps)
    return loop, loop.make_frame()


@pytest.fixture(scope="module")
def moons():
    return trained_frame("moons", (8, 5))


def test_every_hidden_neurons_map_is_its_activation_from_an_independent_forward_pass(moons):
    loop, frame = moons
    v = frame.data_view
    assert isinstance(v, BoundaryView) and len(v.neuron_maps) == 2
    (x0, x1), (y0, y1) = loop.trainer.dataset.x_bounds()[:2]
    assert v.x_range == (float(x0), float(x1)) and v.y_range == (float(y0), float(y1))
    xs, ys = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
    a = np.array([[x, y] for y in ys for x in xs], np.float64)  # row-major: grid row = y, column = x
    for number, layer in enumerate(frame.layers[:-1], start=1):
        a = np.maximum(a @ np.asarray(layer.W, np.float64) + np.asarray(layer.b, np.float64), 0.0)  # relu
        maps = v.neuron_maps[number - 1]
        assert maps.shape == (GRID, GRID, layer.W.shape[1]) and not maps.flags.writeable
        np.testing.assert_allclose(maps.reshape(-1, maps.shape[2]), a, rtol=1e-4, atol=1e-5)
    out = frame.layers[-1]
    p = 1 / (1 + np.exp(-(a @ np.asarray(out.W, np.float64) + np.asarray(out.b, np.float64))))  # one sigmoid unit
    agree = (v.grid_class.ravel() == (p[:, 0] > 0.5)).mean()
    assert agree > 0.999  # the boundary comes from the same pass (a tie at p = 0.5 may round either way)


TERM = re.compile(r"(^|[+−(]) ?(−?)(\d+\.\d+)·(x\d|a\d\[\d+\])")


def terms_of(text: str) -> dict[str, float]:
    """name → signed weight, read back from a formula's text."""
    inner = text[text.index("(") :]
    found = {}
    for sep, minus, value, name in TERM.findall(inner):
        sign = -1 if (minus or sep == "−") else 1
        found[name] = sign * float(value)
    return found


def bias_of(text: str) -> float:
    sign, value = re.search(r"([+−]) (\d+\.\d+)\)$", text).groups()
    return (-1 if sign == "−" else 1) * float(value)


def test_a_first_layer_formula_writes_the_frames_weights_and_bias(moons):
    _, frame = moons
    layer = frame.layers[0]
    for j in range(layer.W.shape[1]):
        text = formula(frame, 1, j)
        assert text.startswith(f"a1[{j}] = relu(")
        found = terms_of(text)
        assert list(found) == ["x1", "x2"]
        for i, name in enumerate(("x1", "x2")):
            assert found[name] == pytest.approx(float(layer.W[i, j]), abs=0.005)
        assert bias_of(text) == pytest.approx(float(layer.b[j]), abs=0.005)


def test_a_deeper_formula_keeps_its_largest_terms_in_order_and_says_the_rest_are_left_out(moons):
    _, frame = moons
    layer = frame.layers[1]  # 8 inputs: more than the 6 terms shown
    for j in range(layer.W.shape[1]):
        text = formula(frame, 2, j)
        w = np.asarray(layer.W[:, j], np.float64)
        largest = sorted(np.argsort(-np.abs(w), kind="stable")[:6].tolist())
        found = terms_of(text)
        assert list(found) == [f"a1[{i}]" for i in largest]
        for i in largest:
            assert found[f"a1[{i}]"] == pytest.approx(w[i], abs=0.005)
        assert "+ … " in text and bias_of(text) == pytest.approx(float(layer.b[j]), abs=0.005)
    assert formula(frame, 2, 0, terms=8).count("·") == 8 and "…" not in formula(frame, 2, 0, terms=8)


def test_the_selected_neuron_is_the_selected_weights_output_when_it_is_hidden(moons):
    _, frame = moons  # 2-8-5-1: W0 feeds L1, W1 feeds L2, W2 feeds the output
    assert selected_neuron(frame, Selection(layer=0, i=1, j=6)) == (1, 6)
    assert selected_neuron(frame, Selection(layer=1, i=7, j=4)) == (2, 4)
    assert selected_neuron(frame, Selection(layer=2, i=3, j=0)) is None  # the output: its map is the boundary
    assert shown_neuron(frame, Selection(layer=0, j=6)) is None  # the Data pane shows it only with m on
    assert shown_neuron(frame, Selection(layer=0, j=6, neuron_maps=True)) == (1, 6)


def test_a_source_without_maps_says_they_are_not_recorded(moons):
    from dataclasses import replace

    _, frame = moons
    bare = replace(frame, data_view=replace(frame.data_view, neuron_maps=()))
    assert maps_note(bare) == NOT_RECORDED == "neuron maps are not recorded in this run"
    assert shown_neuron(bare, Selection(neuron_maps=True)) is None
    assert maps_note(frame) is None


class RecordingPlot:
    """Stands in for plotext's plt: remembers each series plotted."""

    def __init__(self):
        self.series = []

    def plot(self, x, y, **kw):
        self.series.append((np.asarray(x), np.asarray(y), kw))


def test_the_hinge_drawn_bright_is_row_j_rebuilt_from_the_weights():
    _, frame = trained_frame("sine", (16,), steps=200)
    v = frame.data_view
    first, out = frame.layers
    assert selected_hinge(frame, Selection(layer=0, j=5)) == 5  # W0[0,5] feeds unit 5
    assert selected_hinge(frame, Selection(layer=1, i=7, j=0)) == 7  # W1[7,0] carries unit 7's activation
    x = np.asarray(v.x, np.float64)
    for j in (5, 7):
        plt = RecordingPlot()
        plot_chosen_hinge(plt, frame, j, (255, 255, 0), dot=0.01)
        rebuilt = np.maximum(x * float(first.W[0, j]) + float(first.b[j]), 0) * float(out.W[j, 0])
        np.testing.assert_allclose(plt.series[0][1], rebuilt, rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(plt.series[1][1], rebuilt + 0.01, rtol=1e-4, atol=1e-5)  # the second dot row
        assert plt.series[0][2]["label"].startswith(f"L1 n{j}")
        bend = -float(first.b[j]) / float(first.W[0, j])
        assert hinge_bend(frame, j) == (pytest.approx(bend) if x.min() <= bend <= x.max() else None)


def test_deeper_nets_and_other_data_have_no_hinge_to_select(moons):
    _, frame = moons
    assert selected_hinge(frame, Selection()) is None
    _, deep = trained_frame("sine", (4, 4), steps=5)
    assert selected_hinge(deep, Selection()) is None  # hinges exist for one hidden layer only
