"""Changing the network's shape from the keys: a neuron more or fewer (training goes on), a layer, typed sizes."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import text_of, wait_for

from nntui.config import MAX_HIDDEN_LAYERS, RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import MIN_SIZE, make_app
from nntui.tui.widgets.network import MIN_GAP_FOR_EDGES, NetworkPane

SIZES = [(120, 40), (80, 24)]


@pytest.fixture(scope="module")
def moons():
    return load_dataset("moons", seed=0)


def paused_app(moons, **overrides):
    config = RunConfig(dataset="moons", **overrides)  # the moons preset: 2-8-8-1, adam
    loop = TrainerLoop(config, dataset=moons, paused=True)
    return make_app(config, loop), loop


def split(flat: np.ndarray, sizes) -> list[tuple[np.ndarray, np.ndarray]]:
    """A flat parameter-shaped array cut into (W, b) per layer, W (fan_in, fan_out) first, then b."""
    out, start = [], 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W = flat[start:start + fan_in * fan_out].reshape(fan_in, fan_out)
        start += fan_in * fan_out
        out.append((W, flat[start:start + fan_out]))
        start += fan_out
    return out


def typed(text: str) -> list[str]:
    """The key names that type `text` into an Input."""
    return ["comma" if c == "," else c for c in text]


async def test_i_adds_one_neuron_keeping_every_other_weight_and_its_adam_state(moons):
    app, loop = paused_app(moons)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n")
        await wait_for(pilot, lambda: app.frame.step == 3)
        await pilot.press("right_square_bracket")  # W1: the neurons of L2
        before = [(np.array(layer.W), np.array(layer.b)) for layer in app.frame.layers]
        m, v = loop.run_owned(lambda t: (t.opt.m.copy(), t.opt.v.copy()))
        await pilot.press("i")
        await wait_for(pilot, lambda: app.frame.layer_sizes == (2, 8, 9, 1))
        after = [(np.array(layer.W), np.array(layer.b)) for layer in app.frame.layers]
        assert app.frame.step == 3  # training goes on from where it was
        assert np.array_equal(after[0][0], before[0][0]) and np.array_equal(after[0][1], before[0][1])
        assert np.array_equal(after[1][0][:, :8], before[1][0]) and np.array_equal(after[1][1][:8], before[1][1])
        assert np.array_equal(after[2][0][:8], before[2][0]) and np.array_equal(after[2][1], before[2][1])
        new_in, new_out = after[1][0][:, 8], after[2][0][8]
        assert after[1][1][8] == 0 and np.all(new_in != 0) and np.all(new_out != 0)
        assert np.abs(new_in).max() < np.abs(before[1][0]).max()  # small beside the trained weights
        m2, v2 = loop.run_owned(lambda t: (t.opt.m.copy(), t.opt.v.copy()))
        assert m2.size == v2.size == loop.trainer.net.params.size == 2 * 8 + 8 + 8 * 9 + 9 + 9 + 1
        for old, new in ((m, m2), (v, v2)):
            (W0, b0), (W1, b1), (W2, b2) = split(old, (2, 8, 8, 1))
            (N0, c0), (N1, c1), (N2, c2) = split(new, (2, 8, 9, 1))
            assert np.array_equal(N0, W0) and np.array_equal(c0, b0) and np.array_equal(c2, b2)
            assert np.array_equal(N1[:, :8], W1) and np.array_equal(c1[:8], b1) and np.array_equal(N2[:8], W2)
            assert not N1[:, 8].any() and c1[8] == 0 and not N2[8].any()  # the new neuron's state starts at zero
        await pilot.press("n")  # and it trains on
        await wait_for(pilot, lambda: app.frame.step == 4)


async def test_x_removes_the_selected_neuron_with_its_edges(moons):
    app, loop = paused_app(moons)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right", "right")  # W0[0,3]: neuron 3 of L1
        before = [np.array(layer.W) for layer in app.frame.layers]
        await pilot.press("x")
        await wait_for(pilot, lambda: app.frame.layer_sizes == (2, 7, 8, 1))
        after = [np.array(layer.W) for layer in app.frame.layers]
        assert np.array_equal(after[0], np.delete(before[0], 3, axis=1))
        assert np.array_equal(after[1], np.delete(before[1], 3, axis=0))
        assert np.array_equal(after[2], before[2])
        assert "neuron 3 of L1 removed" in text_of(app, "#event")


@pytest.mark.parametrize("size", SIZES)
async def test_X_removes_a_layer_and_every_pane_redraws(moons, size):
    app, loop = paused_app(moons)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "n")
        await wait_for(pilot, lambda: app.frame.step == 2)
        await pilot.press("right_square_bracket", "X")  # remove L2
        await wait_for(pilot, lambda: app.frame.layer_sizes == (2, 8, 1))
        assert app.frame.step == 0 and app.selection.layer <= 1  # a fresh run; the selection follows the shape
        for _ in app.panes.ids:  # show every pane (one at a time at 80x24)
            await pilot.press("tab")
            await pilot.pause()
        await pilot.press("I", "I")  # and layers back in
        await wait_for(pilot, lambda: app.frame.layer_sizes == (2, 8, 8, 8, 1))
        await pilot.pause()
        assert app.broken_panes == set()


async def test_typing_4_4_gives_a_2_4_4_1_net_and_bad_sizes_say_why(moons):
    app, loop = paused_app(moons)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("H")
        await pilot.press("backspace", "backspace", "backspace", *typed("4,4"), "enter")
        await wait_for(pilot, lambda: app.frame.layer_sizes == (2, 4, 4, 1))
        await pilot.press("H", "comma", "x", "enter")
        await wait_for(pilot, lambda: "comma-separated layer sizes" in text_of(app, "#event"))
        assert app.frame.layer_sizes == (2, 4, 4, 1)
        await pilot.press("H", *["backspace"] * 3, *typed("1,1,1,1,1,1,1,1,1"), "enter")
        await wait_for(pilot, lambda: "draws at most 8 hidden layers" in text_of(app, "#event"))
        assert app.frame.layer_sizes == (2, 4, 4, 1)


async def test_the_network_pane_draws_the_most_hidden_layers_with_edges_at_the_smallest_terminal(moons):
    """MAX_HIDDEN_LAYERS is what the Network pane can show: at 60x20 every column is drawn, gaps wide enough for edges."""
    app, loop = paused_app(moons, hidden=(3,) * MAX_HIDDEN_LAYERS)
    async with app.run_test(size=MIN_SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one(NetworkPane)
        columns = pane._columns
        assert len(columns) == MAX_HIDDEN_LAYERS + 2
        assert columns[-1].x + columns[-1].width <= pane.size.width
        gaps = [right.x - (left.x + left.width) for left, right in zip(columns, columns[1:])]
        assert min(gaps) >= MIN_GAP_FOR_EDGES
