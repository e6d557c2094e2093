"""`r` and `a` start a new run on new weights: nothing on screen still describes the old ones (issue 16, item 13)."""

from __future__ import annotations

import pytest
from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app

SIZE = (120, 40)


@pytest.mark.parametrize("key", ["r", "a"])
async def test_a_new_run_starts_from_step_0_with_no_old_loss_accuracy_or_history(key):
    config = RunConfig(dataset="xor", hidden=(4,), activation="tanh")
    app = make_app(config, TrainerLoop(config, dataset=load_dataset("xor", seed=0), paused=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "n")  # one whole epoch (a test measurement), then a step into the next
        per_epoch = app.source.trainer.steps_per_epoch
        await wait_for(pilot, lambda: app.frame.step == per_epoch + 1)
        assert "test acc" in text_of(app, "#stats") and app.frame.loss_history
        await pilot.press(key)
        await wait_for(pilot, lambda: app.frame.step == 0)
        frame = app.frame
        assert (frame.epoch, frame.loss_history, frame.evals, frame.train_loss) == (0, (), (), None)
        stats = text_of(app, "#stats")
        assert "step 0" in stats and "epoch 0" in stats and "test acc" not in stats
        assert f"{frame.probe_loss:.4g}" in stats  # the only loss the new weights have: the probe batch's
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 1)
        assert len(app.frame.loss_history) == 1
