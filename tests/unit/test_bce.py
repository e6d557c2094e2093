"""Binary cross-entropy from the logit: never negative, equal to the float64 log-sigmoid formula."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.nn import get_loss
from nntui.nn.gradcheck import numeric_grad, relative_error

BCE = get_loss("binary_cross_entropy")


def reference(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """-log sigmoid(±z) in float64: log(1 + e^-s) with s = z for y = 1 and -z for y = 0."""
    s = np.where(y == 1, 1.0, -1.0) * z.astype(np.float64)
    return np.log1p(np.exp(-np.abs(s))) + np.maximum(-s, 0.0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("scale", [0.5, 10.0, 30.0, 90.0])
def test_bce_matches_log_sigmoid_and_is_never_negative(dtype, scale):
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 64)
    sign = np.where(rng.random(64) < 0.9, 2 * y - 1, 1 - 2 * y)  # mostly confident and right, some wrong
    z = (sign * rng.uniform(scale, 2 * scale, 64)).astype(dtype)[:, None]
    expected = reference(z[:, 0], y)
    blame = np.empty_like(z)
    value = BCE.value_and_blame(z, y, blame)
    assert value >= 0.0
    assert value == pytest.approx(expected.mean(), rel=1e-5, abs=1e-300)
    per_sample = BCE.per_sample(z, y)
    assert (per_sample >= 0).all()
    assert np.allclose(per_sample, expected, rtol=1e-5, atol=np.finfo(dtype).tiny)
    # sigmoid(z) - y without cancellation: -sigmoid(-z) when y = 1
    sign = np.where(y == 1, -1.0, 1.0)
    expected_blame = sign / (1 + np.exp(-sign * z[:, 0].astype(np.float64))) / 64
    assert np.allclose(blame[:, 0], expected_blame, rtol=1e-5, atol=np.finfo(dtype).tiny)


def test_bce_blame_is_the_numeric_derivative_in_float64():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 9)
    z = rng.standard_normal((9, 1)) * 4
    blame = np.empty_like(z)
    BCE.value_and_blame(z, y, blame)
    numeric = numeric_grad(lambda: float(BCE.per_sample(z, y).mean()), z)
    assert relative_error(blame, numeric) < 1e-7


def test_a_50_column_binary_csv_never_shows_a_negative_loss(run_cli, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((400, 50))
    y = (X @ rng.standard_normal(50) > 0).astype(int)  # separable: the net grows very confident
    csv = tmp_path / "wide.csv"
    csv.write_text("\n".join(",".join(f"{v:.5f}" for v in row) + f",{label}" for row, label in zip(X, y)) + "\n")
    ck = tmp_path / "wide.npz"
    result = run_cli("train", "--data", str(csv), "--epochs", "100", "--lr", "0.1", "--checkpoint-out", str(ck))
    assert result.code == 0, result.err
    from nntui.training.checkpoint import load_checkpoint

    loaded = load_checkpoint(ck)
    assert loaded.meta["loss"] == "binary_cross_entropy"
    assert min(loaded.losses) >= 0.0
    assert min(min(e.train_loss, e.test_loss) for e in loaded.evals) >= 0.0
