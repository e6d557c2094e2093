"""A bias is edited like a weight: Nudge, SetWeight, UndoNudge and Downhill with `bias` change b[k][j] alone, and
the probe loss they report is the loss of an independent float64 forward pass with the changed bias."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.nn.gradcheck import numeric_grad
from nntui.run import commands as cmd
from nntui.training.downhill import POINTS, weight_curve
from nntui.training.loop import TrainerLoop


def independent_loss(Ws, bs, X, y) -> float:
    """Mean binary cross-entropy of a ReLU MLP with one sigmoid output, in float64 (not the engine's code)."""
    a = np.asarray(X, np.float64)
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ np.asarray(W, np.float64) + np.asarray(b, np.float64)
        a = np.maximum(z, 0.0) if k < len(Ws) - 1 else z
    p = 1 / (1 + np.exp(-a[:, 0]))
    t = np.asarray(y, np.float64).ravel()
    return float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))


def loop_on(dataset, **overrides) -> TrainerLoop:
    loop = TrainerLoop(RunConfig(dataset=dataset.name, dtype="float64", **overrides), dataset=dataset, paused=True)
    loop.trainer.train_steps(30)
    return loop


def parameters(loop):
    net = loop.trainer.net
    return [layer.W.copy() for layer in net.layers], [layer.b.copy() for layer in net.layers]


@pytest.mark.parametrize("k,j", [(0, 2), (1, 0)])
def test_nudging_a_bias_changes_that_bias_alone_and_reports_the_probe_loss_of_a_forward_pass(xor, k, j):
    loop = loop_on(xor, hidden=(4,), activation="relu")
    Ws, bs = parameters(loop)
    probe_x, probe_y = loop.frames.probe_x, loop.frames.probe_y
    loop.apply(cmd.Nudge(k, 3, j, 0.25, bias=True))  # i=3 is not used for a bias
    Ws_after, bs_after = parameters(loop)
    assert all(np.array_equal(a, b) for a, b in zip(Ws, Ws_after))  # no weight moved
    for n, (b, b_after) in enumerate(zip(bs, bs_after)):
        changed = np.flatnonzero(b_after != b).tolist()
        assert changed == ([j] if n == k else [])
    assert bs_after[k][j] == pytest.approx(bs[k][j] + 0.25, abs=1e-12)
    nudge = loop.nudge
    assert (nudge.layer, nudge.j, nudge.bias) == (k, j, True)
    assert (nudge.w_before, nudge.w_after) == pytest.approx((bs[k][j], bs[k][j] + 0.25), abs=1e-12)
    assert nudge.loss_before == pytest.approx(independent_loss(Ws, bs, probe_x, probe_y), rel=1e-9)
    assert nudge.loss_after == pytest.approx(independent_loss(Ws, bs_after, probe_x, probe_y), rel=1e-9)


def test_zeroing_a_bias_and_undoing_it_restores_it_exactly():
    weather = load_dataset("weather", seed=0)
    loop = loop_on(weather, hidden=())
    Ws, bs = parameters(loop)
    loop.apply(cmd.SetWeight(0, 0, 0, 0.0, bias=True))
    assert loop.trainer.net.layers[0].b[0] == 0.0 and np.array_equal(loop.trainer.net.layers[0].W, Ws[0])
    assert loop.nudge.bias and loop.nudge.w_after == 0.0
    loop.apply(cmd.UndoNudge())
    assert np.array_equal(loop.trainer.net.layers[0].b, bs[0]) and loop.nudge.bias
    assert (loop.nudge.w_before, loop.nudge.w_after) == (0.0, bs[0][0])
    assert loop.message == "undid the change"


def test_the_downhill_curve_of_a_bias_is_the_probe_loss_as_that_bias_alone_moves(xor):
    loop = loop_on(xor, hidden=(4,), activation="relu")
    net, X, y = loop.trainer.net, loop.frames.probe_x, loop.frames.probe_y
    Ws, bs = parameters(loop)
    view = weight_curve(net, X, y, 0, 0, 1, bias=True)
    assert view.bias and view.w == bs[0][1] and len(view.ws) == POINTS
    for n in (0, POINTS // 3, POINTS - 1):
        moved = [b.copy() for b in bs]
        moved[0][1] = view.ws[n]
        assert view.losses[n] == pytest.approx(independent_loss(Ws, moved, X, y), rel=1e-9)
    assert np.array_equal(net.layers[0].b, bs[0])  # put back exactly
    slope = numeric_grad(lambda: net.loss_value(X, y), net.layers[0].b[1:2])[0]
    assert view.slope == pytest.approx(slope, rel=1e-5)


def test_the_downhill_command_with_bias_follows_the_bias(xor):
    loop = loop_on(xor, hidden=(4,), activation="relu")
    loop.apply(cmd.Downhill(1, 0, 0, bias=True))
    frame = loop.make_frame()
    assert frame.downhill is not None and frame.downhill.bias
    assert frame.downhill.w == loop.trainer.net.layers[1].b[0]
