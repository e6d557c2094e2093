"""The run options shared by `nntui`, `nntui train`, `nntui screenshot` and `nntui learn`.

One decorator adds them; `config_from_options` validates the values and
builds the RunConfig. Bad values raise UserError: one sentence, exit 2.
"""

from __future__ import annotations

import math
from pathlib import Path

import click

from nntui.config import ACTIVATIONS, OPTIMIZERS, RunConfig, parse_sizes
from nntui.nn.init import parse_init

DEFAULTS = RunConfig()  # the options' defaults are RunConfig's own
# Options that are RunConfig fields of the same name and type, taken as given (None: RunConfig's default).
PLAIN_OPTIONS = ("data_file", "target", "task", "data_dir", "noise", "test_split", "activation", "optimizer", "lr",
                 "lr_decay", "momentum", "l1", "l2", "batch_size", "epochs", "steps", "seed", "dtype", "init_from",
                 "checkpoint_out", "metrics_out", "fps", "speed")


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit code 2."""

    exit_code = 2


def parse_hidden(text: str | None) -> tuple[int, ...] | None:
    """'128,64' → (128, 64); '' or 'none' → (); None → None (use the preset)."""
    if text is None:
        return None
    try:
        return parse_sizes(text)
    except ValueError as e:
        raise UserError(f"--{e}") from None


def _positive(name: str, value: float | None, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    ok = math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
    if not ok:
        kind = "zero or more" if allow_zero else "greater than zero"
        raise UserError(f"{name} must be a finite number {kind} (got {value:g})")


def _checked_init(text: str | None) -> str | None:
    """--init as RunConfig keeps it (lower case, e.g. 'normal:0.3'); UserError if it names no scheme."""
    if text is None:
        return None
    try:
        parse_init(text)
    except ValueError as e:
        raise UserError(str(e)) from None
    return text.strip().lower()


def check_output_file(flag: str, path: str | None) -> None:
    """An output file must be writable: its folder exists and takes a file, and the path is not a folder."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{flag} {path} is a folder; give a file name")
    if not target.parent.is_dir():
        raise UserError(f"{flag} {path}: the folder {target.parent} does not exist")
    from nntui.training.outputs import write_problem

    problem = write_problem(target)
    if problem:
        raise UserError(f"cannot write {flag} {path}: {problem}")


def run_options(func):
    """Add the shared run options to a click command."""
    decorators = [
        click.option("--dataset", "-d", default=DEFAULTS.dataset, show_default=True, metavar="NAME",
                     help="Built-in dataset (see `nntui datasets list`)."),
        click.option("--data", "data_file", metavar="FILE.csv", help="Train on your own CSV instead of a dataset."),
        click.option("--target", metavar="COLUMN", help="CSV target column, name or index (default: last)."),
        click.option("--task", type=click.Choice(["classification", "regression"]),
                     help="Override the CSV task detection."),
        click.option("--data-dir", envvar="NNTUI_DATA_DIR", metavar="DIR",
                     help="Where MNIST-like files are (env NNTUI_DATA_DIR)."),
        click.option("--noise", type=float, help="Noise level of a generated dataset."),
        click.option("--test-split", type=float, help="Share of samples held out for testing."),
        click.option("--hidden", metavar="SIZES", help="Hidden layer sizes, e.g. 128,64 ('' for none)."),
        click.option("--activation", type=click.Choice(ACTIVATIONS), help="Hidden-layer activation."),
        click.option("--init", metavar="SCHEME", help="Initial weights: he, xavier, zeros or normal:σ "
                     "(default: he for the relu family, xavier otherwise)."),
        click.option("--optimizer", type=click.Choice(OPTIMIZERS), help="Optimizer."),
        click.option("--lr", type=float, help="Learning rate."),
        click.option("--lr-decay", type=float, help="Multiply the learning rate by this after every epoch (1: constant)."),
        click.option("--momentum", type=float, default=DEFAULTS.momentum, show_default=True, help="Momentum (with --optimizer momentum)."),
        click.option("--l1", type=float, default=DEFAULTS.l1, show_default=True, help="L1 penalty on weights."),
        click.option("--l2", type=float, default=DEFAULTS.l2, show_default=True, help="L2 penalty on weights."),
        click.option("--batch-size", type=int, help="Mini-batch size."),
        click.option("--epochs", type=int, help="Epochs to train."),
        click.option("--steps", type=int, help="Stop after N optimizer steps (0: only initialize)."),
        click.option("--seed", type=int, default=DEFAULTS.seed, show_default=True, help="Random seed (data, init, order)."),
        click.option("--no-shuffle", is_flag=True, help="Batches in dataset order from sample 0."),
        click.option("--sort-by-class", is_flag=True, help="With --no-shuffle: the samples one class after another."),
        click.option("--dtype", type=click.Choice(["float32", "float64"]), default=DEFAULTS.dtype, show_default=True),
        click.option("--init-from", metavar="CK.npz", help="Start from a checkpoint's weights and optimizer state."),
        click.option("--checkpoint-out", metavar="CK.npz", help="Write a checkpoint here at the end."),
        click.option("--metrics-out", metavar="FILE.jsonl", help="Append one JSON object per epoch."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def check_options(opts: dict) -> None:
    """UserError for the first shared option whose value cannot be used."""
    for flag, allow_zero in (("--lr", False), ("--lr-decay", False), ("--momentum", True), ("--l1", True),
                             ("--l2", True), ("--noise", True)):
        _positive(flag, opts.get(flag[2:].replace("-", "_")), allow_zero=allow_zero)
    for name in ("batch_size", "epochs"):
        value = opts.get(name)
        if value is not None and value < 1:
            raise UserError(f"--{name.replace('_', '-')} must be at least 1 (got {value})")
    if opts.get("seed") is not None and opts["seed"] < 0:
        raise UserError(f"--seed must be zero or more (got {opts['seed']})")
    if opts.get("steps") is not None and opts["steps"] < 0:
        raise UserError(f"--steps must be zero or more (got {opts['steps']})")
    split = opts.get("test_split")
    if split is not None and not (0 < split < 1):
        raise UserError(f"--test-split must be between 0 and 1 (got {split:g})")
    if opts.get("momentum") is not None and opts["momentum"] >= 1:
        raise UserError(f"--momentum must be below 1 (got {opts['momentum']:g})")
    if opts.get("sort_by_class") and not opts.get("no_shuffle"):
        raise UserError("--sort-by-class needs --no-shuffle (shuffled batches have no class order)")
    check_output_file("--checkpoint-out", opts.get("checkpoint_out"))
    check_output_file("--metrics-out", opts.get("metrics_out"))


def config_from_options(**opts) -> RunConfig:
    """Validate the shared options and build a RunConfig (unknown keys are ignored; missing ones: RunConfig's
    defaults)."""
    check_options(opts)
    given = {name: opts[name] for name in PLAIN_OPTIONS if opts.get(name) is not None}
    return RunConfig(
        **given,
        dataset=opts.get("dataset") or DEFAULTS.dataset,
        hidden=parse_hidden(opts.get("hidden")),
        init=_checked_init(opts.get("init")),
        shuffle=not opts.get("no_shuffle", False),
        sort_by_class=opts.get("sort_by_class", False),
        low_bandwidth=opts.get("low_bandwidth", False),
    )
