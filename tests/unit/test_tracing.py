"""Tracing one sample: its values in every layer, the worst test sample, and the phase step's batch that holds it.

Each against an independent float64 forward pass (reference.py) of the trainer's own weights.
"""

from __future__ import annotations

import numpy as np
import pytest
from reference import cross_entropy, forward, scaled

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop


@pytest.fixture
def loop():
    config = RunConfig(dataset="digits", hidden=(16, 12), activation="tanh", seed=1, batch_size=32)
    loop = TrainerLoop(config, dataset=load_dataset("digits", seed=0), paused=True)
    loop.trainer.train_steps(40)
    return loop


@pytest.mark.parametrize("split, index", [("train", 812), ("test", 77)])
def test_the_traced_samples_values_in_every_layer_are_its_own_forward_pass(loop, split, index):
    loop.apply(cmd.Trace(split, index))
    trace = loop.make_frame().trace
    ds = loop.trainer.dataset
    X, y = (ds.X_train, ds.y_train) if split == "train" else (ds.X_test, ds.y_test)
    z, a = forward(loop.trainer.net, scaled(ds, X[index:index + 1]))
    assert (trace.split, trace.index, trace.name) == (split, index, f"{split} #{index}")
    assert len(trace.z) == len(trace.a) == 3
    for k in range(3):
        np.testing.assert_allclose(trace.z[k], z[k][0], rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(trace.a[k], a[k][0], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(trace.x, scaled(ds, X[index]), rtol=1e-6)
    assert int(trace.y) == int(y[index])
    assert trace.loss == pytest.approx(cross_entropy(z[-1], y[index:index + 1])[0], rel=1e-4)


def test_w_traces_the_test_sample_with_the_highest_loss(loop):
    ds = loop.trainer.dataset
    z, _ = forward(loop.trainer.net, scaled(ds, ds.X_test))
    losses = cross_entropy(z[-1], ds.y_test)
    loop.apply(cmd.TraceWorst())
    frame = loop.make_frame()
    assert (frame.trace.split, frame.trace.index) == ("test", int(np.argmax(losses)))
    assert frame.trace.note == "worst test sample"
    assert frame.message == f"the worst test sample is test #{np.argmax(losses)} (loss {losses.max():.3g})"


def test_t_starts_with_the_sample_shown_then_steps_on_and_back_and_escape_stops(loop):
    shown = int(loop.frames.probe_rows[loop.frames.data_views.current_sample()])
    loop.apply(cmd.Trace("train", 1, relative=True))
    assert loop.make_frame().trace.index == shown
    loop.apply(cmd.Trace("train", 1, relative=True))
    loop.apply(cmd.Trace("train", 1, relative=True))
    loop.apply(cmd.Trace("train", -1, relative=True))
    assert loop.make_frame().trace.index == shown + 1
    loop.apply(cmd.Trace("test", 0))
    loop.apply(cmd.Trace("test", -1, relative=True))  # wraps round to the last test sample
    assert loop.make_frame().trace.name == f"test #{loop.trainer.dataset.n_test - 1}"
    loop.apply(cmd.Trace(None))
    assert loop.make_frame().trace is None


def test_the_image_shown_is_the_traced_sample_with_its_prediction(loop):
    loop.apply(cmd.Trace("test", 5))
    frame = loop.make_frame()
    ds = loop.trainer.dataset
    _, a = forward(loop.trainer.net, scaled(ds, ds.X_test[5:6]))
    view = frame.data_view
    np.testing.assert_allclose(view.image, scaled(ds, ds.X_test[5]).reshape(28, 28), rtol=1e-6)
    assert (view.true_label, view.predicted_label, view.probe_row) == (int(ds.y_test[5]), int(a[-1].argmax()), None)


def phase_steps(loop, presses: int):
    for _ in range(presses):
        loop.apply(cmd.PhaseStep())
    return loop.make_frame().phase


@pytest.mark.parametrize("index, where", [(812, "later"), (None, "in it"), (None, "seen")])
def test_a_phase_step_while_tracing_trains_on_a_batch_that_holds_the_sample(loop, index, where):
    trainer, ds = loop.trainer, loop.trainer.dataset
    if where == "in it":
        index = int(trainer.order[trainer.position + 5])
    elif where == "seen":
        index = int(trainer.order[3])
    loop.apply(cmd.Trace("train", index))
    phase = phase_steps(loop, 1)
    row = phase.traced_row
    np.testing.assert_allclose(phase.X[row], scaled(ds, ds.X_train[index]), rtol=1e-6)
    assert phase.y[row] == ds.y_train[index]
    assert phase.traced_note.startswith(f"this batch holds traced sample train #{index}")
    assert sorted(np.flatnonzero(trainer.order == index)) == [trainer.position + row]  # once in this epoch's order
    step = trainer.step
    phase = phase_steps(loop, 7)  # forward 2 and 3, loss, backward 1 to 3, update
    assert phase.phase == "update" and trainer.step == step + 1
    np.testing.assert_allclose(phase.X[row], scaled(ds, ds.X_train[index]), rtol=1e-6)


def test_the_epochs_order_stays_a_permutation_after_holding_a_sample(loop):
    loop.apply(cmd.Trace("train", 812))
    phase_steps(loop, 1)
    assert sorted(loop.trainer.order.tolist()) == list(range(loop.trainer.dataset.n_train))


def test_a_traced_test_sample_is_never_trained_on_and_the_step_says_so(loop):
    ds = loop.trainer.dataset
    loop.apply(cmd.Trace("test", 77))
    expected_X, _ = loop.trainer.next_batch()
    phase = phase_steps(loop, 1)
    assert phase.traced_row is None
    assert phase.traced_note == "test #77 stays unseen (never trained on): this step trains the next batch"
    np.testing.assert_array_equal(phase.X, expected_X)
    assert not (np.abs(phase.X - scaled(ds, ds.X_test[77])).sum(axis=1) < 1e-6).any()


def test_tracing_another_sample_mid_step_makes_the_next_p_take_a_batch_that_holds_it(loop):
    phase_steps(loop, 2)
    loop.apply(cmd.Trace("train", 1500))
    assert loop.make_frame().phase is None
    phase = phase_steps(loop, 1)
    assert (phase.phase, phase.done) == ("forward", 1)
    assert phase.traced_note.startswith("this batch holds traced sample train #1500")
