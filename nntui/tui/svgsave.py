"""The palette's Screenshot: the screen saved as an SVG file in the current folder (else the system temp folder).

Textual's own saves to a downloads folder, which many machines reached over SSH do not have, and reports in a
toast; nntui says where the file went, or why it could not be written, in the status line.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path


def new_file(folder: Path, stem: str) -> Path:
    """Create `folder/stem.svg` (or `stem-2.svg`, … if taken) empty and return it; OSError if the folder refuses."""
    for n in range(1, 1000):
        path = folder / (f"{stem}.svg" if n == 1 else f"{stem}-{n}.svg")
        try:
            with path.open("x", encoding="utf-8"):
                return path
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder} holds 999 screenshots named {stem}")


def save_svg(svg: str, folders: tuple[Path, ...] | None = None) -> Path:
    """Write `svg` to a new file in the first folder that takes it (the current one, then the temp folder)."""
    stem = f"nntui-{datetime.now():%Y-%m-%d_%H-%M-%S}"
    error: OSError | None = None
    for folder in folders or (Path.cwd(), Path(tempfile.gettempdir())):
        try:
            path = new_file(folder, stem)
            path.write_text(svg, encoding="utf-8")
            return path
        except OSError as e:
            error = error or e
    raise error
