"""Where nntui keeps its state on this machine: sessions and the log of unexpected errors."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    """nntui's folder for sessions and logs (XDG state dir on Linux, or $NNTUI_STATE_DIR)."""
    from platformdirs import user_state_dir

    return Path(os.environ.get("NNTUI_STATE_DIR") or user_state_dir("nntui"))


def log_path() -> Path:
    """The log file unexpected errors inside the app are written to, with their traceback."""
    return state_dir() / "nntui.log"
