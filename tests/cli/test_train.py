"""`nntui train`: options, outputs, checkpoints, divergence and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nntui import __version__
from nntui.training.checkpoint import load_checkpoint


def test_version_through_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "nntui", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip() == f"nntui, version {__version__}"


def test_train_steps_writes_summary_and_checkpoint(run_cli, tmp_path):
    ck = tmp_path / "run.npz"
    result = run_cli("train", "--dataset", "spiral", "--steps", "7", "--checkpoint-out", str(ck))
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].startswith("done: spiral 2-16-16-1")
    meta = load_checkpoint(ck).meta
    assert meta["step"] == 7 and meta["layer_sizes"] == [2, 16, 16, 1]
    assert meta["activations"] == ["relu", "relu", "linear"] and meta["loss"] == "binary_cross_entropy"


def test_metrics_jsonl_has_one_object_per_epoch(run_cli, tmp_path):
    metrics = tmp_path / "m.jsonl"
    result = run_cli("train", "--dataset", "xor", "--epochs", "3", "--metrics-out", str(metrics))
    assert result.code == 0, result.err
    records = [json.loads(line) for line in metrics.read_text().splitlines()]
    assert [r["epoch"] for r in records] == [1, 2, 3]
    for r in records:
        assert {"epoch", "step", "train_loss", "test_loss", "test_acc", "samples_per_s", "wall_s"} <= r.keys()
        assert r["samples_per_s"] > 0 and 0 <= r["test_acc"] <= 1
    steps = [r["step"] for r in records]
    assert steps[1] - steps[0] == steps[2] - steps[1] == steps[0]


def test_steps_zero_only_initializes(run_cli, tmp_path):
    ck = tmp_path / "init.npz"
    assert run_cli("train", "--dataset", "xor", "--steps", "0", "--seed", "3", "--checkpoint-out", str(ck)).code == 0
    loaded = load_checkpoint(ck)
    assert loaded.meta["step"] == 0
    from nntui.nn import MLP

    fresh = MLP([2, 4, 1], ["tanh", "linear"], "binary_cross_entropy", seed=3)
    assert np.array_equal(loaded.weights[0], fresh.weights[0])


def test_init_from_brings_the_optimizer_state_with_this_runs_lr_and_counters(run_cli, tmp_path):
    """--init-from is a new run from the checkpoint's weights and Adam state (t, m, v); --resume continues one."""
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    assert run_cli("train", "--dataset", "xor", "--steps", "10", "--checkpoint-out", str(a)).code == 0
    assert run_cli("train", "--dataset", "xor", "--steps", "0", "--lr", "0.2", "--init-from", str(a),
                   "--checkpoint-out", str(b)).code == 0
    before, after = load_checkpoint(a), load_checkpoint(b)
    assert (after.meta["step"], after.meta["epoch"], len(after.losses), after.evals[-1].step) == (0, 0, 0, 0)
    assert int(after.opt_state["t"]) == int(before.opt_state["t"]) == 10 and float(after.opt_state["lr"]) == 0.2
    for key in ("m", "v"):
        assert np.array_equal(after.opt_state[key], before.opt_state[key])
    for w1, w2 in zip(after.weights, before.weights):
        assert np.array_equal(w1, w2)


def test_no_shuffle_gives_the_same_run_whatever_the_seed_of_the_order(run_cli, tmp_path):
    x, y = tmp_path / "x.npz", tmp_path / "y.npz"
    run_cli("train", "--dataset", "xor", "--steps", "4", "--no-shuffle", "--checkpoint-out", str(x))
    run_cli("train", "--dataset", "xor", "--steps", "4", "--no-shuffle", "--checkpoint-out", str(y))
    assert np.array_equal(load_checkpoint(x).order, np.arange(len(load_checkpoint(x).order)))
    assert np.array_equal(load_checkpoint(x).weights[0], load_checkpoint(y).weights[0])


def test_divergence_exits_3_naming_the_step_and_keeps_finite_weights(run_cli, tmp_path):
    ck = tmp_path / "div.npz"
    result = run_cli("train", "--dataset", "spiral", "--optimizer", "sgd", "--lr", "1e6", "--epochs", "5",
                     "--checkpoint-out", str(ck))
    assert result.code == 3
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("nntui: training diverged at step ")
    loaded = load_checkpoint(ck)  # refuses non-finite weights, so loading proves they are finite
    assert all(np.isfinite(W).all() for W in loaded.weights)
    assert f"at step {loaded.meta['step'] + 1}:" in lines[0]


BAD_TRAIN_ARGS = [
    (["--hidden", "abc"], "--hidden takes comma-separated layer sizes like 128,64"),
    (["--hidden", "8,-2"], "--hidden sizes must be ≥ 1"),
    (["--lr", "-1"], "--lr must be a finite number greater than zero"),
    (["--lr", "nan"], "--lr must be a finite number greater than zero"),
    (["--batch-size", "0"], "--batch-size must be at least 1"),
    (["--epochs", "0"], "--epochs must be at least 1"),
    (["--steps", "-3"], "--steps must be zero or more"),
    (["--test-split", "1.5"], "--test-split must be between 0 and 1"),
    (["--momentum", "1.2"], "--momentum must be below 1"),
    (["--dataset", "nope"], "nope"),
    (["--activation", "swish"], "'swish' is not one of"),
    (["--optimizer", "rmsprop"], "'rmsprop' is not one of"),
    (["--lr"], "requires an argument"),
    (["--frobnicate"], "No such option"),
    (["--init-from", "/nonexistent/ck.npz"], "does not exist"),
    (["--data", "/nonexistent/data.csv"], "data.csv"),
]


@pytest.mark.parametrize("args,expected", BAD_TRAIN_ARGS, ids=[" ".join(a) for a, _ in BAD_TRAIN_ARGS])
def test_bad_input_is_one_line_and_exit_2(run_cli, args, expected):
    result = run_cli("train", *args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("nntui: ") and expected in lines[0]
    assert "Traceback" not in result.err + result.out


def test_mismatched_checkpoint_is_one_line_and_exit_2(run_cli, tmp_path):
    ck = tmp_path / "xor.npz"
    assert run_cli("train", "--dataset", "xor", "--steps", "1", "--checkpoint-out", str(ck)).code == 0
    result = run_cli("train", "--dataset", "spiral", "--steps", "1", "--init-from", str(ck))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "is for a 2-4-1 network, but this run builds 2-16-16-1" in result.err


@pytest.mark.slow
def test_mnist_simplenet_reaches_97_percent_in_3_epochs(run_cli, mnist_dir, tmp_path):
    metrics = tmp_path / "mnist.jsonl"
    result = run_cli("train", "--dataset", "mnist", "--data-dir", str(mnist_dir), "--epochs", "3", "--seed", "0",
                     "--metrics-out", str(metrics))
    assert result.code == 0, result.err
    final = json.loads(metrics.read_text().splitlines()[-1])
    assert final["epoch"] == 3
    assert final["test_acc"] >= 0.97


def test_train_names_the_datas_inputs_output_and_classes_first(run_cli):
    result = run_cli("train", "--dataset", "weather", "--steps", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "weather: temperature (tens of °C), rain → go outside? (no, yes)"
    csv = str(Path(__file__).resolve().parents[2] / "datasets" / "examples" / "weather.csv")
    result = run_cli("train", "--data", csv, "--steps", "1")
    assert result.out.splitlines()[0] == "weather.csv: temperature, rain → go_outside (no, yes)"  # the header's
