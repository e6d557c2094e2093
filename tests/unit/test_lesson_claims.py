"""Each chapter's claim, checked headlessly on the chapter's own run (lessons.CHAPTERS), seed 0.

The runs train for the chapter's own number of epochs, so changing a
chapter's preset in a way that breaks what its text says fails here.
"""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.lessons import CHAPTERS, chapter, list_lines, open_lesson
from nntui.training.downhill import weight_curve
from nntui.training.frame_maker import FrameMaker
from nntui.training.trainer import Diverged
from nntui.tui.updates import update_sizes


def trained(number: int, variant: int = 0, **base):
    """The chapter's trainer after its full schedule (config.epochs epochs); `base` options win over the chapter's."""
    trainer = open_lesson(number, variant, RunConfig(seed=0, **base), keep=frozenset(base)).trainer
    with threadpool_limits(1):  # as `nntui train` and the app run it
        trainer.train_steps(trainer.config.epochs * trainer.steps_per_epoch)
    return trainer


def accuracy(trainer) -> float:
    """Accuracy on the test split."""
    return trainer.evaluate_on(trainer.dataset.X_test, trainer.dataset.y_test)[1]


def losses(trainer) -> tuple[float, float]:
    """(train loss, test loss) over the whole splits, without penalties."""
    d = trainer.dataset
    return trainer.evaluate_on(d.X_train, d.y_train)[0], trainer.evaluate_on(d.X_test, d.y_test)[0]


def test_ch1_one_neuron_decides_the_weather_well():
    trainer = trained(1)
    assert trainer.spec.sizes == (2, 1)
    assert accuracy(trainer) >= 0.95


def test_ch4_the_first_step_goes_uphill_on_the_probe_curve_and_downhill_for_its_batch():
    trainer = open_lesson(4).trainer
    probe = FrameMaker(trainer)
    batch = trainer.next_batch()
    view = weight_curve(trainer.net, probe.probe_x, probe.probe_y, 0, 0, 0, batch=batch)
    assert "the first step goes uphill on the probe curve, downhill for its batch" in chapter(4).idea
    assert view.slope < 0 < view.batch_slope  # the two slopes point opposite ways, as the text says
    batch_before = trainer.net.loss_value(*batch)
    trainer.train_step()
    assert trainer.net.loss_value(probe.probe_x, probe.probe_y) > view.loss
    assert trainer.net.loss_value(*batch) < batch_before


def test_ch2_every_relu_is_off_for_part_of_the_moons_and_none_is_dead():
    """Chapter 2 points at the ReLUs' share of inputs they are on for, not at dead units (it has none)."""
    text = chapter(2).idea + " " + chapter(2).try_this
    assert "each ReLU is 0 for part of the inputs" in text and "none is dead here" in text
    trainer = open_lesson(2, 0, RunConfig(seed=0)).trainer
    probe = FrameMaker(trainer)
    for steps in (0, 300):
        trainer.train_steps(steps - trainer.step)
        for a in trainer.net.record(probe.probe_x, probe.probe_y).a[:-1]:
            off = (np.asarray(a) <= 0).mean(axis=0)  # the share of probe samples each unit is 0 for
            assert ((0 < off) & (off < 1)).all(), off


def test_ch3_xor_needs_a_hidden_layer():
    assert [v.label for v in chapter(3).variants] == ["no hidden layer", "one hidden layer of 4"]
    flat, layered = trained(3, 0), trained(3, 1)
    assert (flat.spec.sizes, layered.spec.sizes) == ((2, 1), (2, 4, 1))
    assert accuracy(flat) <= 0.75
    assert accuracy(layered) >= 0.95


def test_ch3_each_hidden_neurons_map_is_one_straight_edge():
    """The m view's claim: a first-layer neuron's map only changes across one direction of the plane, its w."""
    assert "each hidden neuron's map over the plane is one straight edge" in chapter(3).try_this
    trainer = open_lesson(3, 1, RunConfig(seed=0)).trainer
    trainer.train_steps(300)
    frame = FrameMaker(trainer).make(state="paused")
    maps, layer = frame.data_view.neuron_maps[0], frame.layers[0]
    g = maps.shape[0]
    (x0, x1), (y0, y1) = frame.data_view.x_range, frame.data_view.y_range
    gx, gy = np.meshgrid(np.linspace(x0, x1, g), np.linspace(y0, y1, g))
    for j in range(4):
        along = gx.ravel() * float(layer.W[0, j]) + gy.ravel() * float(layer.W[1, j])  # the position across the edge
        a = maps[:, :, j].ravel()[np.argsort(along, kind="stable")]
        assert (np.diff(a) >= -1e-5).all()  # tanh of that position only: level along the edge, rising across it
        assert a[-1] - a[0] > 0.5  # and it does change across the plane: an edge, not a constant


