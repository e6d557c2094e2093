"""The keys of "what a neuron looks for" (f) and of tracing (t T w escape), and what the panes show while tracing.

Keys against a FakeSource (the commands sent) and a recorded run (refused in one sentence); the panes against
frames of a real TrainerLoop on the digits data, compared with the frame's own traced sample.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from fake_source import WATCH_ONLY, FakeSource
from frames import make_frame
from pilot_helpers import pane_line, text_of

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.looking import NOT_IMAGES
from nntui.tui.neurons import column_values
from nntui.tui.phasepaint import network_paint
from nntui.tui.widgets.activations import ActivationsPane

SIZE = (160, 48)


def app_on(kind: str, supports=cmd.TRAINER_COMMANDS, label: str = "this run"):
    source = FakeSource(make_frame(kind), supports=supports, label=label)
    return make_app(RunConfig(dataset=kind), source), source


async def test_f_describes_the_selected_neuron_and_follows_it_until_f_again():
    app, source = app_on("mnist")
    async with app.run_test(size=SIZE) as pilot:
        start = app.selection.j
        await pilot.press("f")
        assert app.selection.looks is True
        await pilot.press("right", "down", "right_square_bracket", "f")
        await pilot.pause()
    assert source.commands == [cmd.Describe(0, start), cmd.Describe(0, start + 1), cmd.Describe(1, start + 1),
                               cmd.Describe(None)]  # down moves i: the neuron is the same


async def test_f_on_data_that_is_not_images_says_so_and_sends_nothing():
    app, source = app_on("spiral")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert text_of(app, "#event") == NOT_IMAGES
    assert source.commands == [] and app.selection.looks is False


async def test_t_T_w_send_traces_and_escape_stops_only_a_trace():
    app, source = app_on("spiral")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # not tracing: nothing to stop
        await pilot.press("t", "T", "w")
        frame = make_frame("spiral")
        source.publish(replace(frame, seq=9, trace=traced_spiral(frame)))
        for _ in range(200):
            await pilot.pause(0.01)
            if app.frame.trace is not None:
                break
        await pilot.press("t", "escape")
    assert source.commands == [cmd.Trace("train", 1, True), cmd.Trace("train", -1, True), cmd.TraceWorst(),
                               cmd.Trace("test", 1, True), cmd.Trace(None)]


async def test_a_recorded_run_refuses_tracing_and_looks_in_one_sentence():
    app, source = app_on("mnist", supports=WATCH_ONLY, label="a recorded run")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert text_of(app, "#event") == "a recorded run cannot trace one sample"
        await pilot.press("w")
        assert text_of(app, "#event") == "a recorded run cannot trace one sample"
        await pilot.press("f")
        assert text_of(app, "#event") == "a recorded run cannot show what a neuron looks for"
        await pilot.press("right")  # the selection still moves, and asks the source nothing
    assert source.commands == [] and app.selection.looks is False


def traced_spiral(frame):
    """A TracedSample for the spiral frame (the values of its first probe sample, named test #3)."""
    from nntui.run.frame import TracedSample

    return TracedSample(split="test", index=3, x=frame.probe_x[0], y=frame.probe_y[0],
                        z=tuple(layer.z[0] for layer in frame.layers), a=tuple(layer.a[0] for layer in frame.layers),
                        loss=0.5)


@pytest.fixture(scope="module")
def traced_loop():
    config = RunConfig(dataset="digits", hidden=(8, 6), activation="relu", seed=2, batch_size=16)
    loop = TrainerLoop(config, dataset=load_dataset("digits", seed=0), paused=True)
    loop.trainer.train_steps(30)
    loop.apply(cmd.Trace("train", 812))
    return loop


def test_the_network_pane_shows_the_traced_samples_values(traced_loop):
    frame = traced_loop.make_frame()
    values = column_values(frame)
    for shown, own in zip(values, (frame.trace.x, *frame.trace.a)):
        np.testing.assert_array_equal(shown, np.asarray(own, np.float64))
    assert not np.allclose(values[1], np.asarray(frame.layers[0].a, np.float64).mean(axis=0))  # not the probe mean


def test_the_network_pane_during_a_phase_step_shows_the_traced_row_not_the_batch_mean(traced_loop):
    traced_loop.apply(cmd.PhaseStep())
    frame = traced_loop.make_frame()
    paint = network_paint(frame)
    row = frame.phase.traced_row
    np.testing.assert_allclose(paint.values[1], np.asarray(frame.phase.a[0], np.float64)[row])
    traced_loop.apply(cmd.SetPaused(False))
    traced_loop.apply(cmd.SetPaused(True))


async def test_the_activations_pane_draws_the_traced_samples_bars(traced_loop):
    frame = traced_loop.make_frame()
    app = make_app(RunConfig(dataset="digits"), frame=frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one(ActivationsPane)
        assert pane_line(pane, 0).startswith("bars: train #812 alone")
        data = app.query_one("#data-view")
        assert any("traced train #812" in pane_line(data, y) for y in range(data.size.height))


def looks_for(j: int):
    """A NeuronLooks for neuron j of layer 1 of the mnist frame (made-up images, the weights' column as field)."""
    from nntui.run.frame import NeuronLooks

    rng = np.random.default_rng(j)
    return NeuronLooks(layer=0, j=j, step=7, top_index=np.arange(9), top_a=np.linspace(3, 1, 9),
                       top_images=rng.random((9, 28, 28)).astype(np.float32), top_labels=np.arange(9) % 10,
                       field=rng.normal(size=(28, 28)), exact=True, caption=f"its weights W0[:, {j}]")


async def test_while_training_the_looks_show_as_soon_as_they_arrive():
    from nntui.run.frame import RUNNING

    frame = replace(make_frame("mnist"), state=RUNNING)
    source = FakeSource(frame)
    app = make_app(RunConfig(dataset="mnist"), source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        data = app.query_one("#data-view")
        assert "working out" in pane_line(data, 1)
        source.publish(replace(frame, seq=5, looks=looks_for(app.selection.j)))
        for _ in range(200):
            await pilot.pause(0.01)
            if app.frame.seq == 5:
                break
        await pilot.pause()
        lines = [pane_line(data, y) for y in range(data.size.height)]
    assert lines[0].startswith(f"L1 n{app.selection.j}: top 9 test images by a")
    assert "working out" not in " ".join(lines) and any(f"its weights W0[:, {app.selection.j}]" in line for line in lines)
