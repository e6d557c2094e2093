"""Snapshots of what each neuron computes: moons 2-8-8-1 (maps in the nodes at 120x40), spiral in the neuron-map
view (m) with a neuron's map large in Data, sine with a hidden unit's hinge bright.

Each is a real run (seeded data, a fixed number of steps), paused. Regenerate with
`pytest tests/tui/test_neuron_map_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


def paused_app(dataset: str, hidden: tuple[int, ...] | None, steps: int):
    config = RunConfig(dataset=dataset, hidden=hidden)
    loop = TrainerLoop(config, dataset=load_dataset(dataset, seed=0), paused=True)
    loop.trainer.train_steps(steps)
    return make_app(config, frame=loop.make_frame())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_moons_8_8_maps_in_the_nodes(snap_compare, size):
    assert snap_compare(paused_app("moons", (8, 8), 600), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_spiral_neuron_map_view(snap_compare, size):
    """m, then L1 n3 selected (l l l): every map in Network, n3's large in Data (at 80x24 the Network tab)."""
    assert snap_compare(paused_app("spiral", None, 1500), press=("m", "l", "l", "l"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_spiral_selected_neuron_large_in_data_at_80x24(snap_compare, size):
    """The Data tab with L2 n5's map and formula (at 120x40 the whole screen, as above but a layer 2 neuron)."""
    press = ("m", "right_square_bracket", *("l",) * 5) + (("shift+tab",) if size == (80, 24) else ())
    assert snap_compare(paused_app("spiral", None, 1500), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_sine_hinge_of_the_selected_unit(snap_compare, size):
    """W0[0,3] selected: hidden unit 3's hinge bright, its bend marked (at 80x24 the Data tab)."""
    press = ("l", "l", "l") + (("shift+tab",) if size == (80, 24) else ())
    assert snap_compare(paused_app("sine", None, 3000), press=press, terminal_size=size)
