"""A paused run resumes paused, a running one resumes running (issue 16, item 5): the app, then `nntui --resume`."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from pilot_helpers import text_of, wait_for

import nntui.tui.app
from nntui.config import RunConfig
from nntui.run.frame import PAUSED, RUNNING
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.keeper import RunKeeper

SIZE = (120, 40)


async def _quit_after(xor, pause: bool):
    """Run the app on xor, pause it with space if `pause`, quit with q; the keeper saves as run_app does."""
    config = RunConfig(dataset="xor", speed=200.0)
    loop = TrainerLoop(config, dataset=xor)
    app = make_app(config, loop)
    keeper = app.keeper = RunKeeper(lambda: loop, lambda: asdict(app.view))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.frame.step >= 3)
        if pause:
            await pilot.press("space")
            await wait_for(pilot, lambda: app.frame.state == PAUSED)
        await pilot.press("q")
    assert keeper.save_final() is not None
    return loop.trainer.step


@pytest.mark.parametrize("paused", [True, False], ids=["paused", "running"])
async def test_resume_starts_the_run_as_it_was_left(xor, run_cli, monkeypatch, paused):
    saved_step = await _quit_after(xor, paused)
    opened = []
    monkeypatch.setattr(nntui.tui.app, "run_app", lambda config, source, *, view=None: opened.append(
        (config, source, view)) or 0)
    assert run_cli("--resume").code == 0
    [(config, source, view)] = opened
    assert source.trainer.step == saved_step
    app = make_app(config, source, view=view)
    async with app.run_test(size=SIZE) as pilot:
        if paused:
            await pilot.pause(0.3)  # time enough for 60 steps at --speed 200: none is taken
            assert (app.frame.state, app.frame.step) == (PAUSED, saved_step)
            assert text_of(app, "#state").strip() == "paused"
            await pilot.press("space")
        await wait_for(pilot, lambda: app.frame.step > saved_step)
        assert app.frame.state == RUNNING
        await pilot.press("q")
