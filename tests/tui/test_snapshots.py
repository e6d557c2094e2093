"""Snapshots: the app fed a fixed frame at 80x24 (one pane, tabs) and 160x48 (all five panes).

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from frames import make_frame

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app

# At 80x24 one pane shows: each data kind shows a different one.
SMALL_PANE_KEYS = {"spiral": (), "sine": ("shift+tab",), "mnist": ("tab", "tab", "tab")}


@pytest.mark.parametrize("kind", ["spiral", "sine", "mnist"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot(snap_compare, kind, size):
    app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
    press = SMALL_PANE_KEYS[kind] if size == (80, 24) else ()
    assert snap_compare(app, press=press, terminal_size=size)


@pytest.mark.parametrize("presses", [1, 5, 6], ids=["forward", "backward", "update"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_phase_step_snapshot(snap_compare, presses, size):
    """XOR 2-4-1, batch 1, tanh, one step taken apart with `p`: the Step readout under the panes."""
    config = RunConfig(dataset="xor", hidden=(4,), batch_size=1, activation="tanh", optimizer="sgd", lr=0.1)
    loop = TrainerLoop(config, dataset=load_dataset("xor", seed=0), paused=True)
    loop.trainer.train_steps(20)
    for _ in range(presses):
        loop.apply(cmd.PhaseStep())
    app = make_app(config, frame=loop.make_frame())
    assert snap_compare(app, press=("down", "right", "right"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_downhill_snapshot(snap_compare, size):
    """Sine, the downhill view of W0[0,0] (g) after 200 steps."""
    config = RunConfig(dataset="sine")
    loop = TrainerLoop(config, dataset=load_dataset("sine", seed=0), paused=True)
    loop.trainer.train_steps(200)
    loop.apply(cmd.Downhill(0, 0, 0))
    app = make_app(config, frame=loop.make_frame())
    assert snap_compare(app, press=("g",), terminal_size=size)
