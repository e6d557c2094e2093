"""Snapshots of named data (issue 14): chapter 1 (temperature, rain → go outside?) and the weather set, at 80x24 and
120x40, with the bias b0[go outside?] selected in the weather ones.

Each run is seeded and trained headlessly for a fixed number of steps, then shown paused (chapter 1) or as one
frame (weather), so every number on screen is fixed. Regenerate with
`pytest tests/tui/test_name_snapshots.py --snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from threadpoolctl import threadpool_limits

from nntui.cli.learn import lesson_run, lesson_source
from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.lessons import open_lesson
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.lesson_app import LessonApp

STEPS = 200
SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_chapter_1_snapshot(snap_compare, size):
    """At 80x24 the Network tab (tab from the Lesson): temperature and rain on the inputs, go outside? on the output."""
    lesson = open_lesson(1)
    with threadpool_limits(1):
        lesson.trainer.train_steps(STEPS)
    lesson = replace(lesson, chapter=replace(lesson.chapter, start_paused=True))
    app = LessonApp(lesson, lesson_source(lesson), opener=lesson_run)
    assert snap_compare(app, press=("tab",) if size == (80, 24) else (), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_weather_snapshot(snap_compare, size):
    """`nntui --dataset weather`, its bias selected (↓ ↓): at 80x24 the Weights tab with the bias row."""
    config = RunConfig(dataset="weather")
    loop = TrainerLoop(config, dataset=load_dataset("weather", seed=0), paused=True)
    with threadpool_limits(1):
        loop.trainer.train_steps(STEPS)
    app = make_app(config, frame=loop.make_frame())
    tabs = ("tab", "tab", "tab") if size == (80, 24) else ()
    assert snap_compare(app, press=(*tabs, "down", "down"), terminal_size=size)
