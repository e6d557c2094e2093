"""`nntui learn`: the lessons. A chapter list, one chapter (`learn N`), or the chapters printed (`--list`).

A chapter decides the data and the model (LESSON_FIELDS); the other run
options given on the command line (--data-dir, --seed, --lr, --epochs, …)
apply on top of every chapter.
"""

from __future__ import annotations

from functools import partial

import click
from click.core import ParameterSource

from nntui import lessons
from nntui.cli.options import UserError, config_from_options, run_options
from nntui.config import RunConfig

# click parameter name → RunConfig field, where they differ
_FIELD = {"no_shuffle": "shuffle"}


def _given(ctx: click.Context, opts: dict) -> frozenset[str]:
    """RunConfig fields whose options the user set (on the command line or through the environment)."""
    given = {ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT}
    return frozenset(_FIELD.get(name, name) for name in opts if ctx.get_parameter_source(name) in given)


def lesson_source(lesson: lessons.Lesson):
    """The TrainerLoop a lesson runs in (paused if the chapter starts paused)."""
    from nntui.training.loop import TrainerLoop

    return TrainerLoop(lesson.config, trainer=lesson.trainer, paused=lesson.chapter.start_paused)


def lesson_run(number: int, variant: int = 0, base: RunConfig | None = None, keep: frozenset[str] = frozenset()):
    """(lesson, its run source) for chapter `number`'s `variant`: what the app's chapter keys open."""
    lesson = lessons.open_lesson(number, variant, base, keep)
    return lesson, lesson_source(lesson)


def run_lesson_app(lesson: lessons.Lesson, *, base: RunConfig, keep: frozenset[str], choose: bool) -> int:
    """Run `nntui learn` on `lesson` until the user quits; returns the exit code."""
    from nntui.tui.app import run_kept
    from nntui.tui.lesson_app import LessonApp

    return run_kept(LessonApp(lesson, lesson_source(lesson), opener=partial(lesson_run, base=base, keep=keep), choose=choose))


@click.command()
@click.argument("number", type=int, required=False, metavar="[N]")
@click.option("--list", "list_only", is_flag=True, help="Print the chapters and exit.")
@run_options
@click.pass_context
def learn(ctx: click.Context, number: int | None, list_only: bool, **opts):
    """Lessons: chapter N, or a list of chapters to choose from."""
    if list_only:
        click.echo("\n".join(lessons.list_lines()))
        return
    numbers = [ch.number for ch in lessons.CHAPTERS]
    if number is not None and number not in numbers:
        raise UserError(f"there is no chapter {number}; the chapters are {numbers[0]} to {numbers[-1]} "
                        "(see `nntui learn --list`)")
    keep = _given(ctx, opts)
    fixed = sorted(keep & set(lessons.LESSON_FIELDS))
    if fixed:
        flag = "--" + ("data" if fixed[0] == "data_file" else fixed[0].replace("_", "-"))
        raise UserError(f"{flag} is set by each chapter in `nntui learn`; use `nntui {flag} …` to choose it yourself")
    base = config_from_options(**opts)
    lesson = lessons.open_lesson(number or numbers[0], base=base, keep=keep)  # bad data: one line, exit 2 (main)
    ctx.exit(run_lesson_app(lesson, base=base, keep=keep, choose=number is None))
