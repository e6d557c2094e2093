"""Trainer, TrainerLoop commands, frames and checkpoints, on small built-in datasets."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.training.checkpoint import CheckpointError, load_checkpoint, restore, save_checkpoint
from nntui.run.frame import DIVERGED, PAUSED, RUNNING
from nntui.training.loop import TrainerLoop
from nntui.training.trainer import Diverged, Trainer


def paused_loop(dataset, **overrides) -> TrainerLoop:
    return TrainerLoop(RunConfig(dataset=dataset.name, **overrides), dataset=dataset, paused=True)


def test_same_seed_same_weights_after_n_steps(xor):
    a, b = Trainer(RunConfig(dataset="xor"), xor), Trainer(RunConfig(dataset="xor"), xor)
    a.train_steps(40)
    b.train_steps(40)
    assert np.array_equal(a.net.params, b.net.params)
    c = Trainer(RunConfig(dataset="xor", seed=1), xor)
    c.train_steps(40)
    assert not np.array_equal(a.net.params, c.net.params)


def test_no_shuffle_takes_batches_in_dataset_order(xor):
    t = Trainer(RunConfig(dataset="xor", shuffle=False, batch_size=5), xor)
    X, y = t.next_batch()
    assert np.array_equal(X, xor.X_train[:5]) and np.array_equal(y, xor.y_train[:5])
    t.train_step()
    X, _ = t.next_batch()
    assert np.array_equal(X, xor.X_train[5:10])


def test_an_epoch_visits_every_sample_once_and_evaluates(xor):
    t = Trainer(RunConfig(dataset="xor", batch_size=7), xor)
    t.finish_epoch()
    assert t.epoch == 1 and t.step == -(-xor.n_train // 7)
    assert t.samples_seen == xor.n_train
    assert len(t.evals) == 1 and t.evals[0].step == t.step and 0 <= t.evals[0].test_acc <= 1


def test_divergence_is_refused_and_weights_stay(xor):
    t = Trainer(RunConfig(dataset="xor", optimizer="sgd", lr=1e30), xor)
    with pytest.raises(Diverged) as info:
        for _ in range(50):
            before = t.net.params.copy()
            step = t.step
            t.train_step()
    assert np.array_equal(t.net.params, before) and np.isfinite(t.net.params).all()
    assert t.step == step and info.value.step == step + 1
    assert "diverged at step" in str(info.value)


def test_checkpoint_round_trip_is_bit_identical_and_continues_identically(xor, tmp_path):
    a = Trainer(RunConfig(dataset="xor", optimizer="adam"), xor)
    a.train_steps(33)
    path = save_checkpoint(a, tmp_path / "a.npz")
    b = Trainer(RunConfig(dataset="xor", optimizer="adam", seed=5), xor)
    restore(b, load_checkpoint(path))
    assert np.array_equal(a.net.params, b.net.params)
    assert (b.step, b.epoch, b.position) == (a.step, a.epoch, a.position)
    assert list(b.losses) == list(a.losses) and b.evals == a.evals
    a.train_steps(20)
    b.train_steps(20)
    assert np.array_equal(a.net.params, b.net.params)
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was renamed away"


def _corrupt_truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_shapes(path):
    with np.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["W0"] = np.zeros((3, 3), np.float32)
    np.savez(path, **arrays)


def _corrupt_pickle(path):
    with np.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["W1"] = np.array([{"evil": 1}, None], dtype=object)
    np.savez(path, **arrays)


def _corrupt_meta(path):
    with np.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["meta"] = np.array("{not json")
    np.savez(path, **arrays)


def _corrupt_nan(path):
    with np.load(path, allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files}
    arrays["W0"][0, 0] = np.nan
    np.savez(path, **arrays)


@pytest.mark.parametrize("corrupt,words", [
    (_corrupt_truncated, "truncated or not an .npz"),
    (_corrupt_shapes, "has W0 of shape (3, 3)"),
    (_corrupt_pickle, "pickled objects"),
    (_corrupt_meta, "no valid 'meta'"),
    (_corrupt_nan, "non-finite"),
    (lambda p: p.write_text("hello"), "truncated or not an .npz"),
])
def test_corrupt_checkpoints_give_one_sentence(xor, tmp_path, corrupt, words):
    t = Trainer(RunConfig(dataset="xor"), xor)
    path = save_checkpoint(t, tmp_path / "c.npz")
    corrupt(path)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_checkpoint_meta_documents_the_model(xor, tmp_path):
    t = Trainer(RunConfig(dataset="xor", seed=4), xor)
    t.train_steps(3)
    path = save_checkpoint(t, tmp_path / "m.npz")
    with zipfile.ZipFile(path) as z:
        names = {n[:-4] for n in z.namelist()}
    assert {"W0", "b0", "W1", "b1", "meta", "opt/t", "opt/lr", "opt/m", "opt/v"} <= names
    with np.load(path, allow_pickle=False) as f:
        meta = json.loads(str(f["meta"]))
        assert f["W0"].shape == (2, 4)
    assert meta["layer_sizes"] == [2, 4, 1] and meta["activations"] == ["tanh", "linear"]
    assert (meta["step"], meta["epoch"], meta["seed"], meta["dataset"]) == (3, 0, 4, "xor")


# -- the loop's commands ---------------------------------------------------------


def test_step_moves_exactly_one_and_stays_paused(xor):
    loop = paused_loop(xor)
    loop.apply(cmd.Step(1))
    assert loop.pending_steps == 1 and loop.state == PAUSED
    assert loop._step() is True
    assert loop.trainer.step == 1 and loop.pending_steps == 0 and not loop._training()


def test_toggle_pause(xor):
    loop = paused_loop(xor)
    loop.apply(cmd.TogglePause())
    assert loop.state == RUNNING
    loop.apply(cmd.TogglePause())
    assert loop.state == PAUSED


def test_nudge_changes_exactly_one_weight_by_delta_and_undo_restores(xor):
    loop = paused_loop(xor)
    before = [W.copy() for W in loop.trainer.net.weights]
    loop.apply(cmd.Nudge(0, 1, 2, 0.25))
    after = loop.trainer.net.weights
    diff = after[0] - before[0]
    assert diff[1, 2] == pytest.approx(0.25, abs=1e-6)
    diff[1, 2] = 0
    assert not diff.any() and np.array_equal(after[1], before[1])
    n = loop.nudge
    assert (n.layer, n.i, n.j) == (0, 1, 2) and n.w_after == pytest.approx(n.w_before + 0.25, abs=1e-6)
    assert n.loss_after == pytest.approx(loop.frames.probe_loss())
    assert n.loss_before != n.loss_after
    loop.apply(cmd.UndoNudge())
    assert all(np.array_equal(a, b) for a, b in zip(loop.trainer.net.weights, before))


def test_set_weight_to_zero(xor):
    loop = paused_loop(xor)
    loop.apply(cmd.SetWeight(1, 3, 0, 0.0))
    assert loop.trainer.net.weights[1][3, 0] == 0.0


def test_scale_lr_halves_and_doubles(xor):
    loop = paused_loop(xor)
    lr = loop.trainer.opt.lr
    loop.apply(cmd.ScaleLR(0.5))
    assert loop.trainer.opt.lr == lr / 2
    loop.apply(cmd.ScaleLR(2.0))
    loop.apply(cmd.ScaleLR(2.0))
    assert loop.trainer.opt.lr == lr * 2


def test_reset_gives_new_weights_with_the_same_shapes(xor):
    loop = paused_loop(xor)
    before = [W.copy() for W in loop.trainer.net.weights]
    loop.apply(cmd.Reset())
    after = loop.trainer.net.weights
    assert [W.shape for W in after] == [W.shape for W in before]
    assert not np.array_equal(after[0], before[0])


def test_cycle_activation_reinitializes_with_the_next_one(xor):
    loop = paused_loop(xor)  # the xor preset uses tanh
    loop.apply(cmd.CycleActivation())
    assert loop.trainer.net.activations == ["relu", "linear"]
    loop.apply(cmd.CycleActivation())
    assert loop.trainer.net.activations == ["leaky_relu", "linear"]


def test_diverged_state_pauses_and_keeps_weights(xor):
    loop = TrainerLoop(RunConfig(dataset="xor", optimizer="sgd", lr=1e30), dataset=xor)
    for _ in range(50):
        before = loop.trainer.net.params.copy()
        loop._step()
        if loop.state == DIVERGED:
            break
    assert loop.state == DIVERGED and not loop._training()
    assert np.array_equal(loop.trainer.net.params, before)
    assert loop.message == "diverged at step 1 with lr 1e+30: lower the lr with , then space; r resets"


def test_hinges_plus_output_bias_sum_to_the_prediction(sine):
    loop = TrainerLoop(RunConfig(dataset="sine", hidden=(8,)), dataset=sine, paused=True)
    loop.trainer.train_steps(50)
    view = loop.make_frame(refresh_view=True).data_view
    assert view.hinges.shape == (8, len(view.x))
    assert np.allclose(view.hinges.sum(axis=0) + view.output_bias, view.y_pred, atol=1e-5)


def test_frames_are_read_only_copies(xor):
    loop = paused_loop(xor)
    frame = loop.first_frame()
    with pytest.raises(ValueError):
        frame.layers[0].W[0, 0] = 1.0
    loop.apply(cmd.Nudge(0, 0, 0, 1.0))
    assert frame.layers[0].W[0, 0] != loop.trainer.net.weights[0][0, 0]


def test_evaluate_counts_the_test_confusion_matrix_the_frames_show(tmp_path):
    from nntui.data import load_csv
    from nntui.training.frame_maker import FrameMaker

    rng = np.random.default_rng(3)
    rows = ["x,y,kind"] + [f"{rng.normal():.4f},{rng.normal():.4f},{'abc'[i % 3]}" for i in range(150)]
    (tmp_path / "three.csv").write_text("\n".join(rows) + "\n")
    ds = load_csv(str(tmp_path / "three.csv"), test_split=0.2)
    trainer = Trainer(RunConfig(data_file=str(tmp_path / "three.csv"), hidden=(5,)), ds)
    trainer.train_steps(3)  # within the first epoch (4 steps of 32)
    assert trainer.evals == []
    before = FrameMaker(trainer).data_views.confusion()  # no evaluation yet: counted by the frame maker itself
    point = trainer.evaluate()
    X = trainer.scaled(ds.X_test)
    predicted = trainer.net.predict(X).argmax(axis=1)
    expected = np.zeros((3, 3), np.int64)
    for true, guess in zip(ds.y_test, predicted):
        expected[true, guess] += 1
    assert trainer.test_confusion.tolist() == expected.tolist() == before.tolist()
    assert np.trace(expected) / len(ds.y_test) == pytest.approx(point.test_acc)
    assert FrameMaker(trainer).data_views.confusion().tolist() == expected.tolist()


def test_frames_between_probe_refreshes_reuse_the_probe_layers_and_a_refresh_shows_the_weights_now(xor):
    from nntui.training.frame_maker import FrameMaker

    trainer = Trainer(RunConfig(dataset="xor"), xor)
    maker = FrameMaker(trainer)
    first = maker.make(state=RUNNING)
    trainer.train_steps(3)
    between = maker.make(state=RUNNING, refresh_view=False)
    assert between.step == 3 and between.layers is first.layers and between.probe_loss == first.probe_loss
    refreshed = maker.make(state=RUNNING, refresh_view=True)
    assert refreshed.layers is not first.layers
    assert all(np.array_equal(view.W, layer.W) for view, layer in zip(refreshed.layers, trainer.net.layers))
    assert not np.array_equal(refreshed.layers[0].W, first.layers[0].W)


def test_a_command_while_training_publishes_a_frame_with_the_weights_it_changed(xor):
    import queue
    import threading

    # One step every 2 s: the nudge lands between two steps, and its frame must not show stale weights
    # (between heavy refreshes a training frame reuses the probe layers of the last refresh).
    loop = TrainerLoop(RunConfig(dataset="xor", speed=0.5), dataset=xor)
    frames: queue.SimpleQueue = queue.SimpleQueue()
    worker = threading.Thread(target=loop.run, args=(frames.put, lambda: False))
    worker.start()
    try:
        frames.get(timeout=30)  # the first step has been taken
        loop.submit(cmd.Nudge(0, 1, 2, 0.5))
        frame = frames.get(timeout=30)
        while frame.nudge is None:
            frame = frames.get(timeout=30)
    finally:
        loop.submit(cmd.Stop())
        worker.join(timeout=30)
    assert frame.state == RUNNING and frame.layers[0].W[1, 2] == pytest.approx(frame.nudge.w_after)
