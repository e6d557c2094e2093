"""Activation traits live with the activation and travel in frames; the names are listed once."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.cli import train
from nntui.config import ACTIVATIONS, RunConfig
from nntui.nn.activations import ACTIVATIONS as FUNCTIONS
from nntui.nn.activations import HIDDEN_CYCLE
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop


@pytest.mark.parametrize("name,can_die,saturates", [
    ("relu", True, False), ("leaky_relu", True, False), ("sigmoid", False, True), ("tanh", False, True),
    ("linear", False, False),
])
def test_each_activation_states_its_traits(name, can_die, saturates):
    f = FUNCTIONS[name]
    assert (f.can_die, f.saturates) == (can_die, saturates)
    z = np.array([-8.0, -1.0, 1.0, 8.0])
    slope = f.backward(z, f.forward(z, np.empty_like(z)), np.ones_like(z), np.empty_like(z))
    if saturates:  # flat far out, steep near 0
        assert slope[0] < 0.01 and slope[-1] < 0.01 and slope[1] > 0.1
    if can_die:  # below zero almost nothing passes
        assert slope[0] <= 0.01 and slope[-1] == 1.0


# Each activation's derivative: the text it declares, and that formula of z and a = f(z) computed here.
DERIVATIVES = {
    "relu": ("1 if z > 0 else 0", lambda z, a: np.where(z > 0, 1.0, 0.0)),
    "leaky_relu": ("1 if z > 0 else 0.01", lambda z, a: np.where(z > 0, 1.0, 0.01)),
    "sigmoid": ("a·(1 − a)", lambda z, a: a * (1 - a)),
    "tanh": ("1 − a²", lambda z, a: 1 - a**2),
    "linear": ("1", lambda z, a: np.ones_like(z)),
}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_each_activation_writes_the_derivative_its_backward_computes(name):
    text, formula = DERIVATIVES[name]  # a new activation needs its row here
    f = FUNCTIONS[name]
    assert f.derivative == text and f.traits["derivative"] == text
    z = np.linspace(-6.0, 6.0, 241)  # float64, through 0
    a = f.forward(z, np.empty_like(z))
    slope = f.backward(z, a, np.ones_like(z), np.empty_like(z))  # blame for dL/da = 1: f'(z)
    np.testing.assert_allclose(slope, formula(z, a), rtol=1e-7, atol=1e-15)  # (leaky: a float32 slope)
    h, smooth = 1e-6, np.abs(z) > 1e-3  # central differences of f itself, away from a kink at 0
    numeric = (f.forward(z + h, np.empty_like(z)) - f.forward(z - h, np.empty_like(z))) / (2 * h)
    np.testing.assert_allclose(formula(z, a)[smooth], numeric[smooth], rtol=1e-6, atol=1e-9)


def test_the_names_are_listed_once_for_the_cli_and_the_a_key():
    assert ACTIVATIONS == tuple(FUNCTIONS) and HIDDEN_CYCLE == tuple(n for n in FUNCTIONS if n != "linear")
    [option] = [p for p in train.params if p.name == "activation"]
    assert tuple(option.type.choices) == ACTIVATIONS


def test_the_a_key_cycles_through_the_hidden_activations_and_frames_carry_their_traits(xor):
    loop = TrainerLoop(RunConfig(dataset="xor", hidden=(4,), activation="relu"), dataset=xor, paused=True)
    seen = []
    for _ in HIDDEN_CYCLE:
        hidden = loop.first_frame().layers[0]
        seen.append(hidden.activation)
        traits = FUNCTIONS[hidden.activation]
        assert (hidden.can_die, hidden.saturates, hidden.derivative) == (traits.can_die, traits.saturates,
                                                                         traits.derivative)
        loop.apply(cmd.CycleActivation())
    assert tuple(seen) == HIDDEN_CYCLE and loop.first_frame().layers[0].activation == HIDDEN_CYCLE[0]


def test_a_step_taken_apart_carries_the_activation_slope(xor):
    loop = TrainerLoop(RunConfig(dataset="xor", hidden=(4,), activation="tanh"), dataset=xor, paused=True)
    loop.apply(cmd.PhaseStep())
    phase = loop.phase
    np.testing.assert_allclose(phase.slope[0], 1 - np.tanh(phase.z[0]) ** 2, rtol=1e-5, atol=1e-6)
