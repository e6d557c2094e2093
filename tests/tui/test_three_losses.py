"""Three losses on one screen, each named (issue 16, item 14): the status line's mean training loss over the last
N steps, the nudge's probe-batch loss before → after, and the Loss pane's loss of this (the latest) batch."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app


async def test_each_loss_on_screen_says_which_loss_it_is_and_has_that_value():
    config = RunConfig(dataset="xor", hidden=(4,), activation="tanh")
    app = make_app(config, TrainerLoop(config, dataset=load_dataset("xor", seed=0), paused=True))
    async with app.run_test(size=(80, 24)) as pilot:
        probe_before = app.frame.probe_loss
        assert f"probe-batch loss {probe_before:.4g}" in text_of(app, "#stats")  # no step yet: the probe's
        await pilot.press("n", "n", "n")
        await wait_for(pilot, lambda: app.frame.step == 3)
        await pilot.pause(0.2)
        losses = list(app.source.trainer.losses)
        assert f"loss {np.mean(losses):.4g} (3-step mean)" in text_of(app, "#stats")
        assert f"this batch {losses[-1]:.4g}" in text_of(app, "#loss-caption")
        before = app.frame.probe_loss
        await pilot.press("plus")
        await wait_for(pilot, lambda: app.frame.nudge is not None)
        nudge = app.frame.nudge
        # the nudge's numbers are the probe batch's loss (the frame's, to float32 precision), before and after
        assert nudge.loss_before == pytest.approx(before, rel=1e-6)
        assert nudge.loss_after == pytest.approx(app.frame.probe_loss, rel=1e-6)
        assert f"probe-batch loss {nudge.loss_before:.4f} → {nudge.loss_after:.4f}" in text_of(app, "#event")
