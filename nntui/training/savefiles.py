"""Save files: a name no other writer can take, and folders that keep only their newest files.

`claim_name` creates an empty file with O_CREAT | O_EXCL at `path`, or at
path-2, path-3, … the first free one: the kernel gives each name to one
creator only, so two threads or processes saving the same step at the same
moment get two files. A writer fills its claimed name by renaming a finished
temp file onto it; until then the file is empty, and `saved_files` does not
list empty files, so readers and pruning never see a half-made save.
"""

from __future__ import annotations

import os
from pathlib import Path


def claim_name(path: Path) -> Path:
    """Create an empty file at `path`, or path-2, path-3, … (the first that does not exist); its path."""
    candidate, n = path, 1
    while True:
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return candidate
        except FileExistsError:
            n += 1
            candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")


def saved_files(folder: Path) -> list[Path]:
    """The finished .npz files in `folder`, oldest first (by modification time, then name)."""
    found = []
    for path in folder.glob("*.npz") if folder.is_dir() else ():
        try:
            stat = path.stat()
        except FileNotFoundError:  # pruned by another writer meanwhile
            continue
        if stat.st_size:
            found.append((stat.st_mtime_ns, path.name, path))
    return [path for _, _, path in sorted(found)]


def prune(folder: Path, keep: int) -> None:
    """Delete all but the newest `keep` finished files in `folder`."""
    for old in saved_files(folder)[:-keep]:
        old.unlink(missing_ok=True)
