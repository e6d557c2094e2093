"""The ghost: after v (or r, a, a new shape) the previous run's curves stay in the Loss pane, dimmed and labelled."""

from __future__ import annotations

import dataclasses

import pytest
from pilot_helpers import wait_for
from threadpoolctl import threadpool_limits

from nntui import lessons
from nntui.cli.learn import lesson_run, lesson_source
from nntui.run import commands as cmd
from nntui.tui.app import make_app
from nntui.tui.lesson_app import LessonApp
from nntui.tui.widgets.loss import LossChart

SIZES = {"80x24": ((80, 24), ("tab", "tab")), "120x40": ((120, 40), ())}  # at 80x24: the Loss tab


def labels(chart: LossChart) -> list[str]:
    return [label for _, label, _ in chart.legend]


async def test_after_v_in_chapter_6_the_loss_pane_holds_the_run_and_its_ghost_labelled():
    lesson = lessons.open_lesson(6, 0)
    app = LessonApp(lesson, lesson_source(lesson), opener=lesson_run)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.frame.evals) >= 3, tries=3000)
        seen = app.frame.evals
        await pilot.press("v")
        await wait_for(pilot, lambda: app.lesson.variant == 1 and app.frame.ghost is not None
                       and len(app.frame.evals) >= 2, tries=3000)
        ghost = app.frame.ghost
        assert ghost.label == "before: 2 hidden units" and ghost.evals[:len(seen)] == seen
        chart = app.query_one(LossChart)
        await wait_for(pilot, lambda: len(chart.plotted) == 4)
        assert labels(chart) == ["train loss", "test loss", "before: 2 hidden units"]
        (ghost_label, ghost_x, ghost_train), (_, _, ghost_test) = chart.plotted[:2]
        assert ghost_label == "before: 2 hidden units" and ghost_x == [e.step for e in ghost.evals]
        assert ghost_train == [e.train_loss for e in ghost.evals] and ghost_test == [e.test_loss for e in ghost.evals]
        await pilot.press("space")  # paused: the chart shows the frame's evaluations
        await wait_for(pilot, lambda: chart.plotted[2][1] == [e.step for e in app.frame.evals])
        evals = app.frame.evals
        assert chart.plotted[2:] == (("train loss", [e.step for e in evals], [e.train_loss for e in evals]),
                                     ("test loss", [e.step for e in evals], [e.test_loss for e in evals]))
        assert str(app.query_one("#loss-legend").render()) == "━ train  ━ test  ━ before"  # 28 columns beside the lesson
        await pilot.press("G")
        await wait_for(pilot, lambda: app.frame.ghost is None and "before" not in " ".join(labels(chart)))


def ghost_frame():
    """Chapter 7 with one hidden layer of 8 for 400 steps, then 4 of 64 for 400: a fixed frame with its ghost."""
    lesson = lessons.open_lesson(7, 0)
    loop = lesson_source(lesson)
    with threadpool_limits(1):
        lesson.trainer.train_steps(400)
        loop.apply(cmd.SetHidden((64, 64, 64, 64)))
        lesson.trainer.train_steps(400)
    return lesson.config, dataclasses.replace(loop.make_frame(refresh_view=True), samples_per_s=0.0)  # (timing)


@pytest.mark.parametrize("size", SIZES)
def test_ghost_curve_snapshot(snap_compare, size):
    config, frame = ghost_frame()
    assert frame.ghost.label == "before: 8 hidden units" and frame.layer_sizes == (2, 64, 64, 64, 64, 1)
    terminal, press = SIZES[size]
    assert snap_compare(make_app(config, frame=frame), terminal_size=terminal, press=press)
