"""`nntui datasets list|fetch`: what data there is, and downloading the real image sets.

Both print a rich table or progress bar on a terminal and plain lines
otherwise. A DataError becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from nntui.cli.options import UserError

COLUMNS = ("name", "task", "inputs → outputs", "train / test", "source", "available")


@contextmanager
def _user_errors():
    """Turn a DataError into the CLI's one-line UserError."""
    from nntui.data import DataError

    try:
        yield
    except DataError as e:
        raise UserError(str(e)) from None


def _is_tty() -> bool:
    return sys.stdout.isatty()


@click.group("datasets")
def datasets_group() -> None:
    """List the datasets, and fetch MNIST and Fashion-MNIST."""


@datasets_group.command("list")
@click.option("--data-dir", envvar="NNTUI_DATA_DIR", metavar="DIR", help="Where MNIST-like files are.")
def list_command(data_dir: str | None) -> None:
    """The datasets: task, inputs → outputs, size, source and where the files are."""
    from nntui.data import dataset_info, dataset_names, shipped_path

    with _user_errors():
        rows = [_row(dataset_info(name, data_dir=data_dir)) for name in dataset_names()]
    if _is_tty():
        _print_rich_table(rows)
    else:
        _print_plain_table(rows)
    example = shipped_path("examples", "weather.csv")
    click.echo(f"\nYour own data: nntui --data FILE.csv [--target COLUMN]  (example: {example})")


def _row(info) -> tuple[str, ...]:
    return (info.name, info.task, info.shape, f"{info.n_train} / {info.n_test}", info.source, info.available)


def _print_plain_table(rows: list[tuple[str, ...]]) -> None:
    """Aligned name, task, shape and size; the source and any file status indented below each row."""
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(4)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(COLUMNS[:4], widths)).rstrip())
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row[:4], widths)).rstrip())
        click.echo(f"    {row[4]}")
        if row[5] != "built in":
            click.echo(f"    {row[5]}")


def _print_rich_table(rows: list[tuple[str, ...]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="nntui datasets")
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@datasets_group.command("fetch")
@click.argument("name")
@click.option("--mirror", "mirrors", multiple=True, metavar="URL",
              help="Base URL to download from (repeatable; env NNTUI_MIRROR, comma-separated).")
@click.option("--data-dir", envvar="NNTUI_DATA_DIR", metavar="DIR",
              help="Download into DIR/NAME instead of the user cache folder.")
def fetch_command(name: str, mirrors: tuple[str, ...], data_dir: str | None) -> None:
    """Download NAME (mnist or fashion-mnist), checking every file's MD5."""
    from nntui.data import fetch

    report = _RichReport() if _is_tty() else _PlainReport()
    with _user_errors(), report:
        folder = fetch(name, data_dir=data_dir, mirrors=list(mirrors), report=report)
    click.echo(f"{name} is ready in {folder}")


class _PlainReport:
    """One line per event, for logs and pipes (implements nntui.data.FetchReport)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def file_skipped(self, name: str, path: Path) -> None:
        click.echo(f"{name}: already present, MD5 ok")

    def file_started(self, name: str, url: str, total: int | None) -> None:
        size = f" ({total / 1e6:.1f} MB)" if total and total >= 100_000 else f" ({total / 1e3:.1f} kB)" if total else ""
        click.echo(f"{name}: downloading {url}{size}")

    def file_progress(self, received: int) -> None:
        pass

    def file_failed(self, name: str, url: str, reason: str) -> None:
        click.echo(f"{name}: {url} failed: {reason}", err=True)

    def file_done(self, name: str, path: Path) -> None:
        click.echo(f"{name}: MD5 ok, saved to {path}")


class _RichReport(_PlainReport):
    """A progress bar per file on a terminal."""

    def __enter__(self):
        from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

        self.progress = Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn())
        self.progress.start()
        self.task = None
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def file_skipped(self, name: str, path: Path) -> None:
        self.progress.console.print(f"{name}: already present, MD5 ok")

    def file_started(self, name: str, url: str, total: int | None) -> None:
        self.task = self.progress.add_task(name, total=total)

    def file_progress(self, received: int) -> None:
        self.progress.advance(self.task, received)

    def file_failed(self, name: str, url: str, reason: str) -> None:
        self.progress.console.print(f"{name}: {url} failed: {reason}")
        if self.task is not None:
            self.progress.remove_task(self.task)
            self.task = None

    def file_done(self, name: str, path: Path) -> None:
        self.progress.console.print(f"{name}: MD5 ok")
        self.task = None
