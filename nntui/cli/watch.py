"""`nntui watch [PATH]`: the app on a run log written by nntui.watch or nntui.Recorder, live or replayed.

PATH defaults to the newest log under ./runs; `-` reads the log streamed
over stdin. A missing file, a file that is not a run log, a log from a newer
nntui: one sentence, exit 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from nntui.cli.options import UserError

RUNS = Path("runs")


def newest_log() -> Path:
    logs = sorted(RUNS.glob("*.nnt"), key=lambda p: p.stat().st_mtime) if RUNS.is_dir() else []
    if not logs:
        raise UserError("no run log found under ./runs: give its path (nntui watch PATH), "
                        "or pipe one in (nntui watch -)")
    return logs[-1]


def open_source(path: str | None):
    """The LogSource for PATH (None: the newest under ./runs; '-': stdin); UserError when it cannot be read."""
    from nntui.watch.errors import WatchError
    from nntui.watch.log_source import open_log

    try:
        if path == "-":
            from nntui.watch.spool import spool_stdin

            spooled, eof = spool_stdin()
            return open_log(spooled, name="stdin", eof=eof, wait=30.0)
        return open_log(newest_log() if path is None else path)
    except WatchError as e:
        raise UserError(str(e).rstrip(".")) from None


@click.command()
@click.argument("path", required=False, metavar="[PATH]")
@click.option("--low-bandwidth", is_flag=True, help="Fewer frames and colours, for slow SSH links.")
@click.pass_context
def watch_command(ctx: click.Context, path: str | None, low_bandwidth: bool) -> None:
    """Watch a run log of your own model (nntui.watch): live while it is written, replayed once it has ended.

    PATH: the log (default: the newest under ./runs); - reads it from stdin.
    """
    from nntui.config import RunConfig
    from nntui.tui.app import run_app

    source = open_source(path)
    if low_bandwidth:
        from nntui.tui.lowband import prefer_256_colours

        prefer_256_colours()
    ctx.exit(run_app(RunConfig(low_bandwidth=low_bandwidth), source))
