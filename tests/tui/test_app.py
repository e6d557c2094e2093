"""Frames reach the screen, layouts follow the terminal size, clicks select, errors show (pilot tests)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from frames import make_frame
from fake_source import FakeSource
from pilot_helpers import text_of, wait_for
from textual.message import Message

from nntui.config import RunConfig
from nntui.run.frame import DIVERGED, RUNNING, NudgeResult
from nntui.tui.app import make_app
from nntui.tui.messages import FrameReady
from nntui.tui.widgets.network import NetworkPane
from nntui.tui.widgets.weights import WeightsPane

SIZE = (160, 48)


async def test_a_published_frame_updates_the_status_line(fake_app, spiral_frame):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        assert "step 7" in text_of(app, "#stats") and "paused" in text_of(app, "#state")
        loop.publish(replace(spiral_frame, step=8, state=RUNNING, samples_per_s=12345.0))
        await wait_for(pilot, lambda: app.frame.step == 8)
        await pilot.pause()
        stats = text_of(app, "#stats")
        assert "step 8" in stats and "12,345 samples/s" in stats and "spiral · 2-16-16-3" in stats
        assert "running" in text_of(app, "#state") and app.query_one("#state").has_class("-running")


async def test_a_nudge_result_shows_while_paused(fake_app, spiral_frame):
    app, _ = fake_app
    nudge = NudgeResult(layer=1, i=3, j=2, w_before=0.1, w_after=0.2, loss_before=0.4123, loss_after=0.4150)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(FrameReady(replace(spiral_frame, nudge=nudge, message="undid nothing")))
        await pilot.pause()
        event = text_of(app, "#event")
    assert "W1[3,2] 0.1000 → 0.2000" in event and "loss 0.4123 → 0.4150" in event and "undid nothing" in event


def test_a_newer_frame_replaces_a_queued_one(spiral_frame):
    assert FrameReady(spiral_frame).can_replace(FrameReady(spiral_frame))
    assert not FrameReady(spiral_frame).can_replace(Message())


async def test_resizing_switches_layouts_and_never_crashes(fake_app):
    app, _ = fake_app
    async with app.run_test(size=(200, 60)) as pilot:
        for size in [(200, 60), (80, 24), (50, 15), (120, 40), (60, 20)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            panes = [app.query_one(f"#{name}") for name in ("network", "activations", "loss", "weights", "data")]
            shown = [pane.id for pane in panes if pane.region.area]
            too_small = app.query_one("#too-small").region.area > 0
            if size == (50, 15):
                assert too_small and shown == []
            elif size in ((80, 24), (60, 20)):
                assert not too_small and shown == ["network"]
            else:
                assert not too_small and len(shown) == 5


async def test_clicking_a_heatmap_cell_or_a_neuron_selects_it(fake_app, spiral_frame):
    app, _ = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")  # W1: 16x16
        await pilot.pause()
        place = app.query_one(WeightsPane)._place
        # content offset = border (1, 1); the heatmap's cell for W1[4, 5] (top row of its square)
        x = 1 + place.x + (5 - place.col0) * place.zoom
        y = 1 + place.y + (4 - place.row0) * place.zoom // 2
        await pilot.click(WeightsPane, offset=(x, y))
        assert (app.selection.layer, app.selection.i, app.selection.j) == (1, 4, 5)
        column = app.query_one(NetworkPane)._columns[3]  # the 3 output neurons: clicking one selects W2[:, that]
        half = int(column.halves[1])
        await pilot.click(NetworkPane, offset=(1 + column.x, 1 + half // 2))
        assert (app.selection.layer, app.selection.j) == (2, 1)


async def test_a_failing_trainer_is_reported_not_raised(spiral_frame):
    loop = FakeSource(spiral_frame, fail_with=RuntimeError("out of memory"))
    app = make_app(RunConfig(dataset="spiral"), loop)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "out of memory" in text_of(app, "#event"))
        assert "training stopped" in text_of(app, "#event")


async def test_frame_only_app_trains_nothing_and_keys_are_harmless(spiral_frame):
    app = make_app(RunConfig(dataset="spiral"), frame=spiral_frame)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "plus", "space", "a")
        await asyncio.sleep(0)
        assert app.frame is spiral_frame and not app.workers


async def test_every_data_kind_draws_at_small_and_large_sizes():
    for kind in ("sine", "mnist"):
        app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
        async with app.run_test(size=(80, 24)) as pilot:
            for pane in ("activations", "loss", "weights", "data"):
                app.pane = pane
                await pilot.pause()
            await pilot.resize_terminal(*SIZE)
            await pilot.pause()
            network = app.query_one(NetworkPane)
            assert network.line_slice(0, 0, network.size.width).cell_length == network.size.width


async def test_a_diverged_run_says_so(fake_app, spiral_frame):
    app, _ = fake_app
    message = "diverged at step 8 with lr 10: press , to lower the learning rate, r to reset"
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(FrameReady(replace(spiral_frame, state=DIVERGED, message=message)))
        await pilot.pause()
        assert app.query_one("#state").has_class("-diverged") and "diverged" in text_of(app, "#state")
        assert message in text_of(app, "#event")


async def test_an_image_run_starts_on_a_centre_pixel_weight():
    frame = make_frame("mnist")
    app = make_app(RunConfig(dataset="mnist"), frame=frame)
    async with app.run_test(size=SIZE):
        assert (app.selection.layer, app.selection.i, app.selection.j) == (0, 14 * 28 + 14, 0)
