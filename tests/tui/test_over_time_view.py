"""The Activations pane's gradients-over-time view (key o): shown and hidden by o, what it draws from a trained
run at 80x24 and 120x40 (snapshots, fixed seed), a run log's per snapshot, and a source that records none says so."""

from __future__ import annotations

import pytest
from pilot_helpers import text_of, wait_for
from run_logs import finished_log
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.over_time_flags import flags
from nntui.tui.widgets.histogram_map import NO_ROOM, HistogramMap
from nntui.tui.widgets.over_time import NOT_RECORDED, OverTimePanel
from nntui.tui.widgets.pane import Band
from nntui.watch.log_source import open_log


def trained(steps: int = 400, every: int = 10):
    """Spiral 2-8-8-1 ReLU, seed 0, a probe frame every `every` steps (each one a histogram column)."""
    config = RunConfig(dataset="spiral", hidden=(8, 8), seed=0)
    loop = TrainerLoop(config, dataset=load_dataset("spiral", seed=0), paused=True)
    loop.first_frame()
    with threadpool_limits(1):
        for _ in range(steps // every):
            loop.trainer.train_steps(every)
            loop.make_frame(refresh_view=True)
    return config, loop.make_frame(refresh_view=True)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_over_time_snapshot(snap_compare, size):
    config, frame = trained()
    assert snap_compare(make_app(config, frame=frame), press=("o",), terminal_size=size)


async def test_o_swaps_the_bars_for_the_view_and_back():
    config, frame = trained(steps=100)
    app = make_app(config, frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one("#activations")
        panel = pane.query_one(OverTimePanel)
        assert not panel.display and all(band.display for band in pane.query(Band))
        await pilot.press("o")
        await pilot.pause()
        assert panel.display and not any(band.display for band in pane.query(Band))
        assert pane.border_title == "Activations over time"
        assert text_of(app, "#over-time-flags").replace("\n", " ") == flags(frame)[0]  # (wrapped at words)
        await pilot.press("o")
        await pilot.pause()
        assert not panel.display and pane.border_title == "Activations"


async def test_a_source_without_the_view_says_it_was_not_recorded(fake_app):
    app, _ = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.pane == "activations"  # one pane at a time: o shows this one
        assert text_of(app, "#over-time-flags").replace("\n", " ") == NOT_RECORDED


async def test_a_run_log_shows_its_view_per_snapshot_and_follows_the_replay(tmp_path):
    source = open_log(finished_log(tmp_path / "run.nnt").rec.path)  # snapshots at steps 0, 3, 6, 9, 12
    app = make_app(RunConfig(), source)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert text_of(app, "#over-time-legend") == "━ L1  ━ L2 · per snapshot"
        seq = app.frame.seq
        await pilot.press("left")
        await wait_for(pilot, lambda: app.frame.seq > seq)
        assert app.frame.over_time.steps.tolist() == [0, 3, 6, 9]
        await pilot.press("q")


async def test_a_pane_too_short_for_the_histograms_says_so():
    config = RunConfig(dataset="spiral", hidden=(8,) * 6, seed=0)
    loop = TrainerLoop(config, dataset=load_dataset("spiral", seed=0), paused=True)
    loop.trainer.train_steps(20)
    app = make_app(config, frame=loop.make_frame(refresh_view=True))
    async with app.run_test(size=(120, 40)) as pilot:  # 6 hidden layers want 7 lines; the pane has fewer to spare
        await pilot.press("o")
        await pilot.pause()
        histograms = app.query_one(HistogramMap)
        assert histograms.size.height == 1
        assert histograms.render_line(0).text.rstrip() == NO_ROOM
