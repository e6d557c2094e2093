"""`nntui --resume [FILE]`: continue a saved session (the newest one by default) in the app.

The run comes back exactly as it was saved: its configuration, weights,
optimizer state, counters, histories, data order, selected weight, and
paused if it was paused. Only
options about the app and its output files may be given with it. A corrupt
newest session is skipped (one line names it) for the newest good one;
`--resume --list` prints the sessions instead.
"""

from __future__ import annotations

from dataclasses import fields, replace

import click
from click.core import ParameterSource

from nntui.cli.options import UserError, check_output_file

# Options that may change when a run is resumed; every other run option is the session's own.
RESUMABLE_OPTIONS = ("fps", "speed", "low_bandwidth", "metrics_out", "checkpoint_out", "data_dir")


def saved_selection(selection: dict):
    """The app's Selection from a session's saved selection (the default one if it does not fit)."""
    from nntui.tui.selection import Selection

    known = {f.name for f in fields(Selection)}
    try:
        saved = Selection(**{k: v for k, v in selection.items() if k in known})
        return Selection(int(saved.layer), int(saved.i), int(saved.j), float(saved.delta), bool(saved.log_scale),
                         bias=bool(saved.bias))
    except (TypeError, ValueError):
        return Selection()


def resume_app(ctx: click.Context, file: str, opts: dict) -> int:
    """Resume `file` ('' = the newest session) in the app; returns the app's exit code."""
    from nntui.cli import user_errors
    from nntui.training.loop import TrainerLoop
    from nntui.training.session import resume
    from nntui.tui.app import run_app

    for name in opts:
        if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE and name not in RESUMABLE_OPTIONS:
            flag = "--" + name.replace("_", "-").replace("data-file", "data")
            raise UserError(f"--resume continues the saved run as it was, so {flag} cannot be given with it")
    overrides = {name: opts[name] for name in RESUMABLE_OPTIONS
                 if name == "data_dir" and opts[name] is not None
                 or ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE}
    check_output_file("--checkpoint-out", overrides.get("checkpoint_out"))
    check_output_file("--metrics-out", overrides.get("metrics_out"))
    try:
        trainer, selection, paused = resume(file or None, overrides=overrides,
                                            on_skip=lambda line: click.echo(f"nntui: {line}", err=True))
    except user_errors() as e:
        raise UserError(str(e)) from None
    # the saved config has the preset's epochs filled in: the resumed app should not stop there
    config = replace(trainer.config, steps=None, epochs=None)
    return run_app(config, TrainerLoop(config, trainer=trainer, paused=paused), selection=saved_selection(selection))


def session_lines() -> list[str]:
    """One line per saved session, newest first: path, step, dataset, date (or why it cannot be read)."""
    import time

    from nntui.training.checkpoint import CheckpointError, load_checkpoint
    from nntui.training.session import session_files

    lines = []
    for path in reversed(session_files()):
        try:
            meta = load_checkpoint(path).meta
        except CheckpointError as e:
            lines.append(f"{path}  unreadable: {e}")
            continue
        date = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
        lines.append(f"{path}  step {meta.get('step', '?')}  {meta.get('dataset', '?')}  {date}")
    return lines
