"""The over-time view's plain-word flags fire on a constructed vanishing case (a deep sigmoid net), a dead-ReLU case
(large negative biases) and too large an update, and not on a healthy run."""

from __future__ import annotations

import numpy as np

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run.frame import OverTimeView
from nntui.training.loop import TrainerLoop
from nntui.tui.over_time_flags import HEALTHY, RECENT, flags, times


def trained_frame(steps: int = 300, **overrides):
    config = RunConfig(dataset="spiral", seed=0, **overrides)
    loop = TrainerLoop(config, dataset=load_dataset("spiral", seed=0), paused=True)
    loop.trainer.train_steps(steps)
    return loop, loop.make_frame(refresh_view=True)


def test_a_healthy_run_raises_no_flag():
    _, frame = trained_frame()
    assert flags(frame) == [HEALTHY]


def test_a_deep_sigmoid_net_is_flagged_vanishing_by_its_median_blame():
    _, frame = trained_frame(hidden=(8,) * 6, activation="sigmoid")
    blame = frame.over_time.mean_blame
    medians = [np.median(row[-RECENT:]) for row in blame]
    factor = medians[-1] / medians[0]
    assert int(np.argmin(medians)) == 0 and int(np.argmax(medians)) == 6 and factor > 100
    assert flags(frame) == [f"layer 1's gradients are {times(factor)} smaller than layer 7's (vanishing)"]


def test_large_negative_biases_kill_relus_and_say_how_many():
    loop, _ = trained_frame(steps=20, hidden=(8, 8))
    net = loop.trainer.net
    net.layers[1].b[:5] = -100.0  # 5 of layer 2's 8 units: z < 0 for every input
    frame = loop.make_frame(refresh_view=True)
    x = np.asarray(frame.probe_x, np.float64)  # a forward pass of the probe batch, written here
    z2 = np.maximum(x @ net.layers[0].W + net.layers[0].b, 0) @ net.layers[1].W + net.layers[1].b
    dead = (z2 <= 0).all(axis=0)
    assert dead[:5].all() and dead.sum() == 5  # (after 20 steps no other unit of this seed is dead)
    assert "62% of layer 2's relu units are dead (no gradient)" in flags(frame)


def test_updates_too_large_or_too_small_a_share_of_the_weights():
    _, frame = trained_frame(steps=30)
    steps = np.arange(1, 31)
    ratio = np.vstack([np.full(30, 0.1), np.full(30, 2e-6), np.full(30, 1e-3)])
    view = OverTimeView(steps=steps, update_ratio=ratio, mean_blame=np.ones((3, 30)),
                        hist_steps=steps[:0], hist_edges=(), hist_counts=np.zeros((0, 0, 16)))
    assert flags(type(frame)(**{**frame.__dict__, "over_time": view})) == [
        "layer 1's updates are 10% of its weights per step (too large a learning rate?)",
        "layer 2's updates are 0.0002% of its weights per step (too small a learning rate?)",
    ]
    per_snapshot = OverTimeView(**{**view.__dict__, "per": "snapshot"})  # many steps apart: not judged
    assert flags(type(frame)(**{**frame.__dict__, "over_time": per_snapshot})) == [HEALTHY]


def test_no_view_or_no_step_yet_raises_nothing():
    loop, frame = trained_frame(steps=0)
    assert frame.over_time is not None and flags(frame) == []
