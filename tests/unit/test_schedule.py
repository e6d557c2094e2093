"""The learning-rate schedule: a preset's decay runs through its epochs, then the rate holds."""

from __future__ import annotations

import pytest

from nntui.config import PRESETS, RunConfig
from nntui.training.schedule import lr_at, schedule_text
from nntui.training.trainer import Trainer


def test_mnist_lr_decays_through_the_presets_epochs_then_holds():
    config = RunConfig(dataset="mnist").resolve()
    preset = PRESETS["mnist"]
    assert (preset.lr, preset.lr_decay, preset.epochs) == (0.05, 0.3, 3)
    expected = [0.05, 0.015, 0.0045, 0.00135] + [0.00135] * 7
    assert [lr_at(config, epoch) for epoch in range(11)] == pytest.approx(expected, rel=1e-12)


def test_the_trainer_follows_lr_at_epoch_by_epoch(xor):
    config = RunConfig(dataset="mnist", hidden=(4,), batch_size=64)  # MNIST's schedule on a small set
    trainer = Trainer(config, xor)
    seen = []
    for _ in range(8):
        trainer.finish_epoch()
        seen.append(trainer.opt.lr)
    assert seen == pytest.approx([0.05 * 0.3 ** min(k, 3) for k in range(1, 9)], rel=1e-9)
    assert seen == pytest.approx([lr_at(trainer.config, k) for k in range(1, 9)], rel=1e-9)


def test_schedule_text_says_what_happens():
    assert schedule_text(RunConfig(dataset="mnist").resolve()) == \
        "lr 0.05, ×0.3 after each of the first 3 epochs, then 0.00135"
    assert schedule_text(RunConfig(dataset="spiral").resolve()) == "lr 0.01, constant"


def test_train_prints_a_decaying_schedule_first(run_cli):
    result = run_cli("train", "--dataset", "digits", "--steps", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        "digits: 784 pixels (28×28) → digit (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)",  # the data first, then its schedule
        "lr 0.05, ×0.5 after each of the first 5 epochs, then 0.00156",
    ]
