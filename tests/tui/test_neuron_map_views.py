"""The neuron maps on screen: inside the nodes, the map view (m), the selected neuron large in Data, the hinge.

The maps themselves are checked against an independent forward pass in
tests/unit/test_neuron_maps.py; here: where they are drawn, which neuron,
with which numbers, and what a run without them says.
"""

from __future__ import annotations

import numpy as np
import pytest
from frames import make_frame
from pilot_helpers import pane_line, text_of, wait_for
from run_logs import Writer

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.mapdraw import colours, resampled
from nntui.tui.neuron_maps import NOT_RECORDED
from nntui.tui.neuronplane import fitted_formula
from nntui.tui.render import symmetric_scale
from nntui.tui.selection import Selection
from nntui.tui.widgets.data import BoundaryPlot, CurvePlot
from nntui.tui.widgets.network import NODE_MAPS_NOTE, NetworkPane
from nntui.tui.widgets.neuron_maps import node_tiles, tile_centres, view_layout
from nntui.watch.log_source import open_log


def run_frame(dataset: str, hidden: tuple[int, ...] | None, steps: int):
    config = RunConfig(dataset=dataset, hidden=hidden)
    loop = TrainerLoop(config, dataset=load_dataset(dataset, seed=0), paused=True)
    loop.trainer.train_steps(steps)
    return config, loop.make_frame()


@pytest.fixture(scope="module")
def moons():
    return run_frame("moons", (8, 8), 300)


# -- layouts ------------------------------------------------------------------


def test_eight_neurons_a_layer_get_maps_in_their_nodes_at_120x40_with_a_pixel_between_them(moons):
    _, frame = moons
    tiles = node_tiles(frame, room=78 - 1 - 4, height=16)  # the Network pane's content at 120x40
    assert (tiles.size, tiles.captions) == (3, False)  # 8·3 + 7 pixels: the caption line is needed
    centres = tile_centres(8, 3, 32)
    tops = centres - 1
    assert tops[0] >= 0 and tops[-1] + 3 <= 32 and (np.diff(tops) >= 4).all()
    assert node_tiles(frame, room=78 - 5, height=8).size == 0  # no room: plain neurons
    assert node_tiles(make_frame("spiral"), room=200, height=60).size == 0  # a frame without maps