def test_ch6_more_hidden_units_fit_the_sine_better():
    few, many = trained(6, 0), trained(6, 1)
    assert (few.spec.sizes, many.spec.sizes) == ((1, 2, 1), (1, 16, 1))
    assert losses(many)[1] < losses(few)[1] / 2  # test MSE


def test_ch7_the_deeper_net_overfits_more():
    shallow, deep = trained(7, 0), trained(7, 1)
    assert (shallow.spec.sizes, deep.spec.sizes) == ((2, 8, 1), (2, 64, 64, 64, 64, 1))
    (shallow_train, shallow_test), (deep_train, deep_test) = losses(shallow), losses(deep)
    assert deep_train < shallow_train  # it fits its few training points better…
    assert deep_test - deep_train > 3 * (shallow_test - shallow_train)  # …and generalizes worse
    assert deep.evals[-1].test_loss > 2 * min(point.test_loss for point in deep.evals)  # its test loss turned up


def test_ch8_simplenet_passes_95_percent_on_real_mnist_in_one_epoch(mnist_dir):
    lesson = open_lesson(8, base=RunConfig(seed=0, data_dir=str(mnist_dir)))
    assert lesson.config.dataset == "mnist" and lesson.trainer.spec.sizes == (784, 128, 64, 10)
    assert lesson.data_note == "Data: real MNIST, 60,000 training images."
    trainer = lesson.trainer
    assert trainer.config.epochs == 1
    with threadpool_limits(1):
        trainer.train_steps(trainer.steps_per_epoch)
    assert accuracy(trainer) >= 0.95


