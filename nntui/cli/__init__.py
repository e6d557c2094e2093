"""The `nntui` command: the app by default, plus train, datasets, screenshot and friends.

The CLI only parses and validates; it builds a RunConfig and hands it to one
entry point. Every mistake a user can make ends in one line on stderr and a
non-zero exit (2 for bad input), never a traceback.
"""

from __future__ import annotations

import sys

import click

from nntui import __version__
from nntui.cli.options import UserError, config_from_options, run_options
from nntui.config import DEFAULT_FPS


def user_errors():
    """The exception types that mean "the user's input was wrong"."""
    from nntui.data import DataError
    from nntui.training.checkpoint import CheckpointError
    from nntui.training.memory import TooBig

    return (DataError, CheckpointError, TooBig)


def build_trainer_or_exit(config):
    """Load data and build the trainer, turning a bad dataset or checkpoint into UserError."""
    from nntui.training.setup import build_trainer

    try:
        return build_trainer(config)
    except user_errors() as e:
        raise UserError(str(e)) from None


def check_app_options(opts: dict) -> None:
    """The app's own options (--fps, --speed) and the run options: UserError on the first bad one."""
    if opts["fps"] is None or not (0 < opts["fps"] <= 120):
        raise UserError(f"--fps must be between 0 and 120 (got {opts['fps']})")
    if opts["speed"] is not None and not opts["speed"] >= 0:
        raise UserError(f"--speed must be zero or more steps per second (got {opts['speed']:g})")
    config_from_options(**opts)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nntui")
@run_options
@click.option("--fps", type=float, default=DEFAULT_FPS, show_default=True, help="Most frames per second the UI draws.")
@click.option("--low-bandwidth", is_flag=True, help="Fewer frames and colours, for slow SSH links.")
@click.option("--speed", type=float, help="Most training steps per second (0: as fast as possible; default by dataset).")
@click.option("--resume", metavar="[FILE]", is_flag=False, flag_value="",
              help="Continue a saved session (default: the newest one).")
@click.option("--list", "list_sessions", is_flag=True, help="With --resume: list the saved sessions, newest first.")
@click.pass_context
def cli(ctx: click.Context, resume: str | None, list_sessions: bool, **opts):
    """Watch a neural network learn, and steer it from the keyboard.

    With no command, opens the app (on the spiral dataset unless told otherwise).
    """
    if ctx.invoked_subcommand is not None:
        return
    if list_sessions:
        if resume is None:
            raise UserError("--list goes with --resume: nntui --resume --list")
        from nntui.cli.resume import session_lines

        click.echo("\n".join(session_lines()) or "no saved sessions")
        return
    check_app_options(opts)
    if resume is not None:
        from nntui.cli.resume import resume_app

        ctx.exit(resume_app(ctx, resume, opts))
    config = config_from_options(**opts)
    trainer = build_trainer_or_exit(config)
    if config.low_bandwidth:
        from nntui.tui.lowband import prefer_256_colours

        prefer_256_colours()
    from nntui.training.loop import TrainerLoop
    from nntui.tui.app import run_app

    ctx.exit(run_app(config, TrainerLoop(config, trainer=trainer)))


@cli.command()
@run_options
def train(**opts):
    """Train without the UI: progress, metrics JSONL, checkpoint."""
    from nntui.training.headless import train_headless

    config = config_from_options(**opts)
    trainer = build_trainer_or_exit(config)
    sys.exit(train_headless(trainer))


def _register_optional_commands() -> None:
    from nntui.cli.datasets import datasets_group
    from nntui.cli.screenshot import screenshot_command

    cli.add_command(datasets_group, "datasets")
    cli.add_command(screenshot_command, "screenshot")
    from nntui.cli.learn import learn
    cli.add_command(learn, "learn")
    from nntui.cli.serve import serve
    cli.add_command(serve, "serve")
    from nntui.cli.watch import watch_command
    cli.add_command(watch_command, "watch")


_register_optional_commands()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI, one-line errors, proper exit codes."""
    try:
        code = cli.main(args=argv, prog_name="nntui", standalone_mode=False)
    except click.exceptions.Exit as e:
        code = e.exit_code
    except click.exceptions.Abort:
        click.echo("nntui: aborted", err=True)
        code = 130
    except click.ClickException as e:
        click.echo(f"nntui: {e.format_message()}", err=True)
        code = 2 if isinstance(e, click.UsageError) else e.exit_code
    except user_errors() as e:
        click.echo(f"nntui: {e}", err=True)
        code = 2
    sys.exit(code or 0)
