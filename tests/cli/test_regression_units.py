"""Regression on a CSV: targets standardized on the training split, errors reported in the target's units.

The test computes everything again in float64 from the raw file: the split's
mean and std, the network's predictions from the checkpoint's weights, and
the RMSE in euros.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from nntui.data import load_csv
from nntui.training.checkpoint import load_checkpoint


@pytest.fixture
def houses(tmp_path):
    rng = np.random.default_rng(1)
    rooms, area = rng.integers(1, 7, 600), 30 + 0.3 * rng.permutation(600)  # distinct areas: rows can be matched
    price = (100_000 + 50_000 * rooms + 3_000 * area + rng.normal(0, 20_000, 600)).round()
    path = tmp_path / "houses.csv"
    path.write_text("rooms,area,price\n" + "".join(f"{r},{a},{p:.0f}\n" for r, a, p in zip(rooms, area, price)))
    return path, np.column_stack([rooms, area]).astype(np.float64), price


def _rows_of(raw: np.ndarray, standardized: np.ndarray, mean, std) -> np.ndarray:
    """Which raw rows a split holds (matched on the features, which are distinct here)."""
    back = standardized.astype(np.float64) * std + mean
    return np.array([int(np.argmin(np.abs(raw - row).sum(axis=1))) for row in back])


def test_targets_are_standardized_on_the_training_split(houses):
    path, X, price = houses
    ds = load_csv(str(path))
    train = _rows_of(X, ds.X_train, ds.x_mean, ds.x_std)
    assert len(set(train)) == ds.n_train == 480
    assert ds.y_mean[0] == pytest.approx(price[train].mean(), rel=1e-6)
    assert ds.y_std[0] == pytest.approx(price[train].std(), rel=1e-6)
    assert np.allclose(ds.y_train[:, 0], (price[train] - price[train].mean()) / price[train].std(), atol=1e-5)


def test_train_reports_rmse_in_the_targets_units(run_cli, houses, tmp_path):
    path, X, price = houses
    ck, metrics = tmp_path / "ck.npz", tmp_path / "m.jsonl"
    result = run_cli("train", "--data", str(path), "--epochs", "50", "--checkpoint-out", str(ck),
                     "--metrics-out", str(metrics))
    assert result.code == 0, result.err
    ds = load_csv(str(path))
    train, test = (_rows_of(X, part, ds.x_mean, ds.x_std) for part in (ds.X_train, ds.X_test))
    # the network's prediction, in float64 from the checkpoint, with the split's own mean and std
    loaded = load_checkpoint(ck)
    a = (X[test] - X[train].mean(axis=0)) / X[train].std(axis=0)
    for k, (W, b) in enumerate(zip(loaded.weights, loaded.biases)):
        z = a @ W.astype(np.float64) + b
        a = np.maximum(z, 0) if k < len(loaded.weights) - 1 else z
    predicted = a[:, 0] * price[train].std() + price[train].mean()
    rmse = np.sqrt(np.mean((predicted - price[test]) ** 2))
    record = json.loads(metrics.read_text().splitlines()[-1])
    assert record["test_rmse"] == pytest.approx(rmse, rel=1e-4)
    assert rmse < 0.2 * price[test].std()  # far better than predicting the mean
    summary = result.out.splitlines()[-1]
    assert f"test RMSE {record['test_rmse']:.4g} in price's units (the loss is on the standardized target)" in summary
    assert loaded.meta["target_scale"] == {"mean": [float(ds.y_mean[0])], "std": [float(ds.y_std[0])]}


def test_a_session_keeps_the_scaling_and_refuses_a_changed_file(run_cli, houses, tmp_path, monkeypatch):
    import nntui.tui.app

    path, X, price = houses
    ck = tmp_path / "ck.npz"
    assert run_cli("train", "--data", str(path), "--steps", "30", "--checkpoint-out", str(ck)).code == 0
    started = []
    monkeypatch.setattr(nntui.tui.app, "run_app",
                        lambda config, source, *, selection=None: started.append(source.trainer) or 0)
    assert run_cli("--resume", str(ck)).code == 0
    [trainer] = started
    saved = load_checkpoint(ck).meta["target_scale"]
    assert (trainer.dataset.y_mean.tolist(), trainer.dataset.y_std.tolist()) == (saved["mean"], saved["std"])
    assert trainer.dataset.target_rmse(0.25) == pytest.approx(0.5 * saved["std"][0], rel=1e-12)
    path.write_text(path.read_text().replace("\n1,", "\n6,", 40))  # the data changed since
    result = run_cli("--resume", str(ck))
    assert (result.code, result.err) == (2, f"nntui: session {ck} was trained on data scaled differently from "
                                            "houses.csv as it is now; the file has changed since\n")
