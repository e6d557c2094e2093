"""The engine: gradients by central differences, stability, optimizers, determinism, divergence."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nntui.nn import MLP, get_loss, make_optimizer
from nntui.nn.activations import ACTIVATIONS
from nntui.nn.gradcheck import check_network, numeric_grad, relative_error

LOSS_TARGETS = {
    "softmax_cross_entropy": (3, lambda rng, n: rng.integers(0, 3, n)),
    "binary_cross_entropy": (1, lambda rng, n: rng.integers(0, 2, n)),
    "mse": (2, lambda rng, n: rng.standard_normal((n, 2))),
}


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(LOSS_TARGETS))
def test_gradients_match_central_differences(activation, loss):
    rng = np.random.default_rng(42)
    n_out, make_y = LOSS_TARGETS[loss]
    net = MLP([4, 6, 5, n_out], [activation, activation, "linear"], loss, dtype="float64", seed=3)
    X = rng.standard_normal((7, 4))
    assert check_network(net, X, make_y(rng, 7)) < 1e-7


@pytest.mark.parametrize("l1,l2", [(0.05, 0.0), (0.0, 0.1), (0.03, 0.07)])
def test_penalty_gradients_match_central_differences(l1, l2):
    rng = np.random.default_rng(1)
    net = MLP([3, 5, 2], ["tanh", "linear"], "softmax_cross_entropy", dtype="float64", seed=0, l1=l1, l2=l2)
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 2, 6)
    assert check_network(net, X, y) < 1e-7
    # and the penalty is really in the loss: l1·Σ|W| + l2/2·ΣW²
    expected = sum(l1 * np.abs(W).sum() + 0.5 * l2 * (W**2).sum() for W in net.weights)
    assert net.penalty() == pytest.approx(expected, rel=1e-12)


def test_blame_is_dL_dz_for_every_layer():
    rng = np.random.default_rng(5)
    net = MLP([3, 4, 3], ["sigmoid", "linear"], "softmax_cross_entropy", dtype="float64", seed=2)
    X, y = rng.standard_normal((5, 3)), rng.integers(0, 3, 5)
    rec = net.record(X, y)
    # the chain rule, layer by layer: dW = a_prev.T @ blame, db = Σ blame, blame_prev = (blame @ W.T)·f'(z)
    assert np.allclose(rec.dW[1], rec.a[0].T @ rec.blame[1])
    assert np.allclose(rec.db[1], rec.blame[1].sum(0))
    assert np.allclose(rec.dW[0], X.T @ rec.blame[0])
    sig = rec.a[0]
    assert np.allclose(rec.blame[0], (rec.blame[1] @ net.weights[1].T) * sig * (1 - sig))
    # and the output blame is the numeric derivative of the mean loss w.r.t. the logits
    z = rec.z[1].copy()
    loss = get_loss("softmax_cross_entropy")
    numeric = numeric_grad(lambda: float(loss.per_sample(z, y).mean()), z)
    assert relative_error(rec.blame[1], numeric) < 1e-6


def test_record_leaves_gradients_alone():
    rng = np.random.default_rng(0)
    net = MLP([2, 3, 1], ["relu", "linear"], "binary_cross_entropy", seed=0)
    X, y = rng.standard_normal((4, 2)).astype(np.float32), rng.integers(0, 2, 4)
    net.loss_and_grad(X, y)
    before = net.grads.copy()
    net.record(rng.standard_normal((9, 2)), rng.integers(0, 2, 9))
    assert np.array_equal(net.grads, before)


@pytest.mark.parametrize("loss,n_out", [("softmax_cross_entropy", 4), ("binary_cross_entropy", 1)])
def test_losses_are_stable_at_extreme_logits(loss, n_out):
    fn = get_loss(loss)
    z = np.array([[1e4] * n_out, [-1e4] * n_out, [88.0] * n_out, [-88.0] * n_out], np.float32)
    z[:, 0] *= -1
    y = np.array([0, 0, 1, 1]) if n_out > 1 else np.array([1, 0, 1, 0])
    blame = np.empty_like(z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = fn.value_and_blame(z, y, blame)
        per = fn.per_sample(z, y)
    assert np.isfinite(value) and np.isfinite(blame).all() and np.isfinite(per).all()
    assert value == pytest.approx(float(per.mean()), rel=1e-5)


def test_softmax_cross_entropy_known_value():
    fn = get_loss("softmax_cross_entropy")
    z = np.log(np.array([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]))
    blame = np.empty_like(z)
    assert fn.value_and_blame(z, np.array([0, 2]), blame) == pytest.approx(-(np.log(0.5) + np.log(0.8)) / 2)
    assert np.allclose(blame, np.array([[-0.5, 0.25, 0.25], [0.1, 0.1, -0.2]]) / 2)


def test_softmax_cross_entropy_refuses_a_blame_buffer_it_cannot_write_in_place():
    fn = get_loss("softmax_cross_entropy")
    z = np.zeros((2, 3))
    blame = np.empty((3, 2)).T  # right shape, column-major: its flat view would be a copy
    with pytest.raises(ValueError, match="C-contiguous"):
        fn.value_and_blame(z, np.array([0, 2]), blame)


def test_mse_known_value():
    fn = get_loss("mse")
    z = np.array([[1.0], [3.0]])
    blame = np.empty_like(z)
    assert fn.value_and_blame(z, np.array([[0.0], [1.0]]), blame) == pytest.approx((1 + 4) / 2)
    assert np.allclose(blame, [[1.0], [2.0]])


def test_init_scales_he_for_relu_and_xavier_otherwise():
    relu = MLP([400, 300, 2], ["relu", "linear"], "mse", seed=0)
    tanh = MLP([400, 300, 2], ["tanh", "linear"], "mse", seed=0)
    assert relu.weights[0].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert tanh.weights[0].std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)
    assert relu.params.dtype == np.float32
    assert MLP([2, 2], ["linear"], "mse", dtype="float64").params.dtype == np.float64


def test_sgd_update_is_exact():
    params = np.array([1.0, -2.0, 0.5], np.float32)
    opt = make_optimizer("sgd", 3, lr=0.1)
    grads = np.array([1.0, 1.0, -2.0], np.float32)
    assert opt.step(params, grads)
    assert np.allclose(params, [0.9, -2.1, 0.7])
    assert np.allclose(grads, [-0.1, -0.1, 0.2])  # the gradient buffer is scratch: it now holds the update


def test_momentum_matches_the_textbook_recurrence():
    params = np.zeros(2)
    opt = make_optimizer("momentum", 2, lr=0.5, momentum=0.9, dtype=np.float64)
    g = np.array([1.0, -1.0])
    opt.step(params, g.copy())  # (a step writes its update over the gradient it is given)
    opt.step(params, g.copy())
    # v1 = g, v2 = 0.9 g + g = 1.9 g; p = -0.5 (1 + 1.9) g
    assert np.allclose(params, -0.5 * 2.9 * g)


def test_adam_first_step_moves_each_param_by_lr():
    params = np.zeros(3)
    opt = make_optimizer("adam", 3, lr=0.01, dtype=np.float64)
    opt.step(params, np.array([0.5, -3.0, 1e-3]))
    assert np.allclose(params, [-0.01, 0.01, -0.01], rtol=1e-4)


@pytest.mark.parametrize("name", ["momentum", "adam"])
def test_decaying_state_never_turns_subnormal(name):
    """A gradient that stops (a dead unit, a blank pixel) leaves state that decays; it must reach 0, not subnormals."""
    params = np.ones(2, np.float32)
    opt = make_optimizer(name, 2, lr=0.01, momentum=0.9)
    opt.step(params, np.array([1.0, 1.0], np.float32))
    tiny = np.finfo(np.float32).tiny  # the smallest normal float32
    for _ in range(2000):  # 0.9**2000 is far below float32's smallest subnormal
        opt.step(params, np.zeros(2, np.float32))
        for state in (opt.v,) if name == "momentum" else (opt.m,):
            assert not np.any((state != 0) & (np.abs(state) < tiny))
    assert (opt.v if name == "momentum" else opt.m).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_optimizer_state_round_trips(name):
    rng = np.random.default_rng(0)
    a, b = np.zeros(5, np.float32), np.zeros(5, np.float32)
    opt_a = make_optimizer(name, 5, lr=0.1)
    for _ in range(3):
        opt_a.step(a, rng.standard_normal(5).astype(np.float32))
    opt_b = make_optimizer(name, 5, lr=0.7)
    opt_b.load_state_dict(opt_a.state_dict())
    b[...] = a
    g = rng.standard_normal(5).astype(np.float32)
    opt_a.step(a, g.copy())
    opt_b.step(b, g.copy())
    assert np.array_equal(a, b)
    assert opt_b.lr == 0.1 and opt_b.t == 4


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_non_finite_update_is_refused_and_params_stay(name):
    params = np.array([1.0, 2.0], np.float32)
    opt = make_optimizer(name, 2, lr=0.1)
    assert not opt.step(params, np.array([np.nan, 1.0], np.float32))
    assert not opt.step(params, np.array([np.inf, 1.0], np.float32))
    assert params.tolist() == [1.0, 2.0]
    assert opt.t == 0


def test_huge_learning_rate_overflow_is_refused():
    params = np.array([1.0, 2.0], np.float32)
    opt = make_optimizer("sgd", 2, lr=1e38)
    assert not opt.step(params, np.array([1e3, 1.0], np.float32))
    assert params.tolist() == [1.0, 2.0]


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_an_update_ten_times_longer_than_the_weights_is_refused(name):
    params = np.array([5.0], np.float32)  # norm 5: updates up to length 50 pass
    def grads():  # the first update of every optimizer is then -lr
        return np.array([1.0], np.float32)

    assert not make_optimizer(name, 1, lr=50.5).step(params, grads())
    assert params.tolist() == [5.0]
    opt = make_optimizer(name, 1, lr=49.5)
    assert opt.step(params, grads()) and opt.t == 1
    assert params.tolist() == pytest.approx([5.0 - 49.5], rel=1e-5)


def test_weights_near_zero_still_allow_updates_up_to_ten():
    params = np.array([0.0, 0.1], np.float32)  # norm below 1: the limit is 10 · 1
    assert not make_optimizer("sgd", 2, lr=10.5).step(params, np.array([1.0, 0.0], np.float32))
    assert params.tolist() == pytest.approx([0.0, 0.1])
    assert make_optimizer("sgd", 2, lr=9.5).step(params, np.array([1.0, 0.0], np.float32))
    assert params.tolist() == pytest.approx([-9.5, 0.1])


def test_same_seed_same_weights():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((32, 5)).astype(np.float32), rng.integers(0, 3, 32)

    def run(seed):
        net = MLP([5, 8, 3], ["relu", "linear"], "softmax_cross_entropy", seed=seed)
        opt = make_optimizer("adam", net.params.size, lr=0.01)
        for _ in range(20):
            net.loss_and_grad(X, y)
            opt.step(net.params, net.grads)
        return net.params.copy()

    assert np.array_equal(run(7), run(7))
    assert not np.array_equal(run(7), run(8))


def test_batch_of_one_matches_general_path():
    rng = np.random.default_rng(0)
    net = MLP([6, 4, 2], ["relu", "linear"], "softmax_cross_entropy", dtype="float64", seed=0)
    X, y = rng.standard_normal((1, 6)), np.array([1])
    net.loss_and_grad(X, y)
    single = net.grads.copy()
    net.loss_and_grad(np.repeat(X, 2, axis=0), np.array([1, 1]))
    assert np.allclose(single, net.grads)


def test_bad_shapes_and_names_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        MLP([2, 2], ["swish"], "mse")
    with pytest.raises(ValueError, match="unknown loss"):
        MLP([2, 2], ["linear"], "hinge")
    with pytest.raises(ValueError, match="need 2 activations"):
        MLP([2, 3, 1], ["relu"], "mse")


def test_inputs_of_another_dtype_are_converted_to_the_network_s():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 3, 6)
    net = MLP([3, 5, 3], ["relu", "linear"], "softmax_cross_entropy", seed=0)
    loss64 = net.loss_and_grad(X, y)
    grads64 = net.grads.copy()
    loss32 = net.loss_and_grad(X.astype(np.float32), y)
    assert loss64 == loss32 and np.array_equal(grads64, net.grads)
    assert net.predict(X.tolist()).dtype == np.float32
