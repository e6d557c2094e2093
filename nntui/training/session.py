"""Sessions: the app's run saved on quit, SIGTERM or SIGHUP, and `nntui --resume`.

A session file is a checkpoint (see checkpoint.py) with the UI's selection in
its meta, kept in the user state directory (XDG_STATE_HOME/nntui/sessions).
Resuming rebuilds the run from the config stored in the file, then restores
weights, optimizer state, counters, histories and the data order.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from nntui.config import RunConfig
from nntui.training.checkpoint import CheckpointError, load_checkpoint, restore, save_checkpoint


def state_dir() -> Path:
    """nntui's folder for sessions and logs (XDG state dir on Linux)."""
    from platformdirs import user_state_dir

    return Path(os.environ.get("NNTUI_STATE_DIR") or user_state_dir("nntui"))


def sessions_dir() -> Path:
    return state_dir() / "sessions"


def save_session(trainer, selection: dict | None = None) -> Path:
    """Write the run to a new session file and return its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{trainer.config.data_label}-step{trainer.step}.npz".replace("/", "_")
    return save_checkpoint(trainer, sessions_dir() / name, extra_meta={"selection": selection or {}})


def latest_session() -> Path | None:
    folder = sessions_dir()
    files = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    return files[-1] if files else None


def resume(path: str | os.PathLike | None, dataset=None):
    """(trainer, selection) rebuilt from a session file (the latest one when `path` is None)."""
    from nntui.training.setup import load_data
    from nntui.training.trainer import Trainer

    if path is None:
        path = latest_session()
        if path is None:
            raise CheckpointError(f"there is no saved session to resume in {sessions_dir()}")
    ck = load_checkpoint(path)
    try:
        config = RunConfig.from_dict(ck.meta["config"])
    except (KeyError, TypeError) as e:
        raise CheckpointError(f"{path} has no run configuration to resume from ({e})") from None
    config = RunConfig.from_dict({**config.to_dict(), "init_from": None})
    trainer = Trainer(config, dataset if dataset is not None else load_data(config))
    restore(trainer, ck, source=f"session {path}")  # the optimizer state brings its learning rate
    return trainer, ck.meta.get("selection") or {}
