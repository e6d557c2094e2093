"""Snapshots of chapter 9 ("Watch it fail") at 80x24 (the Lesson tab) and 120x40 (the panel beside the panes).

Each run is the chapter's own, seeded, trained headlessly for a fixed number of
steps, then shown paused so that every number on screen is fixed. Regenerate
with `pytest tests/tui/test_lesson_snapshots.py --snapshot-update` and look at
the SVGs before committing them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from threadpoolctl import threadpool_limits

from nntui.cli.learn import lesson_run, lesson_source
from nntui.lessons import open_lesson
from nntui.tui.lesson_app import LessonApp

STEPS = 200


def paused_lesson(number: int, variant: int):
    lesson = open_lesson(number, variant)
    with threadpool_limits(1):
        lesson.trainer.train_steps(STEPS)
    return replace(lesson, chapter=replace(lesson.chapter, start_paused=True))


@pytest.mark.parametrize("variant", [0, 3], ids=["zero-weights", "vanishing-gradients"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_chapter_9_snapshot(snap_compare, variant, size):
    lesson = paused_lesson(9, variant)
    assert snap_compare(LessonApp(lesson, lesson_source(lesson), opener=lesson_run), terminal_size=size)
