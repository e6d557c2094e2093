"""The teaching views' trainer side: phase stepping, the downhill curve, the ReLU hinges (no UI)."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.nn.gradcheck import numeric_grad
from nntui.run import commands as cmd
from nntui.training.downhill import POINTS, weight_curve
from nntui.training.loop import TrainerLoop


def paused_loop(dataset, **overrides) -> TrainerLoop:
    return TrainerLoop(RunConfig(dataset=dataset.name, **overrides), dataset=dataset, paused=True)


def walk(loop: TrainerLoop, presses: int) -> list[tuple[str, int, int, int]]:
    """(phase, layers done, trainer step, frame step) after each PhaseStep."""
    seen = []
    for _ in range(presses):
        loop.apply(cmd.PhaseStep())
        frame = loop.make_frame()
        seen.append((loop.phase.phase, loop.phase.done, loop.trainer.step, frame.step))
    return seen


def test_phases_go_forward_loss_backward_update_and_the_step_moves_by_one_at_update(xor):
    loop = paused_loop(xor, hidden=(4,), batch_size=1, activation="tanh")  # 2-4-1: two layers
    assert walk(loop, 13) == [
        ("forward", 1, 0, 0), ("forward", 2, 0, 0), ("loss", 2, 0, 0),
        ("backward", 1, 0, 0), ("backward", 2, 0, 0), ("update", 2, 1, 1),
        ("forward", 1, 1, 1), ("forward", 2, 1, 1), ("loss", 2, 1, 1),
        ("backward", 1, 1, 1), ("backward", 2, 1, 1), ("update", 2, 2, 2),
        ("forward", 1, 2, 2),
    ]


def test_a_net_without_hidden_layers_has_one_press_per_phase(xor):
    loop = paused_loop(xor, hidden=(), batch_size=1)
    assert [p[:3] for p in walk(loop, 5)] == [
        ("forward", 1, 0), ("loss", 1, 0), ("backward", 1, 0), ("update", 1, 1), ("forward", 1, 1),
    ]


def test_the_phase_step_trains_on_the_batch_the_plain_step_would_use(xor):
    stepped, plain = paused_loop(xor, batch_size=1), paused_loop(xor, batch_size=1)
    walk(stepped, 6)
    plain.trainer.train_steps(1)
    assert np.array_equal(stepped.trainer.net.params, plain.trainer.net.params)


@pytest.mark.parametrize("batch_size", [1, 4])
def test_phase_blame_and_dW_are_the_loss_gradients_by_central_differences(xor, batch_size):
    loop = paused_loop(xor, hidden=(4,), batch_size=batch_size, activation="tanh", dtype="float64")
    walk(loop, 5)
    phase, net = loop.phase, loop.trainer.net
    assert phase.phase == "backward" and phase.done == 2
    X, y = np.array(phase.X), np.array(phase.y)
    for k, layer in enumerate(net.layers):
        def loss():
            return net.loss_value(X, y)
        assert np.allclose(phase.dW[k], numeric_grad(loss, layer.W), rtol=1e-6, atol=1e-9)
        dL_db = numeric_grad(loss, layer.b)
        assert np.allclose(phase.db[k], dL_db, rtol=1e-6, atol=1e-9)
        assert np.allclose(np.sum(phase.blame[k], axis=0), dL_db, rtol=1e-6, atol=1e-9)  # db = Σ blame
        if batch_size == 1:  # z = a·W + b: one sample's dL/dz is dL/db
            assert np.allclose(phase.blame[k][0], dL_db, rtol=1e-6, atol=1e-9)


def test_update_delta_is_minus_lr_times_dW_for_sgd_and_is_what_the_weights_received(xor):
    loop = paused_loop(xor, batch_size=1, optimizer="sgd", lr=0.1)
    walk(loop, 6)
    p = loop.phase
    assert p.phase == "update" and p.lr == 0.1
    for k, layer in enumerate(loop.trainer.net.layers):
        assert np.allclose(p.delta_W[k], -0.1 * np.asarray(p.dW[k]), atol=1e-7)
        assert np.allclose(np.asarray(p.W[k]) + p.delta_W[k], layer.W, atol=1e-7)


def test_a_nudge_during_a_phase_step_starts_the_step_afresh(xor):
    loop = paused_loop(xor, batch_size=1)
    walk(loop, 3)
    loop.apply(cmd.Nudge(0, 0, 0, 0.1))
    assert loop.phase is None
    assert walk(loop, 1)[0][:2] == ("forward", 1)


# -- downhill ------------------------------------------------------------------


def test_downhill_slope_is_the_central_difference_of_the_probe_loss(xor):
    loop = paused_loop(xor, hidden=(4,), dtype="float64")
    loop.trainer.train_steps(30)
    net, probe_x, probe_y = loop.trainer.net, loop.frames.probe_x, loop.frames.probe_y
    before = net.params.copy()
    for k, i, j in [(0, 1, 2), (1, 3, 0)]:
        view = weight_curve(net, probe_x, probe_y, k, i, j)
        W = net.layers[k].W
        numeric = numeric_grad(lambda: net.loss_value(probe_x, probe_y), W[i, j:j + 1])[0]
        assert view.slope == pytest.approx(numeric, rel=1e-6, abs=1e-10)
        assert view.w == W[i, j] and view.loss == pytest.approx(net.loss_value(probe_x, probe_y), rel=1e-12)
        assert len(view.ws) == POINTS and view.ws[0] < view.w < view.ws[-1]
        W[i, j] = view.ws[5]
        assert view.losses[5] == pytest.approx(net.loss_value(probe_x, probe_y), rel=1e-12)
        W[i, j] = view.w
    assert np.array_equal(net.params, before)  # the weight went back exactly


def test_downhill_follows_its_weight_and_a_nudge_moves_the_point_along_the_same_curve(xor):
    loop = paused_loop(xor, hidden=(4,), dtype="float64")
    assert loop.make_frame().downhill is None
    loop.apply(cmd.Downhill(0, 1, 2))
    first = loop.make_frame().downhill
    assert (first.layer, first.i, first.j) == (0, 1, 2)
    loop.apply(cmd.Nudge(0, 1, 2, 0.1))
    moved = loop.make_frame().downhill
    assert moved.w == pytest.approx(first.w + 0.1, abs=1e-12)
    assert np.array_equal(moved.ws, first.ws) and np.allclose(moved.losses, first.losses)
    assert moved.loss == pytest.approx(loop.frames.probe_loss(), rel=1e-12)
    loop.apply(cmd.Downhill(None))
    assert loop.make_frame().downhill is None


def test_downhill_is_recomputed_only_with_the_heavy_views(xor):
    loop = paused_loop(xor, hidden=(4,))
    loop.apply(cmd.Downhill(0, 0, 0))
    shown = loop.make_frame(refresh_view=True).downhill
    loop.trainer.train_steps(5)
    assert loop.make_frame(refresh_view=False).downhill is shown  # training at speed: the last curve is reused
    again = loop.make_frame(refresh_view=True).downhill
    assert again is not shown and again.w == loop.trainer.net.layers[0].W[0, 0]


# -- hinges ----------------------------------------------------------------------


def test_relu_hinges_bend_where_each_unit_switches_on(sine):
    loop = paused_loop(sine, hidden=(8,))
    loop.trainer.train_steps(50)
    view = loop.make_frame(refresh_view=True).data_view
    first = loop.trainer.net.layers[0]
    at = -first.b.astype(np.float64) / first.W[0].astype(np.float64)
    inside = np.sort(at[(at >= view.x[0]) & (at <= view.x[-1])])
    assert np.allclose(view.bends, inside)
    assert np.allclose(view.hinges.sum(axis=0) + view.output_bias, view.y_pred, atol=1e-5)


def test_deeper_and_squashing_nets_have_no_bends_and_deeper_ones_no_hinges(sine):
    deep = paused_loop(sine, hidden=(8, 8)).make_frame(refresh_view=True).data_view
    assert deep.hinges is None and deep.bends is None
    tanh = paused_loop(sine, hidden=(8,), activation="tanh").make_frame(refresh_view=True).data_view
    assert tanh.hinges.shape == (8, len(tanh.x)) and tanh.bends is None
