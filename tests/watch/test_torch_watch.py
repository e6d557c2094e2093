"""nntui.watch on the MLP of examples/watch_mnist.py trained on real MNIST: the log holds the model's own numbers,
checked against an independent forward and torch.autograd.grad, and watching changes nothing."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the torch adapter's tests need torch (pip install 'nntui[torch]')")

import torch.nn.functional as F  # noqa: E402
from conftest import example  # noqa: E402
from torch.testing import assert_close  # noqa: E402

import nntui  # noqa: E402

STEPS, EVERY = 20, 5


def train(mnist, path=None, steps=STEPS):
    """The user's loop, watched when path is given: (model, weights by step, the loop's losses, final grads)."""
    x_train, y_train, x_test, y_test = mnist
    torch.manual_seed(0)
    model = example("watch_mnist").MLP()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    watch = None
    if path is not None:
        watch = nntui.watch(model, optimizer, probe=(x_test[:64], y_test[:64]), every=EVERY, path=path,
                            max_mb_per_hour=None)
    order = torch.randperm(len(x_train))  # draws from the RNG, as a shuffling loop does
    weights = {0: {k: v.clone() for k, v in model.state_dict().items()}}
    losses = []
    for step in range(1, steps + 1):
        batch = order[(step - 1) * 64:step * 64]
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if watch is not None:
            watch.log(loss=loss.item())
        weights[step] = {k: v.clone() for k, v in model.state_dict().items()}
    if watch is not None:
        watch.close()
    return model, weights, losses, [p.grad.clone() for p in model.parameters()]


def reference(w: dict, x, y):
    """An independent forward from the weights (torch layout), and dL/dz, dW, db by autograd.grad on it."""
    params = [w[f"fc{k}.{n}"].clone().requires_grad_() for k in (1, 2, 3) for n in ("weight", "bias")]
    z, a, h = [], [], x
    for k in range(3):
        z.append(h @ params[2 * k].T + params[2 * k + 1])
        h = torch.relu(z[-1]) if k < 2 else z[-1]
        a.append(h)
    loss = F.cross_entropy(h, y)
    grads = torch.autograd.grad(loss, [*z, *params])
    return z, a, grads[:3], grads[3::2], grads[4::2], loss.item()


@pytest.fixture
def watched(mnist, tmp_path):
    return train(mnist, tmp_path / "mnist.nnt"), nntui.read_run(tmp_path / "mnist.nnt")


def test_the_log_holds_z_a_blame_dw_of_the_model_at_each_snapshot(mnist, watched):
    (_, weights, _, _), run = watched
    x, y = mnist[2][:64], mnist[3][:64]
    assert run.meta.activations == ("relu", "relu", "linear") and run.meta.layer_sizes == (784, 128, 64, 10)
    assert [s.step for s in run.snapshots] == [0, 5, 10, 15, 20]
    for snap in run.snapshots:
        w = weights[snap.step]
        z, a, blame, dW, db, loss = reference(w, x, y)
        assert snap.loss == pytest.approx(loss, rel=1e-6)
        for k, layer in enumerate(snap.layers):
            assert torch.equal(torch.from_numpy(layer.W), w[f"fc{k + 1}.weight"].T)  # nntui's (fan_in, fan_out)
            assert torch.equal(torch.from_numpy(layer.b), w[f"fc{k + 1}.bias"])
            assert_close(torch.from_numpy(layer.z), z[k].detach())
            assert_close(torch.from_numpy(layer.a), a[k].detach())
            assert_close(torch.from_numpy(layer.blame), blame[k])
            assert_close(torch.from_numpy(layer.dW), dW[k].T)
            assert_close(torch.from_numpy(layer.db), db[k])


def test_the_logged_losses_and_lr_are_the_loops(watched):
    (_, _, losses, _), run = watched
    assert run.scalars.steps.tolist() == list(range(1, STEPS + 1))
    assert run.scalars["loss"].tolist() == losses  # float32 losses, stored exactly
    assert run.scalars["lr"].tolist() == [0.05] * STEPS
    assert run.end.step == STEPS and run.dropped == 0 and run.damage is None


def test_watching_changes_no_weight_and_no_grad(mnist, watched):
    (model, _, _, grads), _ = watched
    plain, _, _, plain_grads = train(mnist)
    for p, q in zip(model.parameters(), plain.parameters()):
        assert torch.equal(p, q)
    for g, h in zip(grads, plain_grads):
        assert torch.equal(g, h)
