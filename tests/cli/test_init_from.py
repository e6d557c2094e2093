"""--init-from takes the checkpoint's weights and optimizer state, nothing else (issue 16, item 17).

Data order, shuffling, counters, histories and --steps follow this run's options:
`--init-from CK --no-shuffle --steps 1 --optimizer sgd` is exactly one plain SGD
step on the first batch-size samples, checked against a float64 NumPy
computation of that step written out here (forward, loss gradient, update).
"""

from __future__ import annotations

import numpy as np

from nntui.data import load_dataset
from nntui.training.checkpoint import load_checkpoint

LR, BATCH = 0.1, 16


def one_sgd_step(weights, biases, X, y, lr):
    """Circles' net (ReLU hidden layers, one logit out, BCE on the logit) stepped once in float64: new (W, b), loss."""
    a, activations, zs = X, [X], []
    for k, (W, b) in enumerate(zip(weights, biases)):
        z = a @ W + b
        zs.append(z)
        a = z if k == len(weights) - 1 else np.maximum(z, 0.0)
        activations.append(a)
    logit = zs[-1][:, 0]
    loss = np.mean(np.log1p(np.exp(-np.abs(logit))) + np.maximum(logit, 0.0) - y * logit)
    blame = ((1.0 / (1.0 + np.exp(-logit)) - y) / len(y))[:, None]  # dL/dz of the output layer
    new_W, new_b = [None] * len(weights), [None] * len(weights)
    for k in reversed(range(len(weights))):
        dW, db = activations[k].T @ blame, blame.sum(axis=0)
        new_W[k], new_b[k] = weights[k] - lr * dW, biases[k] - lr * db
        if k:
            blame = (blame @ weights[k].T) * (zs[k - 1] > 0)
    return new_W, new_b, loss


def test_init_from_takes_weights_only_and_follows_this_runs_order_and_steps(run_cli, tmp_path):
    first, second = tmp_path / "adam.npz", tmp_path / "sgd.npz"
    trained = run_cli("train", "--dataset", "circles", "--steps", "40", "--checkpoint-out", str(first))
    assert trained.code == 0, trained.err
    result = run_cli("train", "--dataset", "circles", "--init-from", str(first), "--no-shuffle", "--steps", "1",
                     "--optimizer", "sgd", "--lr", str(LR), "--batch-size", str(BATCH), "--checkpoint-out", str(second))
    assert result.code == 0, result.err
    start, after = load_checkpoint(first), load_checkpoint(second)
    assert start.meta["step"] == 40 and start.meta["config"]["shuffle"] is True
    data = load_dataset("circles", seed=0)
    X, y = data.X_train[:BATCH].astype(np.float64), data.y_train[:BATCH].astype(np.float64)
    W, b, loss = one_sgd_step([w.astype(np.float64) for w in start.weights],
                              [v.astype(np.float64) for v in start.biases], X, y, LR)
    assert after.meta["step"] == 1 and after.meta["epoch"] == 0 and after.meta["position"] == BATCH
    assert np.array_equal(after.order, np.arange(data.n_train))  # this run's order: no shuffle
    np.testing.assert_allclose(after.losses, [loss], rtol=1e-6)  # one step of history, this run's own
    for k in range(len(W)):
        np.testing.assert_allclose(after.weights[k], W[k], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(after.biases[k], b[k], rtol=1e-5, atol=1e-6)
        assert not np.allclose(after.weights[k], start.weights[k], rtol=0, atol=1e-7)  # the step moved them
