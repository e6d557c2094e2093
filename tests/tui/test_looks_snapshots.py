"""Snapshots at 80x24 and 120x40: what a layer-2 neuron of an MNIST run looks for (f), and a traced sample on moons.

The MNIST run is a small, seeded one on the real files (the first 3000 training and 1000 test images, 200
steps on one BLAS thread), so its pictures are the same every time. Regenerate with `--snapshot-update` and
look at the SVGs.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.selection import Selection

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


def small_mnist(data_dir):
    ds = load_dataset("mnist", data_dir=str(data_dir), seed=0)
    return replace(ds, X_train=ds.X_train[:3000], y_train=ds.y_train[:3000], X_test=ds.X_test[:1000],
                   y_test=ds.y_test[:1000])


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_mnist_layer_2_neuron_looks_for_snapshot(snap_compare, mnist_dir, size):
    config = RunConfig(dataset="mnist", hidden=(32, 16), seed=0, data_dir=str(mnist_dir))
    loop = TrainerLoop(config, dataset=small_mnist(mnist_dir), paused=True)
    with threadpool_limits(1):
        loop.trainer.train_steps(200)
        loop.apply(cmd.Describe(1, 3))
        frame = loop.make_frame()
    assert frame.looks.layer == 1 and not frame.looks.exact
    app = make_app(config, frame=frame, selection=Selection(layer=1, i=0, j=3))
    assert snap_compare(app, press=("f",), terminal_size=size)  # (at 80x24 f also shows the Data pane)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_moons_traced_sample_snapshot(snap_compare, size):
    config = RunConfig(dataset="moons", hidden=(8, 8), seed=0)
    loop = TrainerLoop(config, dataset=load_dataset("moons", seed=0), paused=True)
    with threadpool_limits(1):
        loop.trainer.train_steps(300)
        loop.apply(cmd.TraceWorst())
        frame = loop.make_frame()
    app = make_app(config, frame=frame)
    press = ("shift+tab",) if size == (80, 24) else ()  # the Data pane
    assert snap_compare(app, press=press, terminal_size=size)
