"""Each teaching set shows what it is for: what a given network can and cannot learn (issue 3, seeded)."""

from __future__ import annotations

import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.trainer import Trainer


def test_accuracy(dataset: str, epochs: int, **options) -> float:
    """Test accuracy after training `epochs` epochs on `dataset` with seed 0 and the given options."""
    trainer = Trainer(RunConfig(dataset=dataset, seed=0, **options), load_dataset(dataset, seed=0))
    for _ in range(epochs):
        trainer.finish_epoch()
    return trainer.evaluate().test_acc


test_accuracy.__test__ = False  # a helper, not a test


def test_weather_is_solved_by_a_single_neuron():
    trainer = Trainer(RunConfig(dataset="weather", hidden=(), seed=0), load_dataset("weather", seed=0))
    assert trainer.spec.sizes == (2, 1)  # one sigmoid unit: two weights and a bias
    assert test_accuracy("weather", 30, hidden=()) >= 0.95


def test_xor_is_not_solved_without_a_hidden_layer():
    assert test_accuracy("xor", 100, hidden=()) <= 0.75


@pytest.mark.parametrize("units", [4, 8])
def test_xor_is_solved_with_one_hidden_layer(units):
    assert test_accuracy("xor", 100, hidden=(units,)) >= 0.95


def test_spiral_is_solved_with_two_hidden_layers():
    assert test_accuracy("spiral", 300, hidden=(16, 16)) >= 0.95


def test_digits_are_solved_by_simplenet():
    trainer = Trainer(RunConfig(dataset="digits", seed=0), load_dataset("digits", seed=0))
    assert trainer.spec.sizes == (784, 128, 64, 10)
    assert test_accuracy("digits", 5) >= 0.95
