"""Sessions: the app's run saved on quit, SIGTERM or SIGHUP, and `nntui --resume`.

A session file is a checkpoint (see checkpoint.py) with the UI's selection in
its meta, kept in the user state directory (XDG_STATE_HOME/nntui/sessions, or
$NNTUI_STATE_DIR/sessions), each under a name no other save takes (savefiles.py);
only the newest KEEP_SESSIONS files are kept.
Resuming without a file takes the newest session that can be read (a
corrupt newer one is skipped, and said so). It rebuilds the run from the
config stored in the file, then restores
weights, optimizer state, counters, histories and the data order; a run that
was paused (or had diverged) when saved comes back paused.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from nntui.config import RunConfig
from nntui.run.places import state_dir
from nntui.training.savefiles import prune, saved_files
from nntui.training.checkpoint import (
    Checkpoint,
    CheckpointError,
    data_scaling,
    load_checkpoint,
    restore,
)
from nntui.training.outputs import save_or_fallback


def sessions_dir() -> Path:
    return state_dir() / "sessions"


KEEP_SESSIONS = 20


class Resumed(NamedTuple):
    """A session brought back: its trainer, the UI's selection, and whether the run was paused."""

    trainer: object
    selection: dict
    paused: bool


def save_session(trainer, selection: dict | None = None, *, paused: bool = False) -> Path:
    """Write the run (`paused` or not) to a new session file, drop all but the newest KEEP_SESSIONS; its path.

    If the sessions folder cannot take it, the run goes to the system temp folder (SavedElsewhere says where).
    """
    now = time.time()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"{now % 1:.3f}"[1:]
    name = f"{stamp}-{trainer.config.data_label}-step{trainer.step}.npz".replace("/", "_")
    path = save_or_fallback(trainer, sessions_dir() / name, new_name=True,
                            extra_meta={"selection": selection or {}, "paused": paused})
    prune(sessions_dir(), KEEP_SESSIONS)
    return path


def session_files() -> list[Path]:
    """The saved sessions, oldest first."""
    return saved_files(sessions_dir())


def latest_session() -> Path | None:
    files = session_files()
    return files[-1] if files else None


def newest_readable(on_skip: Callable[[str], None]) -> tuple[Path, Checkpoint]:
    """The newest session that loads, and its checkpoint; `on_skip` hears one line per corrupt newer one."""
    files = session_files()
    if not files:
        raise CheckpointError(f"there is no saved session to resume in {sessions_dir()}")
    for path in reversed(files):
        try:
            return path, load_checkpoint(path)
        except CheckpointError as e:
            on_skip(f"skipping session {path}: {e}")
    raise CheckpointError(f"none of the {len(files)} sessions in {sessions_dir()} can be resumed")


def resume(path: str | os.PathLike | None, dataset=None, overrides: dict | None = None,
           on_skip: Callable[[str], None] = print) -> Resumed:
    """The run rebuilt from a session file (the newest readable one when `path` is None).

    `overrides` replace config entries that do not change the run (fps, output files, data dir);
    `on_skip` hears one line for each newer session skipped because it cannot be read.
    """
    from nntui.training.setup import load_data
    from nntui.training.trainer import Trainer

    path, ck = newest_readable(on_skip) if path is None else (path, load_checkpoint(path))
    try:
        config = RunConfig.from_dict(ck.meta["config"])
    except (KeyError, TypeError) as e:
        raise CheckpointError(f"{path} has no run configuration to resume from ({e})") from None
    config = RunConfig.from_dict({**config.to_dict(), "init_from": None, **(overrides or {})})
    trainer = Trainer(config, dataset if dataset is not None else load_data(config))
    scaling = data_scaling(trainer.dataset)
    if any(ck.meta.get(key) != value for key, value in scaling.items()):
        raise CheckpointError(f"session {path} was trained on data scaled differently from "
                              f"{config.data_label} as it is now; the file has changed since")
    restore(trainer, ck, source=f"session {path}")  # the optimizer state brings its learning rate
    return Resumed(trainer, ck.meta.get("selection") or {}, bool(ck.meta.get("paused", False)))