def test_the_map_view_shows_every_neuron_once_when_they_fit(moons):
    _, frame = run_frame("spiral", None, 5)  # 2-16-16-1
    tiles, notes = view_layout(frame, Selection(), 78, 15)
    assert sorted((t.number, t.j) for t in tiles) == [(n, j) for n in (1, 2) for j in range(16)]
    assert notes == []
    cells = [(y, x) for t in tiles for y in range(t.y, t.y + 1 + t.size // 2) for x in range(t.x, t.x + 6)]
    assert len(cells) == len(set(cells))  # no two tiles (with their labels) overlap
    assert all(0 <= y < 15 and 0 <= x < 78 for y, x in cells)


def test_the_map_view_folds_a_wide_layer_around_the_selected_neuron_and_counts_the_rest():
    _, frame = run_frame("moons", (64, 64), 1)
    tiles, notes = view_layout(frame, Selection(layer=1, j=40), 78, 15)
    second = [t.j for t in tiles if t.number == 2]
    first = [t.j for t in tiles if t.number == 1]
    assert 40 in second and second == list(range(second[0], second[0] + len(second)))
    assert first == list(range(len(first)))
    assert notes == [f"L1 +{64 - len(first)} more", f"L2 +{64 - len(second)} more"]


# -- in the app -----------------------------------------------------------------


async def test_maps_in_the_nodes_at_120x40(moons):
    config, frame = moons
    app = make_app(config, frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(NetworkPane)
        assert [c.tile for c in pane._columns] == [0, 3, 3, 0]
        assert str(pane.border_subtitle) == NODE_MAPS_NOTE
        assert "8 relu" not in "".join(pane_line(pane, y) for y in range(pane.size.height))  # captions: the border


async def test_m_lays_out_every_map_and_data_shows_the_selected_one_with_its_formula(moons):
    config, frame = moons
    app = make_app(config, frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", "l", "l")
        await pilot.pause()
        pane, plot = app.query_one(NetworkPane), app.query_one(BoundaryPlot)
        assert "neuron maps (m)" in str(pane.border_title)
        text = "\n".join(pane_line(pane, y) for y in range(pane.size.height))
        assert all(f"L{n} n{j}" in text for n in (1, 2) for j in range(8))
        assert "▸L1 n2" in text
        assert pane_line(plot, 0).rstrip() == fitted_formula(frame, 1, 2, plot.size.width)
        assert pane_line(plot, plot.size.height - 1).startswith("L1 n2's a:")
        # the map under the points: each cell's two pixels are the map's colours, on its own scale
        canvas, side = plot._canvas, min(plot.size.width, 2 * (plot.size.height - 2)) // 2 * 2
        x0 = (plot.size.width - side) // 2
        values = np.asarray(frame.data_view.neuron_maps[0][:, :, 2])
        expected = colours(resampled(values, side, side) / symmetric_scale(values), 1.0, plot.palette, False)
        plain = canvas.chars[1: 1 + side // 2, x0: x0 + side] == "▀"  # cells with no point on them
        assert plain.mean() > 0.8
        np.testing.assert_array_equal(canvas.fg[1: 1 + side // 2, x0: x0 + side][plain], expected[0::2][plain])
        np.testing.assert_array_equal(canvas.bg[1: 1 + side // 2, x0: x0 + side][plain], expected[1::2][plain])
        await pilot.press("right_square_bracket", "right_square_bracket")  # the output's weights: the boundary
        await pilot.pause()
        assert pane_line(plot, 0).rstrip() == "the output's map is the boundary"  # (38 columns)


async def test_a_click_on_a_map_selects_its_neuron(moons):
    config, frame = moons
    app = make_app(config, frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        tile = next(t for t in app.query_one(NetworkPane)._tiles if (t.number, t.j) == (2, 5))
        await pilot.click(NetworkPane, offset=(1 + tile.x + 1, 1 + tile.y + 1))
        await pilot.pause()
        assert (app.selection.layer, app.selection.j) == (1, 5)


async def test_a_recorded_run_without_maps_says_so(tmp_path):
    g = np.linspace(-1, 1, 6)
    w = Writer(tmp_path / "run.nnt", sizes=(2, 3, 2), grid=(g, g))
    w.steps(0, 3, out=np.random.default_rng(1).normal(size=(6, 6, 2)).astype(np.float32))
    w.rec.close()
    source = open_log(w.rec.path)
    app = make_app(RunConfig(), source)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        pane, plot = app.query_one(NetworkPane), app.query_one(BoundaryPlot)
        assert pane_line(pane, 0).startswith(NOT_RECORDED)
        assert pane_line(plot, 0).rstrip() == "maps are not recorded in this run"  # (the pane is 38 wide)
        await pilot.press("q")


@pytest.mark.parametrize("kind, note", [
    ("mnist", "neuron maps are drawn for 2-D inputs (this run has 784)"),
    ("sine", "neuron maps are drawn for 2-D inputs (this run has 1); on 1-D data the Data pane marks the selected "
             "unit's hinge"),
])
async def test_m_on_other_data_says_what_it_is_for(kind, note):
    app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert not app.selection.neuron_maps
        assert text_of(app, "#event").strip() == note


async def test_the_selected_weights_hidden_unit_is_the_bright_hinge():
    config, frame = run_frame("sine", None, 100)
    app = make_app(config, frame=frame)
    async with app.run_test(size=(120, 40)) as pilot:
        plot = app.query_one(CurvePlot)
        await pilot.press("l", "l", "l")
        await wait_for(pilot, lambda: plot._shown is not None and plot._shown[2] == 3)
        await pilot.press("right_square_bracket", "down", "down")  # W1[2,0]: unit 2's outgoing weight
        await wait_for(pilot, lambda: plot._shown[2] == 2)
