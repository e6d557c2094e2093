"""`nntui watch` on a finished log, in the app: ← → home end move one snapshot, space plays, h l still select."""

from __future__ import annotations

from pilot_helpers import text_of, wait_for
from run_logs import finished_log

from nntui.config import RunConfig
from nntui.run.frame import PAUSED
from nntui.tui.app import make_app
from nntui.watch.log_source import open_log


async def test_replay_keys_move_through_the_snapshots_exactly(tmp_path):
    source = open_log(finished_log(tmp_path / "run.nnt").rec.path)  # snapshots at steps 0, 3, 6, 9, 12
    app = make_app(RunConfig(), source)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.frame.step == 12
        for key, step in (("left", 9), ("left", 6), ("right", 9), ("home", 0), ("left", 0), ("end", 12),
                          ("right", 12), ("left", 9)):
            seq = app.frame.seq
            await pilot.press(key)
            await wait_for(pilot, lambda: app.frame.seq > seq)
            assert app.frame.step == step, key
        assert (app.selection.layer, app.selection.i, app.selection.j) == (0, 0, 0)  # the arrows moved snapshots, not the weight
        await pilot.press("l")
        assert app.selection.j == 1
        await pilot.press("home", "space")
        await wait_for(pilot, lambda: app.frame.step == 12 and app.frame.state == PAUSED)
        await pilot.press("plus")
        assert text_of(app, "#event").strip() == "a recorded run cannot be nudged"
        await pilot.press("q")
