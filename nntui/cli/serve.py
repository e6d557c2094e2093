"""`nntui serve`: the app in a web browser, through textual-serve (the optional `serve` extra).

textual-serve starts one `nntui` process per browser tab and relays its
terminal output over a websocket. The server binds to loopback unless
`--host` says otherwise; run options after `--` go to every app it starts
(`nntui serve -- --dataset mnist`), checked here first so a typo fails now,
not in the browser.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys

import click

from nntui.cli.options import UserError

PAGE_TITLE = "nntui: watch a neural network learn"
INSTALL_HINT = 'nntui serve needs textual-serve: install it with pip install "nntui[serve]".'


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(app_args: tuple[str, ...]) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this nntui, these options."""
    return shlex.join([sys.executable, "-m", "nntui", *app_args])


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless told).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.argument("app_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, app_args: tuple[str, ...]) -> None:
    """Serve the app to a web browser (every tab gets its own run).

    Run options for the app go after `--`, e.g. `nntui serve -- --dataset mnist`.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    from nntui.cli import check_app_options

    app = ctx.find_root().command.make_context("nntui", list(app_args), parent=None)  # bad options: exit 2 here
    check_app_options({k: v for k, v in app.params.items() if k != "resume"})  # bad values too
    if not _is_loopback(host):
        click.echo(f"nntui: serving on {host}: anyone who can reach this port can use the app", err=True)
    server = Server(app_command(app_args), host=host, port=port, title=PAGE_TITLE)
    try:
        server.serve()
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
