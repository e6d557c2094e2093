"""Each chapter's claim, checked headlessly on the chapter's own run (lessons.CHAPTERS), seed 0.

The runs train for the chapter's own number of epochs, so changing a
chapter's preset in a way that breaks what its text says fails here.
"""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.lessons import CHAPTERS, chapter, list_lines, open_lesson


def trained(number: int, variant: int = 0, **base):
    """The chapter's trainer after its full schedule (config.epochs epochs)."""
    trainer = open_lesson(number, variant, RunConfig(seed=0, **base)).trainer
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


def test_ch3_xor_needs_a_hidden_layer():
    assert [v.label for v in chapter(3).variants] == ["no hidden layer", "one hidden layer of 4"]
    flat, layered = trained(3, 0), trained(3, 1)
    assert (flat.spec.sizes, layered.spec.sizes) == ((2, 1), (2, 4, 1))
    assert accuracy(flat) <= 0.75
    assert accuracy(layered) >= 0.95


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


def test_chapters_are_numbered_one_to_eight_with_one_summary_line_each():
    assert [ch.number for ch in CHAPTERS] == list(range(1, 9))
    assert len(list_lines()) == 8 and all("\n" not in line for line in list_lines())
    with pytest.raises(KeyError):
        chapter(9)
