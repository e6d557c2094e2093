"""`nntui screenshot`: train N deterministic steps headlessly and save the app's screen as an SVG.

The README's pictures in screenshots/ are made with this command, so anyone
can regenerate them: the same options, seed and step count give the same file.
"""

from __future__ import annotations

import re

import click

from nntui.cli.options import UserError, check_output_file, config_from_options, run_options

DEFAULT_STEPS = 500
MAX_SIZE = (300, 120)  # columns, rows; the least is the app's own MIN_SIZE


def parse_size(text: str) -> tuple[int, int]:
    """'120x40' → (120, 40), from the app's MIN_SIZE up to MAX_SIZE; anything else is a UserError."""
    from nntui.tui.app import MIN_SIZE

    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    size = (int(match[1]), int(match[2])) if match else None
    if size is None or not all(lo <= n <= hi for n, lo, hi in zip(size, MIN_SIZE, MAX_SIZE)):
        (wlo, hlo), (whi, hhi) = MIN_SIZE, MAX_SIZE
        raise UserError(f"--size takes COLUMNSxROWS between {wlo}x{hlo} and {whi}x{hhi}, like 120x40 (got {text!r})")
    return size


def trained_frame(config, steps: int, trainer=None):
    """The frame after `steps` mini-batch steps of `trainer` (or one built from `config`), paused.

    Raises the trainer's `Diverged` if a step diverges.
    """
    from nntui.training.loop import TrainerLoop

    loop = TrainerLoop(config, trainer=trainer, paused=True)
    loop.trainer.train_steps(steps)
    return loop.first_frame()


@click.command("screenshot")
@run_options
@click.option("--size", default="120x40", show_default=True, metavar="COLSxROWS", help="Terminal size to render.")
@click.option("--output", "-o", default="nntui.svg", show_default=True, metavar="FILE.svg", help="Where to write the SVG.")
def screenshot_command(size: str, output: str, **opts) -> None:
    """Train --steps N steps (default 500) without a terminal and save the app's screen as an SVG."""
    from nntui.cli import build_trainer_or_exit
    from nntui.training.trainer import Diverged
    from nntui.tui.screenshot import render_screenshot

    columns_rows = parse_size(size)
    if not output.lower().endswith(".svg"):
        raise UserError(f"--output must name an .svg file (got {output!r})")
    check_output_file("--output", output)
    config = config_from_options(**opts)
    steps = DEFAULT_STEPS if config.steps is None else config.steps
    trainer = build_trainer_or_exit(config)
    try:
        path = render_screenshot(config, trained_frame(config, steps, trainer), columns_rows, output)
    except Diverged as e:
        raise UserError(f"training diverged at step {e.step} before the screenshot; try a lower --lr") from None
    except OSError as e:
        raise UserError(f"could not write {output}: {e.strerror or e}") from None
    click.echo(f"wrote {path} ({columns_rows[0]}x{columns_rows[1]}, step {trainer.step})")
