"""Weight initialization (--init): each scheme's distribution, zero biases, the default per activation.

A sample standard deviation of N independent normal draws has a relative
standard error of about 1/sqrt(2N), and a sample mean a standard error of
σ/sqrt(N); the tolerances are five of those on a layer of a million weights.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nntui.nn import MLP
from nntui.nn.init import parse_init, weight_std

FAN_IN, FAN_OUT = 2000, 500
N = FAN_IN * FAN_OUT


def big_net(init: str | None, activation: str = "relu", seed: int = 0) -> MLP:
    return MLP([FAN_IN, FAN_OUT, 3], [activation, "linear"], "mse", dtype="float64", seed=seed, init=init)


def assert_normal(W: np.ndarray, sigma: float) -> None:
    assert W.std() == pytest.approx(sigma, rel=5 / math.sqrt(2 * W.size))
    assert abs(W.mean()) < 5 * sigma / math.sqrt(W.size)


@pytest.mark.parametrize(("init", "activation", "sigma"), [
    ("he", "relu", math.sqrt(2 / FAN_IN)),
    ("he", "tanh", math.sqrt(2 / FAN_IN)),  # asked for: He on any activation
    ("xavier", "relu", math.sqrt(2 / (FAN_IN + FAN_OUT))),
    ("normal:0.3", "sigmoid", 0.3),
    (None, "relu", math.sqrt(2 / FAN_IN)),  # the default: He for the relu family…
    (None, "leaky_relu", math.sqrt(2 / FAN_IN)),
    (None, "sigmoid", math.sqrt(2 / (FAN_IN + FAN_OUT))),  # …and Xavier otherwise
    (None, "tanh", math.sqrt(2 / (FAN_IN + FAN_OUT))),
])
def test_each_scheme_draws_normal_weights_with_its_std_and_zero_biases(init, activation, sigma):
    net = big_net(init, activation)
    assert_normal(net.weights[0], sigma)
    assert all(not b.any() for b in net.biases)


def test_zeros_gives_exactly_zero_weights_and_biases():
    net = big_net("zeros")
    assert all(np.array_equal(W, np.zeros_like(W)) and not np.signbit(W).any() for W in net.weights)
    assert all(np.array_equal(b, np.zeros_like(b)) for b in net.biases)


def test_a_scheme_applies_to_every_layer_and_the_default_follows_each_layer():
    scheme = MLP([400, 300, 200], ["relu", "linear"], "mse", dtype="float64", init="he")
    default = MLP([400, 300, 200], ["relu", "linear"], "mse", dtype="float64")
    assert_normal(scheme.weights[1], math.sqrt(2 / 300))  # the linear output layer gets He too
    assert_normal(default.weights[1], math.sqrt(2 / 500))  # by default it gets Xavier


def test_the_default_draws_exactly_what_it_always_drew():
    """Bit for bit: one generator seeded with the seed, standard normals per layer times He or Xavier."""
    net = MLP([5, 4, 3], ["relu", "linear"], "mse", dtype="float64", seed=7)
    rng = np.random.default_rng(7)
    W0 = rng.standard_normal((5, 4)) * np.sqrt(2.0 / 5)
    W1 = rng.standard_normal((4, 3)) * np.sqrt(2.0 / 7)
    assert np.array_equal(net.weights[0], W0) and np.array_equal(net.weights[1], W1)


def test_reinitializing_keeps_the_scheme():
    net = MLP([3, 4, 1], ["sigmoid", "linear"], "mse", init="zeros")
    net.params[:] = 1.0
    net.initialize(5)
    assert not net.params.any()


@pytest.mark.parametrize(("text", "parsed"), [
    ("he", ("he", None)), ("XAVIER", ("xavier", None)), (" zeros ", ("zeros", None)),
    ("normal:0.3", ("normal", 0.3)), ("normal:1e-2", ("normal", 0.01)),
])
def test_parse_init_reads_every_scheme(text, parsed):
    assert parse_init(text) == parsed


@pytest.mark.parametrize("text", ["foo", "normal", "normal:", "normal:-1", "normal:0", "normal:abc", "normal:nan",
                                  "normal:inf", "he:2", "zeros:0", ""])
def test_parse_init_refuses_anything_else_in_one_sentence(text):
    with pytest.raises(ValueError) as info:
        parse_init(text)
    assert str(info.value) == ("--init takes he, xavier, zeros or normal:σ with a σ above zero, like normal:0.1 "
                               f"(got {text!r})")


def test_weight_std_by_scheme():
    assert weight_std("zeros", 10, 20, True) == 0.0
    assert weight_std("normal:0.25", 10, 20, True) == 0.25
    assert weight_std(None, 8, 24, True) == weight_std("he", 8, 24, False) == 0.5
    assert weight_std(None, 8, 24, False) == weight_std("xavier", 8, 24, True) == 0.25
