"""Where data lives: the folders searched for downloaded files, and the files nntui ships."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "NNTUI_DATA_DIR"


def user_cache_dir() -> Path:
    """The per-user cache folder downloads go to ($XDG_CACHE_HOME/nntui when that is set)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "nntui"
    return Path(platformdirs.user_cache_dir("nntui"))


def resolve_data_dirs(data_dir: str | None = None) -> list[Path]:
    """Folders to search, first match wins: `data_dir` if given, else $NNTUI_DATA_DIR, then the user cache.

    $NNTUI_DATA_DIR may hold several folders separated by os.pathsep. The
    cache folder always comes last, so files fetched there are found too.
    """
    if data_dir:
        chosen = [Path(data_dir)]
    else:
        chosen = [Path(p) for p in os.environ.get(DATA_DIR_ENV, "").split(os.pathsep) if p]
    dirs: list[Path] = []
    for path in [*chosen, user_cache_dir()]:
        path = path.expanduser()
        if path not in dirs:
            dirs.append(path)
    return dirs


def shipped_path(*parts: str) -> Path:
    """A file from the repository's datasets/ folder: packaged as nntui/_datasets, else the source checkout's."""
    packaged = Path(str(resources.files("nntui") / "_datasets"))
    root = packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "datasets"
    return root.joinpath(*parts)
