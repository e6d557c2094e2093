"""Which models nntui.watch takes: activations as modules or functions, in-place, dropout (mode restored, no RNG
drawn), the output over the input plane; and one sentence naming the module for anything else."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the torch adapter's tests need torch (pip install 'nntui[torch]')")

import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import nntui  # noqa: E402


def run_watched(model, x, y, path, steps=6, every=2, watched=True, **kw):
    torch.manual_seed(1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    watch = nntui.watch(model, optimizer, probe=(x, y), every=every, path=path, max_mb_per_hour=None,
                        **kw) if watched else None
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.binary_cross_entropy(model(x).squeeze(1), y.squeeze(1)) if y.dtype == torch.float32 else \
            F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        if watch:
            watch.log(loss=loss.item())
    if watch:
        watch.close()
    return [p.detach().clone() for p in model.parameters()]


def two_d(seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Dropout(0.5), nn.Linear(8, 8), nn.LeakyReLU(),
                         nn.Linear(8, 1), nn.Sigmoid())


def test_modules_with_dropout_are_watched_without_drawing_rng_and_the_mode_comes_back(tmp_path):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(32, 2, generator=g)
    y = (x[:, :1] * x[:, 1:] > 0).float()
    model = two_d()
    watched = run_watched(model, x, y, tmp_path / "m.nnt")
    assert model.training and all(m.training for m in model.modules())
    plain = run_watched(two_d(), x, y, None, watched=False)
    assert all(torch.equal(p, q) for p, q in zip(watched, plain))  # dropout drew the same masks
    run = nntui.read_run(tmp_path / "m.nnt")
    assert run.meta.activations == ("tanh", "leaky_relu", "sigmoid")
    assert run.meta.loss == "mse_loss"  # float targets, no loss_fn given


def test_a_2_input_model_is_evaluated_over_the_input_plane(tmp_path):
    x = torch.tensor([[-1.0, 0.0], [1.0, 2.0], [0.0, 1.0]])
    y = torch.tensor([0, 1, 1])
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2))
    run_watched(model, x, y, tmp_path / "g.nnt", steps=0)
    run = nntui.read_run(tmp_path / "g.nnt")
    gx, gy = run.meta.grid
    assert gx[0] == pytest.approx(-1.2) and gx[-1] == pytest.approx(1.2) and len(gx) == 40
    assert gy[0] == pytest.approx(-0.2) and gy[-1] == pytest.approx(2.2) and len(gy) == 40
    out = run.snapshots[0].out
    assert out.shape == (40, 40, 2)
    with torch.no_grad():
        want = model(torch.tensor([[gx[7], gy[3]]]))[0].numpy()
    np.testing.assert_allclose(out[3, 7], want, rtol=1e-6)  # row = the second input


def test_a_1_input_model_gets_its_fitted_curve(tmp_path):
    x = torch.linspace(-3, 3, 16)[:, None]
    model = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1))
    run_watched(model, x, torch.sin(x), tmp_path / "c.nnt", steps=0, loss_fn=F.mse_loss)
    run = nntui.read_run(tmp_path / "c.nnt")
    (axis,) = run.meta.grid
    with torch.no_grad():
        want = model(torch.from_numpy(axis)[:, None]).numpy()
    np.testing.assert_allclose(run.snapshots[0].out, want, rtol=1e-6)
    assert run.meta.loss == "mse_loss"


def test_an_in_place_relu_does_not_overwrite_z(tmp_path):
    x = torch.randn(16, 3, generator=torch.Generator().manual_seed(0))
    model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(inplace=True), nn.Linear(6, 2))
    run_watched(model, x, torch.zeros(16, dtype=torch.int64), tmp_path / "i.nnt", steps=0)
    layer = nntui.read_run(tmp_path / "i.nnt").snapshots[0].layers[0]
    with torch.no_grad():
        z = model[0](x).numpy()
    np.testing.assert_allclose(layer.z, z, rtol=1e-6)
    assert (layer.z < 0).any() and np.array_equal(layer.a, np.maximum(layer.z, 0))


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.fc = nn.Linear(2 * 26 * 26, 10)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).flatten(1))


class Skip(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(4, 4), nn.Linear(4, 4)
        with torch.no_grad():  # h > 0 on the probe, whatever the RNG: with h = 0 the branch adds nothing to see
            self.fc1.weight.fill_(0.1)
            self.fc1.bias.fill_(1.0)

    def forward(self, x):
        h = torch.relu(self.fc1(x))
        return self.fc2(h) + h


class Twice(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return self.fc(torch.relu(self.fc(x)))


@pytest.mark.parametrize("model, x, message", [
    (nn.Sequential(nn.ReLU()), torch.zeros(2, 4),
     "the model Sequential has no nn.Linear layer, and nntui.watch shows nets of nn.Linear layers."),
    (ConvNet(), torch.zeros(2, 1, 28, 28),
     "nntui.watch shows nets of nn.Linear layers and activations, but 'conv' is a Conv2d."),
    (nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2)), torch.zeros(2, 5),
     "the probe batch has shape (2, 5), but the first nn.Linear '0' takes 4 inputs per sample."),
    (Skip(), torch.ones(2, 4),
     "the model's output is not the output of 'fc2' through relu, leaky_relu, sigmoid, tanh or nothing "
     "(a branch or another operation between layers)."),
    (Twice(), torch.ones(2, 4),
     "the nn.Linear 'fc' runs 2 times in one forward pass, and nntui.watch needs each to run once, in a chain."),
])
def test_an_unsupported_model_or_probe_is_one_sentence_naming_the_module(tmp_path, model, x, message):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1) if list(model.parameters()) else \
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    with pytest.raises(nntui.WatchError) as info:
        nntui.watch(model, optimizer, probe=(x, torch.zeros(len(x), dtype=torch.int64)), path=tmp_path / "x.nnt")
    assert str(info.value) == message
    assert not (tmp_path / "x.nnt").exists()  # refused before any file is made


def test_a_probe_that_is_not_a_pair_of_tensors_is_one_sentence(tmp_path):
    model = nn.Linear(2, 1)
    with pytest.raises(nntui.WatchError, match=r"^probe must be a pair \(x, y\) of tensors"):
        nntui.watch(model, torch.optim.SGD(model.parameters(), lr=0.1), probe=[1, 2, 3], path=tmp_path / "p.nnt")


def test_a_missing_folder_is_one_sentence(tmp_path):
    model = nn.Linear(2, 1)
    with pytest.raises(nntui.WatchError) as info:
        nntui.watch(model, torch.optim.SGD(model.parameters(), lr=0.1), probe=(torch.zeros(2, 2), torch.zeros(2, 1)),
                    path=tmp_path / "missing" / "p.nnt")
    assert str(info.value).endswith(f"the folder {tmp_path / 'missing'} does not exist.")
