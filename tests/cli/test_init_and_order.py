"""--init and --sort-by-class through the CLI: validated, used, saved in checkpoints and sessions, resumed."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training import session
from nntui.training.checkpoint import load_checkpoint
from nntui.training.trainer import Trainer

BAD = [
    (["--init", "foo"], "--init takes he, xavier, zeros or normal:σ with a σ above zero, like normal:0.1 (got 'foo')"),
    (["--init", "normal:-1"], "--init takes he, xavier, zeros or normal:σ with a σ above zero, like normal:0.1 "
                              "(got 'normal:-1')"),
    (["--init", "normal:abc"], "--init takes he, xavier, zeros or normal:σ with a σ above zero, like normal:0.1 "
                               "(got 'normal:abc')"),
    (["--sort-by-class"], "--sort-by-class needs --no-shuffle (shuffled batches have no class order)"),
    (["--sort-by-class", "--no-shuffle", "--dataset", "sine"],
     "--sort-by-class needs classes to sort by, and sine is a regression set"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_values_are_one_sentence_and_exit_2(run_cli, args, message):
    result = run_cli("train", "--steps", "1", *args)
    assert (result.code, result.out, result.err) == (2, "", f"nntui: {message}\n")


def test_learn_refuses_the_options_its_chapters_decide(run_cli):
    for flag in (["--init", "he"], ["--sort-by-class", "--no-shuffle"]):
        result = run_cli("learn", "9", *flag)
        assert result.code == 2
        assert result.err == (f"nntui: {flag[0]} is set by each chapter in `nntui learn`; "
                              f"use `nntui {flag[0]} …` to choose it yourself\n")


def test_init_is_used_and_saved_in_the_checkpoint(run_cli, tmp_path):
    ck = tmp_path / "zeros.npz"
    assert run_cli("train", "--dataset", "xor", "--init", "Zeros", "--steps", "0", "--checkpoint-out", str(ck)).code == 0
    loaded = load_checkpoint(ck)
    assert loaded.meta["config"]["init"] == "zeros"
    assert all(not W.any() for W in loaded.weights)


def test_normal_init_draws_with_the_given_sigma(run_cli, tmp_path):
    ck = tmp_path / "normal.npz"
    assert run_cli("train", "--dataset", "xor", "--hidden", "400,400", "--init", "normal:0.3", "--steps", "0",
                   "--checkpoint-out", str(ck)).code == 0
    W1 = load_checkpoint(ck).weights[1]
    assert W1.std() == pytest.approx(0.3, rel=5 / np.sqrt(2 * W1.size))


def test_a_resumed_session_keeps_init_and_order_and_reinitializes_with_the_same_scheme(state_dir):
    config = RunConfig(dataset="gaussians", init="normal:0.5", shuffle=False, sort_by_class=True, batch_size=16)
    trainer = Trainer(config, load_dataset("gaussians", seed=0))
    trainer.train_steps(3)
    path = session.save_session(trainer)
    resumed, _, _ = session.resume(path)
    assert (resumed.config.init, resumed.config.shuffle, resumed.config.sort_by_class) == ("normal:0.5", False, True)
    assert resumed.step == 3 and np.array_equal(resumed.order, trainer.order)
    resumed.reinitialize(seed=11)
    assert resumed.net.init == "normal:0.5"
    expected = np.random.default_rng(11).standard_normal(resumed.net.weights[0].shape) * 0.5
    assert np.array_equal(resumed.net.weights[0], expected.astype(np.float32))


def test_sorted_order_brings_each_class_in_one_block_in_dataset_order():
    data = load_dataset("gaussians", seed=0)
    trainer = Trainer(RunConfig(dataset="gaussians", shuffle=False, sort_by_class=True, batch_size=16), data)
    labels = data.y_train[trainer.order]
    assert np.array_equal(labels, np.sort(data.y_train))
    for c in range(data.n_classes):  # within a class, in the order the dataset holds them
        assert np.array_equal(trainer.order[labels == c], np.flatnonzero(data.y_train == c))
    block = np.count_nonzero(data.y_train == 0) // 16
    assert block * 16 * data.n_classes == data.n_train  # equal classes, whole batches: every batch is one class
    for step in range(2 * block):
        assert (trainer.next_batch()[1] == step // block).all()
        trainer.train_step()
