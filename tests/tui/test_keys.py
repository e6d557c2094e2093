"""Keys send the right commands to the trainer, and move only the UI's own state (pilot tests, fake loop)."""

from __future__ import annotations

import pytest
from pilot_helpers import pane_line

from nntui.run import commands as cmd
from nntui.tui.keys import KEYMAP, LESSONS
from nntui.tui.screens.help import HelpScreen
from nntui.tui.widgets.loss import LossPane
from nntui.tui.widgets.weights import WeightsPane

SIZE = (160, 48)


async def test_n_steps_once_and_space_toggles_pause(fake_app):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("space")
        await pilot.press("e")
    assert loop.commands[:3] == [cmd.Step(1), cmd.TogglePause(), cmd.StepEpoch()]


async def test_plus_and_minus_nudge_the_selected_weight_by_delta(fake_app):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "l", "down")
        await pilot.press("plus", "minus")
        await pilot.press("greater_than_sign", "plus")
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign", "plus")
    assert loop.commands[:4] == [
        cmd.Nudge(0, 1, 2, 0.1), cmd.Nudge(0, 1, 2, -0.1), cmd.Nudge(0, 1, 2, 0.2), cmd.Nudge(0, 1, 2, 0.025),
    ]


async def test_zero_undo_lr_activation_reset_save(fake_app):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "0", "u", "comma", "full_stop", "a", "r", "s")
    assert loop.commands[:7] == [
        cmd.SetWeight(0, 0, 1, 0.0), cmd.UndoNudge(), cmd.ScaleLR(0.5), cmd.ScaleLR(2.0),
        cmd.CycleActivation(), cmd.Reset(), cmd.Save(),
    ]


async def test_brackets_change_the_layer_and_clamp_the_selection(fake_app):
    app, loop = fake_app  # spiral: W0 2x16, W1 16x16, W2 16x3
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * 20)
        assert (app.selection.layer, app.selection.i, app.selection.j) == (0, 0, 15)
        await pilot.press("right_square_bracket")
        assert (app.selection.layer, app.selection.j) == (1, 15)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert (app.selection.layer, app.selection.j) == (2, 2)
        await pilot.press(*["left_square_bracket"] * 5)
        assert app.selection.layer == 0
    assert loop.commands == []  # selecting never talks to the trainer


async def test_cursor_moves_clamp_and_the_weights_pane_shows_the_value(fake_app, spiral_frame):
    app, _ = fake_app
    W = spiral_frame.layers[1].W
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "down", "j", "j", "l", "right", "up", "k", "k", "left", "h", "h")
        assert (app.selection.i, app.selection.j) == (0, 0)  # k/h past the edge stay at 0
        await pilot.press("j", "j", "j", "l", "l")
        await pilot.pause()
        header = pane_line(app.query_one(WeightsPane), 0)
    assert (app.selection.layer, app.selection.i, app.selection.j) == (1, 3, 2)
    assert f"W1[3,2] = {W[3, 2]:.4f}" in header and "δ = 0.1" in header


async def test_L_toggles_the_loss_chart_scale(fake_app):
    app, _ = fake_app
    async with app.run_test(size=SIZE) as pilot:
        caption = app.query_one(LossPane).query_one("#loss-caption")
        assert "linear (L)" in str(caption.render())
        await pilot.press("L")
        assert app.selection.log_scale and "log (L)" in str(caption.render())
        await pilot.press("L")
        assert not app.selection.log_scale


async def test_question_mark_lists_every_key_and_closes(fake_app):
    app, _ = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help Static").render())
        for spec in KEYMAP:
            assert f"  {spec.label} " in text and spec.help in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_q_and_ctrl_c_stop_the_trainer_and_exit(fake_app, key):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
    assert app.return_code == 0
    assert loop.commands[-1] == cmd.Stop() and loop.finished.wait(5)


async def test_every_key_is_a_palette_command(fake_app):
    app, _ = fake_app
    async with app.run_test(size=SIZE):
        titles = {c.title for c in app.get_system_commands(app.screen)}
    for spec in KEYMAP:
        command = spec.help[0].upper() + spec.help[1:]
        if spec.section == LESSONS or spec.skips:  # keys of `nntui learn`, and the replay keys of `nntui watch`
            assert command not in titles
        elif spec.action != "quit":
            assert command in titles
    assert "Quit" in titles


@pytest.mark.parametrize("key", ["tab", "shift+tab"])
async def test_tab_keys_switch_panes_only_when_one_pane_shows(fake_app, key):
    app, _ = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert app.pane == ("activations" if key == "tab" else "data")
        await pilot.resize_terminal(*SIZE)
        await pilot.press(key)
        assert app.pane == ("activations" if key == "tab" else "data")  # grid: every pane shows, no switching
