"""Where a run log goes: the default name under ./runs, and opening a path for appending with one-sentence errors."""

from __future__ import annotations

import os
import time
from pathlib import Path

from nntui.watch.errors import WatchError

RUNS = Path("runs")
SUFFIX = ".nnt"


def default_path() -> Path:
    """runs/run-YYYYmmdd-HHMMSS.nnt under the current folder (the one folder nntui creates itself)."""
    RUNS.mkdir(exist_ok=True)
    return RUNS / time.strftime(f"run-%Y%m%d-%H%M%S{SUFFIX}")


def open_for_append(path: str | os.PathLike) -> int:
    """A new (or emptied) file opened for appending; WatchError when its folder is missing or not writable."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WatchError(f"cannot write the run log {path}: the folder {path.parent} does not exist.")
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
    except OSError as e:
        raise WatchError(f"cannot write the run log {path}: {(e.strerror or str(e)).lower()}.") from None
