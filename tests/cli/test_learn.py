"""`nntui learn`: --list, bad chapter numbers, the options a chapter decides, and the ones that apply on top."""

from __future__ import annotations

import pytest

from nntui.cli import learn as learn_cli

LIST = """\
1  One neuron — go outside? from temperature and rain, with two weights and a bias
2  Activation functions — relu, sigmoid, tanh: the bend decides what a network can draw
3  Why layers — XOR: no hidden layer fails, one hidden layer of 4 solves it
4  Gradient descent — the loss as a landscape over the weights, a step downhill at a time
5  Backprop as blame — one step in four phases: forward, loss, backward, update
6  Universal approximation — a sine as a sum of ReLU hinges: 2 hidden units, then 16
7  Deeper is not always better — few noisy samples: 1 vs 4 hidden layers, train vs test loss
8  MNIST: the classic 784-128-64-10 — handwritten digits past 95% in one epoch
9  Watch it fail — zero weights, a huge step, dead ReLUs, vanishing gradients, sorted data
"""


@pytest.fixture
def opened(monkeypatch):
    """What `nntui learn` hands to the app (the app itself is not run)."""
    calls = []

    def fake_run(lesson, *, base, keep, choose):
        calls.append((lesson, base, keep, choose))
        return 0

    monkeypatch.setattr(learn_cli, "run_lesson_app", fake_run)
    return calls


def test_list_prints_every_chapter_and_exits_0(run_cli, opened):
    result = run_cli("learn", "--list")
    assert (result.code, result.out, result.err) == (0, LIST, "")
    assert opened == []


@pytest.mark.parametrize("number", ["10", "0"])
def test_a_chapter_that_does_not_exist_is_one_line_and_exit_2(run_cli, opened, number):
    result = run_cli("learn", number)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"nntui: there is no chapter {number}; the chapters are 1 to 9 (see `nntui learn --list`)\n"
    assert opened == []


def test_a_chapter_number_must_be_a_number(run_cli):
    result = run_cli("learn", "three")
    assert result.code == 2 and result.err == "nntui: Invalid value for '[N]': 'three' is not a valid integer.\n"


@pytest.mark.parametrize(("args", "flag"), [(["--dataset", "xor"], "--dataset"), (["--hidden", "8"], "--hidden"),
                                            (["--data", "x.csv"], "--data"), (["--noise", "0.1"], "--noise")])
def test_options_the_chapter_decides_are_refused(run_cli, opened, args, flag):
    result = run_cli("learn", "3", *args)
    assert result.code == 2
    assert result.err == (f"nntui: {flag} is set by each chapter in `nntui learn`; "
                          f"use `nntui {flag} …` to choose it yourself\n")
    assert opened == []


def test_learn_n_opens_chapter_n_with_the_run_options_on_top(run_cli, opened, tmp_path):
    result = run_cli("learn", "4", "--lr", "0.2", "--seed", "5", "--data-dir", str(tmp_path))
    assert result.code == 0
    [(lesson, base, keep, choose)] = opened
    config = lesson.config
    assert (lesson.chapter.number, choose) == (4, False)
    assert (config.dataset, config.hidden, config.optimizer) == ("weather", (), "sgd")  # the chapter's
    assert (config.lr, config.seed, config.data_dir) == (0.2, 5, str(tmp_path))  # the user's
    assert base.lr == 0.2 and {"lr", "seed", "data_dir"} <= keep


def test_learn_alone_opens_the_chapter_list_over_chapter_1(run_cli, opened):
    assert run_cli("learn").code == 0
    [(lesson, _, _, choose)] = opened
    assert (lesson.chapter.number, lesson.config.dataset, choose) == (1, "weather", True)
