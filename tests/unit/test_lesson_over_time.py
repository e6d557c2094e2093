"""The lessons that point at the over-time view (key o) find there what they say: chapter 9's vanishing gradients
named as a gap between layer 1 and the output layer, its dying ReLUs counted as dead."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.lessons import chapter, open_lesson
from nntui.training.loop import TrainerLoop
from nntui.tui.over_time_flags import flags


def flags_after(number: int, variant: int, steps: int) -> list[str]:
    lesson = open_lesson(number, variant, RunConfig(seed=0))
    loop = TrainerLoop(lesson.config, lesson.trainer, paused=True)
    with threadpool_limits(1):
        lesson.trainer.train_steps(steps)
    return flags(loop.make_frame(refresh_view=True))


def test_ch9_vanishing_gradients_are_named_in_the_view():
    assert "Press o" in chapter(9).variants[3].try_this
    found = flags_after(9, 3, 400)
    assert any(f.startswith("layer 1's gradients are ") and f.endswith("smaller than layer 7's (vanishing)")
               for f in found), found


def test_ch9_dying_relus_are_counted_dead_in_the_view():
    assert "o shows" in chapter(9).variants[2].try_this
    trainer = open_lesson(9, 2, RunConfig(seed=0)).trainer
    found = flags_after(9, 2, trainer.config.epochs * trainer.steps_per_epoch)
    assert any(" units are dead (no gradient)" in f for f in found), found
