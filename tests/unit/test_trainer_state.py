"""Trainer.state_dict / load_state_dict: a run's counters, histories and data order move as one value."""

from __future__ import annotations

import numpy as np

from nntui.config import RunConfig
from nntui.training.trainer import Trainer


def test_a_loaded_state_continues_exactly_as_the_original_run(xor):
    config = RunConfig(dataset="xor", hidden=(4,), batch_size=3, seed=5)
    original = Trainer(config, xor)
    assert xor.n_train > 36  # 12 steps of 3 stay inside the first epoch: its order and position matter
    original.train_steps(7)
    twin = Trainer(config, xor)
    twin.load_state_dict(original.state_dict())
    for layer, source in zip(twin.net.layers, original.net.layers):
        layer.W[...], layer.b[...] = source.W, source.b
    twin.opt.load_state_dict(original.opt.state_dict())
    assert (twin.step, twin.epoch, twin.position) == (original.step, original.epoch, original.position) == (7, 0, 21)
    assert list(twin.losses) == list(original.losses) and twin.evals == original.evals
    original.train_steps(5)
    twin.train_steps(5)
    assert list(twin.losses) == list(original.losses)
    assert all(np.array_equal(a.W, b.W) for a, b in zip(twin.net.layers, original.net.layers))


def test_an_order_that_does_not_fit_the_data_is_ignored(xor):
    trainer = Trainer(RunConfig(dataset="xor"), xor)
    order = trainer.order.copy()
    trainer.load_state_dict({"step": 3, "order": np.arange(2), "position": 1})
    assert trainer.step == 3 and np.array_equal(trainer.order, order) and trainer.position == 0
