"""End to end: the app driving the real TrainerLoop in its worker thread (small XOR run)."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import pane_line, text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run.frame import PAUSED, RUNNING
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.cli.screenshot import trained_frame
from nntui.tui.screenshot import render_screenshot
from nntui.tui.widgets.weights import WeightsPane

SIZE = (120, 40)


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor", seed=0)


def paused_app(xor, **overrides):
    config = RunConfig(dataset="xor", **overrides)
    return make_app(config, TrainerLoop(config, dataset=xor, paused=True))


async def test_n_while_paused_moves_step_by_exactly_one(xor):
    app = paused_app(xor)
    async with app.run_test(size=SIZE) as pilot:
        assert (app.frame.step, app.frame.state) == (0, PAUSED)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 1)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 2)
        await pilot.pause(0.2)
        assert (app.frame.step, app.frame.state) == (2, PAUSED)
        assert "step 2" in text_of(app, "#stats")


async def test_plus_nudges_exactly_one_weight_by_delta_and_u_undoes_it(xor):
    app = paused_app(xor)  # xor: 2-4-1
    async with app.run_test(size=SIZE) as pilot:
        before = np.array(app.frame.layers[0].W)
        await pilot.press("down", "right", "right", "greater_than_sign", "plus")  # W0[1,2] by +0.2
        await wait_for(pilot, lambda: app.frame.nudge is not None)
        after = np.array(app.frame.layers[0].W)
        changed = np.argwhere(after != before)
        assert changed.tolist() == [[1, 2]]
        assert after[1, 2] - before[1, 2] == pytest.approx(0.2, abs=1e-6)
        nudge = app.frame.nudge
        assert (nudge.layer, nudge.i, nudge.j) == (0, 1, 2)
        assert f"W0[x2 → n2] = {after[1, 2]:.4f}" in pane_line(app.query_one(WeightsPane), 0)
        assert f"probe-batch loss {nudge.loss_before:.4f} → {nudge.loss_after:.4f}" in text_of(app, "#event")
        await pilot.press("u")
        await wait_for(pilot, lambda: np.array_equal(np.array(app.frame.layers[0].W), before))


async def test_space_runs_and_pauses_training(xor):
    app = paused_app(xor, speed=0.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await wait_for(pilot, lambda: app.frame.state == RUNNING and app.frame.step > 0)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.frame.state == PAUSED)
        step = app.frame.step
        await pilot.pause(0.3)
        assert app.frame.step == step


async def test_make_app_drives_the_paused_trainer_loop_it_is_given():
    config = RunConfig(dataset="xor")
    app = make_app(config, TrainerLoop(config, paused=True))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.source, TrainerLoop) and app.frame.state == PAUSED
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 1)


def test_render_screenshot_writes_the_trained_state(tmp_path):
    config = RunConfig(dataset="xor")
    path = render_screenshot(config, trained_frame(config, 12), size=(80, 24), path=tmp_path / "shots" / "xor.svg")
    svg = path.read_text()
    assert path == tmp_path / "shots" / "xor.svg" and svg.startswith("<svg")
    assert "step&#160;12" in svg and "paused" in svg


async def test_comma_and_full_stop_halve_and_double_the_real_learning_rate(xor):
    app = paused_app(xor, lr=0.1, optimizer="sgd")
    async with app.run_test(size=SIZE) as pilot:
        assert app.frame.lr == pytest.approx(0.1)
        await pilot.press("comma")
        await wait_for(pilot, lambda: app.frame.lr == pytest.approx(0.05))
        await pilot.press("full_stop", "full_stop")
        await wait_for(pilot, lambda: app.frame.lr == pytest.approx(0.2))
        assert app.source.trainer.opt.lr == pytest.approx(0.2) and "lr 0.2" in text_of(app, "#stats")


async def test_r_gives_new_weights_of_the_same_shapes_and_brackets_move_the_layer(xor):
    app = paused_app(xor, hidden=(4, 3))  # 2-4-3-1
    async with app.run_test(size=SIZE) as pilot:
        before = [np.array(layer.W) for layer in app.frame.layers]
        await pilot.press("r")
        await wait_for(pilot, lambda: not np.array_equal(np.array(app.frame.layers[0].W), before[0]))
        after = [np.array(layer.W) for layer in app.frame.layers]
        assert [W.shape for W in after] == [(2, 4), (4, 3), (3, 1)] == [W.shape for W in before]
        assert all(not np.array_equal(a, b) for a, b in zip(after, before))
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.selection.layer == 2
        assert pane_line(app.query_one(WeightsPane), 0).startswith("W2[n0 → opposite sign?]")  # W2[0,0]
        await pilot.press("left_square_bracket")
        assert app.selection.layer == 1


async def test_e_trains_exactly_to_the_end_of_the_epoch_and_pauses(xor):
    app = paused_app(xor, batch_size=10)
    async with app.run_test(size=SIZE) as pilot:
        per_epoch = app.source.trainer.steps_per_epoch
        await pilot.press("e")
        await wait_for(pilot, lambda: app.frame.epoch == 1, tries=3000)
        await pilot.pause(0.2)
        assert (app.frame.step, app.frame.epoch, app.frame.state) == (per_epoch, 1, PAUSED)


async def test_steps_flag_pauses_the_app_at_exactly_that_step_and_space_trains_on(xor):
    config = RunConfig(dataset="xor", steps=5, speed=0.0)
    app = make_app(config, TrainerLoop(config, dataset=xor))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.frame.state == PAUSED and app.frame.step == 5, tries=3000)
        await pilot.pause(0.2)
        assert app.frame.step == 5 and "reached step 5 (epoch 0) as asked" in text_of(app, "#event")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.frame.step > 5)


def test_steps_zero_and_epochs_set_where_the_loop_stops(xor):
    assert TrainerLoop(RunConfig(dataset="xor", steps=0), dataset=xor).state == PAUSED
    loop = TrainerLoop(RunConfig(dataset="xor", epochs=2, batch_size=10), dataset=xor)
    assert loop.state == RUNNING and loop.stop_at == 2 * loop.trainer.steps_per_epoch
    assert TrainerLoop(RunConfig(dataset="xor"), dataset=xor).stop_at is None