def test_ch8_falls_back_to_the_offline_digits_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("NNTUI_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lesson = open_lesson(8, base=RunConfig(data_dir=str(tmp_path)))
    assert lesson.config.dataset == "digits" and lesson.trainer.dataset.name == "digits"
    assert lesson.data_note.startswith("Data: the offline digits set, because MNIST files not found (looked in ")
    assert lesson.data_note.endswith("run `nntui datasets fetch mnist` or pass --data-dir DIR.")


def test_the_options_a_user_gave_win_over_the_chapter():
    base = RunConfig(lr=0.3, batch_size=4, seed=7, data_dir="somewhere")
    assert chapter(4).config(0, base).lr == 0.5  # the chapter's own, when the user said nothing
    config = chapter(4).config(0, base, keep=frozenset({"lr"}))
    assert (config.dataset, config.hidden, config.lr) == ("weather", (), 0.3)
    assert (config.seed, config.data_dir, config.batch_size) == (7, "somewhere", 4)


def test_variants_wrap_around():
    assert chapter(2).config(3).activation == "relu" and chapter(2).config(2).activation == "tanh"
    assert open_lesson(3, variant=2).variant == 0


def test_chapters_are_numbered_one_to_nine_with_one_summary_line_each():
    assert [ch.number for ch in CHAPTERS] == list(range(1, 10))
    assert len(list_lines()) == 9 and all("\n" not in line for line in list_lines())
    with pytest.raises(KeyError):
        chapter(10)


# -- chapter 9: watch it fail -----------------------------------------------------


def test_ch9_has_one_variant_per_failure():
    assert [v.label for v in chapter(9).variants] == [
        "all-zero weights", "learning rate 50", "dying ReLUs (lr 3)", "vanishing gradients", "sorted, unshuffled data"]


def test_ch9_zero_weights_never_break_the_symmetry():
    trainer = open_lesson(9, 0, RunConfig(seed=0)).trainer
    assert trainer.config.init == "zeros" and trainer.spec.sizes == (2, 8, 1)
    with threadpool_limits(1):
        trainer.train_steps(200)
    (W0, W1), b0 = trainer.net.weights, trainer.net.biases[0]
    assert np.abs(W0).min() > 0.01  # every hidden neuron learned something…
    assert (W0 == W0[:, :1]).all() and (b0 == b0[0]).all() and (W1 == W1[0]).all()  # …the same thing


def test_ch9_zero_weights_act_as_one_neuron_where_random_ones_solve_the_circles():
    assert accuracy(trained(9, 0)) <= 0.7
    assert accuracy(trained(9, 0, init=None)) >= 0.95  # the same net from the default random weights


def test_ch9_a_learning_rate_of_50_explodes_and_diverges_within_20_steps():
    trainer = open_lesson(9, 1, RunConfig(seed=0)).trainer
    first = trainer.train_step()
    with pytest.raises(Diverged) as info:
        for _ in range(19):
            kept = trainer.net.params.copy()
            trainer.train_step()
    assert info.value.step <= 20 and info.value.lr == 50
    net = trainer.net
    assert np.array_equal(net.params, kept)  # the refused step changed nothing
    assert net.loss_and_grad(*trainer.next_batch()) > 10 * first  # the loss exploded…
    assert 50 * np.linalg.norm(net.grads) > 10 * np.linalg.norm(net.params)  # …and its SGD step is 10× the weights


def dead_relus(trainer) -> np.ndarray:
    """Per hidden unit: True when its activation is zero on every test sample."""
    a = trainer.net.forward(trainer.scaled(trainer.dataset.X_test)).a[:-1]
    return np.concatenate([(layer == 0).all(axis=0) for layer in a])


def test_ch9_a_large_step_kills_most_relus_for_good():
    trainer = open_lesson(9, 2, RunConfig(seed=0)).trainer
    quarter = trainer.config.epochs * trainer.steps_per_epoch // 4
    with threadpool_limits(1):
        trainer.train_steps(quarter)
        dead_early = dead_relus(trainer)
        trainer.train_steps(3 * quarter)
    dead = dead_relus(trainer)
    assert dead.size == 32 and dead.mean() >= 0.5
    assert (dead | ~dead_early).all()  # none of the dead came back
    assert dead_relus(trained(9, 2, lr=0.3)).mean() <= 0.1  # the same net at a normal rate


def update_ratios(trainer, steps: int) -> np.ndarray:
    """Per layer, the mean over `steps` steps of |ΔW|/|W| (the change one step makes, over the weights before)."""
    total = np.zeros(len(trainer.net.layers))
    for _ in range(steps):
        before = [W.copy() for W in trainer.net.weights]
        trainer.train_step()
        total += [np.linalg.norm(W - W_before) / np.linalg.norm(W_before)
                  for W, W_before in zip(trainer.net.weights, before)]
    return total / steps


def test_ch9_the_first_of_six_sigmoid_layers_barely_moves():
    trainer = open_lesson(9, 3, RunConfig(seed=0)).trainer
    assert trainer.spec.sizes == (2, 16, 16, 16, 16, 16, 16, 1) and trainer.config.optimizer == "sgd"
    with threadpool_limits(1):
        ratios = update_ratios(trainer, 400)
    assert ratios[0] * 100 <= ratios[-1]
    frame = FrameMaker(trainer).make(state="running")  # what the Lesson panel's line shows: the probe batch's SGD step
    sizes = update_sizes(frame.lr, frame.layers)
    assert sizes[0] * 100 <= sizes[-1]
    with threadpool_limits(1):
        trainer.train_steps(trainer.config.epochs * trainer.steps_per_epoch - trainer.step)
    assert accuracy(trainer) <= 0.6  # the whole schedule leaves it near 50%


def autocorrelation(x: np.ndarray, lags: range) -> np.ndarray:
    x = x - x.mean()
    return np.array([np.dot(x[:-k], x[k:]) / np.dot(x, x) for k in lags])


def loss_autocorrelation(trainer, lags: range) -> np.ndarray:
    """The autocorrelation of the per-step training loss after the first epoch, at `lags` steps."""
    return autocorrelation(np.asarray(trainer.losses[trainer.steps_per_epoch:]), lags)


def test_ch9_sorted_data_saws_the_loss_with_the_class_block_as_its_period():
    trainer = trained(9, 4)
    counts = np.bincount(trainer.dataset.y_train)
    block, rest = divmod(int(counts[0]), trainer.batch_size)  # steps per class block
    assert (counts == counts[0]).all() and rest == 0 and block >= 8
    lags = range(1, 2 * block + 1)
    ac = loss_autocorrelation(trainer, lags)
    near = range(block // 2, 3 * block // 2 + 1)
    assert max(near, key=lambda lag: ac[lag - 1]) == block  # the peak is at the block length…

    def prominence(ac: np.ndarray) -> float:  # …and stands out from a quarter block either side
        return ac[block - 1] - (ac[3 * block // 4 - 1] + ac[5 * block // 4 - 1]) / 2

    assert ac[block - 1] >= 0.5 and prominence(ac) >= 0.4
    shuffled = trained(9, 4, shuffle=True, sort_by_class=False)  # the same run, shuffled: no period
    assert prominence(loss_autocorrelation(shuffled, lags)) <= 0.1
