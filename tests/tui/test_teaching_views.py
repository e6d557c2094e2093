"""The teaching views on screen: the Step readout, the phase-aware Network pane, the downhill view, the hinges."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from frames import make_frame
from pilot_helpers import pane_line, text_of, wait_for

from nntui.config import RunConfig
from nntui.nn.activations import ACTIVATIONS
from nntui.nn.gradcheck import numeric_grad
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.phasepaint import HOT_EDGES, network_paint
from nntui.tui.selection import Selection
from nntui.tui.widgets.data import CurvePlot, hinge_caption
from nntui.tui.widgets.downhill import DownhillPlot, tangent
from nntui.tui.widgets.loss import LossPane
from nntui.tui.widgets.network import NetworkPane
from nntui.tui.widgets.phase import Readout, StepReadout, factor, factor_text, num, products, wrap_sum

XOR_RUN = dict(dataset="xor", hidden=(4,), batch_size=1, activation="tanh")


def loop_after(xor, presses: int, **overrides) -> TrainerLoop:
    loop = TrainerLoop(RunConfig(**{**XOR_RUN, **overrides}), dataset=xor, paused=True)
    for _ in range(presses):
        loop.apply(cmd.PhaseStep())
    return loop


def value(line: str) -> float:
    """The number after the last `=` of a readout line."""
    return float(line.rsplit("= ", 1)[1].split()[0].replace("−", "-"))


def readout_lines(loop: TrainerLoop, view: Selection, width: int = 78) -> list[str]:
    return [text for text, _ in Readout(loop.make_frame(), view, width).lines()]


# -- the readout's numbers -------------------------------------------------------


def test_num_writes_three_significant_digits_with_a_true_minus():
    assert [num(0.5), num(-0.0319), num(1.0), num(-1.2e-5), num(0.0)] == ["0.500", "−0.0319", "1.00", "−1.20e-05", "0"]


def test_a_derivative_is_written_as_a_factor_in_parentheses_only_when_it_is_a_sum_or_a_choice():
    written = {name: factor_text(f.derivative) for name, f in ACTIVATIONS.items()}
    assert written == {"relu": "(1 if z > 0 else 0)", "leaky_relu": "(1 if z > 0 else 0.01)", "sigmoid": "a·(1 − a)",
                       "tanh": "(1 − a²)", "linear": "1"}


def test_a_long_sum_keeps_the_selected_term_and_the_largest_ones_and_counts_the_rest():
    w = np.array([0.1, -0.2, 0.3, 0.05, 2.0, -1.5, 0.0, 0.4] * 16)  # 128 inputs
    x = np.array([1.0, 0.5, -1.0, 2.0, 1.0, 1.0, 3.0, 0.25] * 16)
    text = products(w, x, keep=6, width=70)
    shown, rest = text.split(" + … ")
    terms = shown.split(" + ")
    assert len(text) <= 70 and rest.endswith(" more")
    assert len(terms) + int(rest.split()[0]) == 128
    assert "0·3.00" in terms  # the selected input's term, though it adds nothing
    assert sum(t == "2.00·1.00" for t in terms) == len(terms) - 1  # the rest are the largest |w·x| (2.0·1.0)
    assert products(w[:2], x[:2], keep=0, width=70) == "0.100·1.00 + (−0.200)·0.500"
    first, second = wrap_sum("z = " + " + ".join(["0.100·1.00"] * 12) + " = 1.20", 60)
    assert len(first) <= 60 and first.endswith(" +") and second.startswith("    0.100·1.00")


@pytest.mark.parametrize("k,i,j", [(0, 1, 2), (1, 3, 0)])
def test_readout_prints_the_engines_blame_and_dW_which_are_the_central_differences(xor, k, i, j):
    loop = loop_after(xor, 5, dtype="float64")  # backward 2/2: every gradient known
    phase, net = loop.phase, loop.trainer.net
    lines = readout_lines(loop, Selection(layer=k, i=i, j=j))
    blame_line = next(line for line in lines if line.startswith(f"dL/dz{k + 1}[{j}] = "))
    dw_line = next(line for line in lines if line.startswith(f"dL/dW{k}[{i},{j}] = "))
    X, y = np.array(phase.X), np.array(phase.y)
    layer = net.layers[k]
    numeric_dW = numeric_grad(lambda: net.loss_value(X, y), layer.W[i, j:j + 1])[0]
    numeric_blame = numeric_grad(lambda: net.loss_value(X, y), layer.b[j:j + 1])[0]  # batch of 1: dL/dz = dL/db
    assert blame_line.endswith(f"= {num(phase.blame[k][0, j])}") and dw_line.endswith(f"= {num(phase.dW[k][i, j])}")
    assert value(blame_line) == pytest.approx(numeric_blame, rel=5e-3)
    assert value(dw_line) == pytest.approx(numeric_dW, rel=5e-3)
    x_in = phase.X[0] if k == 0 else phase.a[k - 1][0]
    assert f" = {factor(phase.blame[k][0, j])}·{factor(x_in[i])} = " in dw_line  # blame · a_in
    if k == 0:  # a hidden tanh layer: f'(z) as tanh writes it, and its value
        slope = phase.slope[0][0, j]
        assert blame_line.startswith(f"dL/dz1[{j}] = (1 − a²)·Σ W1[{j},·]·dL/dz2 = {num(slope)}·")
        assert float(slope) == pytest.approx(1 - np.tanh(phase.z[0][0, j]) ** 2, rel=1e-9)


def test_readout_writes_z_as_the_sum_it_is_and_a_as_the_activation_of_it(xor):
    loop = loop_after(xor, 1)  # forward 1/2
    p = loop.phase
    lines = readout_lines(loop, Selection(layer=0, i=1, j=2))
    W, b, x = p.W[0], p.b[0], p.X[0]
    z_line, a_line = lines[1], lines[2]
    assert z_line == f"z1[2] = Σ w·x + b = {factor(W[0, 2])}·{factor(x[0])} + {factor(W[1, 2])}·{factor(x[1])}" \
                     f" + {factor(b[2])} = {num(p.z[0][0, 2])}"
    assert float(p.z[0][0, 2]) == pytest.approx(W[0, 2] * x[0] + W[1, 2] * x[1] + b[2], rel=1e-6)
    assert a_line == f"a1[2] = tanh(z) = {num(np.tanh(p.z[0][0, 2]))}"
    label = ("same sign", "opposite sign")[int(p.y[0])]
    assert lines[0] == f"sample (x1, x2) = ({num(x[0])}, {num(x[1])}) · target opposite sign? = {int(p.y[0])} ({label})"
    assert readout_lines(loop, Selection(layer=1, i=0, j=0))[1] == "z2[0]: layer 2 is computed at forward 2/2"


def test_readout_shows_each_line_only_once_its_phase_has_computed_it(xor):
    loop = TrainerLoop(RunConfig(**XOR_RUN, optimizer="sgd", lr=0.1), dataset=xor, paused=True)
    view = Selection(layer=0, i=1, j=2)
    known = []
    for _ in range(6):
        loop.apply(cmd.PhaseStep())
        known.append([k for _, k in Readout(loop.make_frame(), view, 78).lines()])
    #            sample  z     a     loss   blame  dW     ΔW
    assert known == [
        [True, True, True, False, False, False, False],  # forward 1/2
        [True, True, True, False, False, False, False],  # forward 2/2
        [True, True, True, True, False, False, False],  # loss
        [True, True, True, True, False, False, False],  # backward 1/2: layer 0 not reached yet
        [True, True, True, True, True, True, False],  # backward 2/2
        [True, True, True, True, True, True, True],  # update
    ]
    p = loop.phase
    update = readout_lines(loop, view)[-1]
    delta = float(p.delta_W[0][1, 2])
    assert update.startswith("ΔW0[1,2] = −lr·dL/dW = −0.100·") and value(update.split(" · W")[0]) == \
        pytest.approx(-0.1 * p.dW[0][1, 2], rel=5e-3)
    assert update.split(" = ")[-1].startswith(num(delta))


def test_loss_line_gives_the_formula_for_the_sample_and_the_batch_mean(xor):
    loop = loop_after(xor, 3)
    p = loop.phase
    line = readout_lines(loop, Selection())[3]
    label, prob = int(p.y[0]), float(p.a[-1][0, 0])
    formula = f"−log p = −log {num(prob)}" if label == 1 else f"−log(1 − p) = −log(1 − {num(prob)})"
    loss = float(p.per_sample_loss[0])
    assert line == f"loss L = {formula} = {num(loss)} · batch mean {num(loss)}"
    assert loss == pytest.approx(-np.log(prob if label == 1 else 1 - prob), rel=1e-5)


# -- the Network pane during a phase step ----------------------------------------


def test_network_paint_lights_layers_left_to_right_then_blames_right_to_left(xor):
    loop = TrainerLoop(RunConfig(**XOR_RUN), dataset=xor, paused=True)
    seen = []
    for _ in range(6):
        loop.apply(cmd.PhaseStep())
        paint = network_paint(loop.make_frame())
        seen.append((paint.title, paint.lit, paint.edges_lit))
    assert seen == [
        ("Network · FORWARD 1/2", [True, True, False], [True, False]),
        ("Network · FORWARD 2/2", [True, True, True], [True, True]),
        ("Network · LOSS", [True, True, True], [True, True]),
        ("Network · BACKWARD 1/2", [False, False, True], [False, True]),
        ("Network · BACKWARD 2/2", [False, True, True], [True, True]),
        ("Network · UPDATE", [False, True, True], [True, True]),
    ]


def test_backward_edges_are_dW_and_update_edges_are_the_weight_changes(xor):
    loop = loop_after(xor, 5)
    p = loop.phase
    paint = network_paint(loop.make_frame())
    assert paint.hot == HOT_EDGES
    assert all(np.array_equal(e, dW) for e, dW in zip(paint.edges, p.dW))
    assert np.array_equal(paint.values[2], p.db[1])  # the output neuron shows its blame
    loop.apply(cmd.PhaseStep())
    paint = network_paint(loop.make_frame())
    assert all(np.array_equal(e, d) for e, d in zip(paint.edges, loop.phase.delta_W))


# -- pilot: the keys -------------------------------------------------------------


async def test_p_sends_phase_steps_and_shows_the_network_pane_on_small_terminals(fake_app):
    app, loop = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab")
        assert app.pane == "loss"
        await pilot.press("p", "p")
        assert app.pane == "network"
    assert loop.commands[:2] == [cmd.PhaseStep(), cmd.PhaseStep()]


async def test_g_toggles_the_downhill_view_which_follows_the_selection(fake_app):
    app, loop = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        assert app.selection.downhill and app.pane == "loss"  # one pane at a time: g shows the Loss pane
        pane = app.query_one(LossPane)
        assert pane.border_title == "Downhill" and pane.query_one(DownhillPlot).display
        assert "downhill view: waiting for the trainer" in str(pane.query_one("#loss-caption").render())
        await pilot.press("right", "plus")
        await pilot.press("g")
        assert pane.border_title == "Loss" and not pane.query_one(DownhillPlot).display
        await pilot.press("right")
    assert loop.commands == [cmd.Downhill(0, 0, 0), cmd.Downhill(0, 0, 1), cmd.Nudge(0, 0, 1, 0.1), cmd.Downhill(None)]


async def test_p_steps_through_the_phases_on_screen_with_the_real_trainer(xor):
    config = RunConfig(**XOR_RUN, optimizer="sgd", lr=0.1)
    app = make_app(config, TrainerLoop(config, dataset=xor, paused=True))
    async with app.run_test(size=(80, 24)) as pilot:
        readout = app.query_one(StepReadout)
        assert not readout.display
        words = []
        for _ in range(6):
            seq = app.frame.seq
            await pilot.press("p")
            await wait_for(pilot, lambda: app.frame.seq > seq and app.frame.phase is not None)
            await pilot.pause()
            words.append((app.frame.phase.phase, app.frame.step))
            assert f"step {app.frame.phase.step}: {app.frame.phase.phase} phase" in text_of(app, "#event")
            text = str(readout.render())
            assert f" {app.frame.phase.phase.upper()} " in text
        assert words == [("forward", 0), ("forward", 0), ("loss", 0), ("backward", 0), ("backward", 0), ("update", 1)]
        p = app.frame.phase
        assert readout.display and f"= {num(p.dW[0][0, 0])}" in text and "ΔW0[0,0] = −lr·dL/dW = −0.100·" in text
        assert app.query_one(NetworkPane).border_title == "Network · UPDATE"
        assert "in 2" in pane_line(app.query_one(NetworkPane), app.query_one(NetworkPane).size.height - 1)
        await pilot.press("space")  # running again: the step readout goes away
        await wait_for(pilot, lambda: app.frame.phase is None)
        await pilot.pause()
        assert not readout.display


async def test_downhill_view_with_the_real_trainer_moves_the_point_when_nudged(xor):
    config = RunConfig(**XOR_RUN)
    app = make_app(config, TrainerLoop(config, dataset=xor, paused=True))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("g")
        await wait_for(pilot, lambda: app.frame.downhill is not None)
        first = app.frame.downhill
        await pilot.press("plus")
        await wait_for(pilot, lambda: app.frame.downhill is not first and app.frame.nudge is not None)
        moved = app.frame.downhill
        await pilot.pause()
        caption = str(app.query_one(LossPane).query_one("#loss-caption").render())
    assert moved.w == pytest.approx(first.w + 0.1, abs=1e-6) and np.array_equal(moved.ws, first.ws)
    assert caption.startswith(f"probe slope {moved.slope:+.3g} · batch {moved.batch_slope:+.3g} · "
                              f"W0[0,0] = {moved.w:.4f}")  # (W0[x1 → n0] does not fit beside the rest)
    (x0, x1), (y0, y1) = tangent(moved)
    assert (y1 - y0) / (x1 - x0) == pytest.approx(moved.slope, rel=1e-9) and (x0 + x1) / 2 == pytest.approx(moved.w)


# -- hinges ----------------------------------------------------------------------


async def test_the_sine_plot_says_the_fit_is_a_sum_of_hinges(sine_app):
    app = sine_app
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        drawn = app.query_one(CurvePlot).render().plain
    assert app.frame.data_view.output_bias > 0
    caption = f"fit = Σ 16 hinges (grey) + {app.frame.data_view.output_bias:.2f} · ◆ bends"
    assert hinge_caption(app.frame) == caption and caption in drawn.splitlines()[0]
    assert hinge_caption(app.frame, width=40) == f"fit = Σ 16 hinges (grey) + {app.frame.data_view.output_bias:.2f}"
    negative = replace(app.frame, data_view=replace(app.frame.data_view, output_bias=-0.24))
    assert hinge_caption(negative) == "fit = Σ 16 hinges (grey) − 0.24 · ◆ bends"


def test_hinge_caption_says_so_for_deeper_and_flat_nets():
    frame = make_frame("sine")
    assert hinge_caption(frame).startswith("fit = Σ 16 hinges (grey)")
    deeper = replace(frame, layer_sizes=(1, 8, 8, 1))
    assert hinge_caption(deeper) == "2 hidden layers: hinges shown for 1 hidden layer only"
    assert hinge_caption(replace(frame, layer_sizes=(1, 1))) == "no hidden layer: a straight line"
    tanh_layer = replace(frame.layers[0], activation="tanh", **ACTIVATIONS["tanh"].traits)
    tanh = replace(frame, layers=(tanh_layer, frame.layers[1]))
    assert hinge_caption(tanh).startswith("fit = Σ 16 tanh units (grey)")


@pytest.fixture
def sine_app():
    return make_app(RunConfig(dataset="sine"), frame=make_frame("sine"))
