"""Gradients over time, each number against an independent computation: the update ratio from weights copied
before and after a real Trainer step, the mean |dL/dz| from a float64 backward written here, the histograms
from np.histogram with the same edges (also after an unbounded range doubled), and a restart starting over."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.nn.activations import ACTIVATIONS
from nntui.run import commands as cmd
from nntui.run.histograms import HistogramHistory
from nntui.training.loop import TrainerLoop


def spiral_loop(**overrides) -> TrainerLoop:
    config = RunConfig(dataset="spiral", hidden=(8, 8), seed=0, dtype="float64", **overrides)
    return TrainerLoop(config, dataset=load_dataset("spiral", seed=0), paused=True)


def independent_blame(Ws, bs, X, y) -> list[np.ndarray]:
    """dL/dz per layer of a ReLU net with one sigmoid output and mean binary cross-entropy, in float64."""
    a, zs = X, []
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W + b
        zs.append(z)
        a = np.maximum(z, 0) if k < len(Ws) - 1 else z
    p = 1 / (1 + np.exp(-zs[-1]))
    blame = [(p - y.reshape(-1, 1)) / len(X)]
    for k in range(len(Ws) - 1, 0, -1):
        blame.insert(0, (blame[0] @ Ws[k].T) * (zs[k - 1] > 0))
    return blame


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_update_ratio_and_mean_blame_of_a_real_step(optimizer):
    loop = spiral_loop(optimizer=optimizer)
    trainer = loop.trainer
    trainer.train_steps(5)
    X, y = trainer.next_batch()
    before = [layer.W.copy() for layer in trainer.net.layers]
    biases = [layer.b.copy() for layer in trainer.net.layers]
    trainer.train_step()
    after = [layer.W.copy() for layer in trainer.net.layers]
    steps, ratio, blame = trainer.grad_history.series()
    assert steps.tolist() == [1, 2, 3, 4, 5, 6]
    expected = [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(after, before)]
    np.testing.assert_allclose(ratio[:, -1], expected, rtol=1e-9)
    mine = [np.abs(g).mean() for g in independent_blame(before, biases, X, y.astype(np.float64))]
    np.testing.assert_allclose(blame[:, -1], mine, rtol=1e-9)


def test_the_frame_carries_the_series_and_a_histogram_of_the_probe_activations():
    loop = spiral_loop()
    loop.first_frame()
    loop.trainer.train_steps(30)
    frame = loop.make_frame(refresh_view=True)
    view = frame.over_time
    steps, ratio, blame = loop.trainer.grad_history.series()
    assert view.per == "step" and view.steps.tolist() == list(range(1, 31))
    np.testing.assert_array_equal(view.update_ratio, ratio)
    np.testing.assert_array_equal(view.mean_blame, blame)
    assert view.hist_steps.tolist() == [0, 30]  # the first frame, then this one
    for k, layer in enumerate(frame.layers[:-1]):
        assert view.hist_edges[k][0] == 0.0  # a ReLU's bins start at 0
        expected, _ = np.histogram(layer.a, view.hist_edges[k])
        np.testing.assert_array_equal(view.hist_counts[k, -1], expected)


def test_sigmoid_and_tanh_bins_are_their_ranges():
    for activation, low in (("sigmoid", 0.0), ("tanh", -1.0)):
        loop = spiral_loop(activation=activation)
        edges = loop.make_frame(refresh_view=True).over_time.hist_edges
        for e in edges:
            np.testing.assert_allclose(e, np.linspace(low, 1.0, 17))


@pytest.mark.parametrize("bounds, spans, top", [((0.0, np.inf), (0.9, 3.0, 10.0), 16.0),
                                                ((-np.inf, np.inf), (0.7, 5.0, 40.0), 64.0)])
def test_every_column_stays_np_histogram_of_its_values_when_the_range_doubles(bounds, spans, top):
    rng = np.random.default_rng(3)
    low = 0.0 if bounds[0] == 0 else -1.0
    values = [rng.uniform(low * s, s, size=(32, 8)) for s in spans]
    history = HistogramHistory([bounds])
    for step, a in enumerate(values):
        history.add(step, [a])
    edges = history.edges()[0]
    assert edges[-1] == top  # the power of two above the largest value
    counts = history.counts()[0]
    for c, a in enumerate(values):
        np.testing.assert_array_equal(counts[c], np.histogram(a, edges)[0])


def test_a_full_history_keeps_every_other_column_and_takes_them_half_as_often():
    history = HistogramHistory([(0.0, 1.0)], capacity=4)
    for step in range(6):
        history.add(step, [np.full(3, 0.5)])
    assert history.steps == [1, 3, 5] and history.stride == 2
    history.add(6, [np.zeros(3)])  # not due: 5 + 2 > 6
    history.add(7, [np.zeros(3)])
    assert history.steps == [1, 3, 5, 7]
    history.add(7, [np.ones(3)])  # the same step again replaces its column
    assert history.steps == [1, 3, 5, 7] and history.counts()[0, -1, -1] == 3


def test_a_restart_starts_the_view_over():
    loop = spiral_loop()
    loop.trainer.train_steps(20)
    loop.make_frame(refresh_view=True)
    loop.apply(cmd.Reset())
    loop.trainer.train_steps(3)
    view = loop.make_frame(refresh_view=True).over_time
    assert view.steps.tolist() == [1, 2, 3]
    assert view.hist_steps.tolist() == [3]


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_each_activation_s_values_lie_in_its_bounds_and_reach_a_finite_end(name):
    f = ACTIVATIONS[name]
    z = np.linspace(-40, 40, 8001)
    a = f.forward(z, np.empty_like(z))
    low, high = f.bounds
    assert (a >= low).all() and (a <= high).all()
    for end, reached in ((low, a.min()), (high, a.max())):
        if np.isfinite(end):
            assert reached == pytest.approx(end, abs=1e-9)
