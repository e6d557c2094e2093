"""Output files of a run: checked before the first step, and saved to the system temp folder when the write fails.

`write_problem` tries what the real write will do (a file created and filled
in the target's folder, and the target itself opened for appending when it
exists), so a missing, full or read-only folder is reported before any
training. If a write still fails later (the disk filled up during the run),
`fallback_path` names a fresh file in the system temp folder to save to;
`save_or_fallback` does both for a checkpoint and says what happened.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nntui.run.source import SavedElsewhere
from nntui.training.checkpoint import save_checkpoint

# Written and deleted before a run: a folder that cannot take 1 MiB more is full for a
# checkpoint (a tmpfs of a few KiB took a 4 KiB probe, then failed on the checkpoint).
PROBE_BYTES = 2**20


def reason(error: OSError) -> str:
    """An OSError in a few lowercase words: "permission denied", "no space left on device"."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def write_problem(path: str | os.PathLike) -> str | None:
    """Why `path` cannot be written (a few words), or None when a file can be written there."""
    path = Path(path)
    try:
        fd, probe = tempfile.mkstemp(prefix=".nntui-probe-", dir=path.parent)
        try:
            left = memoryview(bytes(PROBE_BYTES))
            while left:  # a write near a size limit can be short; the next one then fails
                left = left[os.write(fd, left):]
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
        if path.exists():
            with open(path, "ab"):
                pass
    except OSError as e:
        return reason(e)
    return None


def fallback_path(path: str | os.PathLike, suffix: str) -> Path:
    """A new, empty file in the system temp folder named after `path` (e.g. /tmp/ck-a1b2c3.npz)."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f"{path.stem}-", suffix=path.suffix or suffix)
    os.close(fd)
    return Path(name)


def save_or_fallback(trainer, asked: Path, *, new_name: bool = False, extra_meta: dict | None = None) -> Path:
    """Save a checkpoint to `asked` (see save_checkpoint); if that fails, to the system temp folder.

    Raises SavedElsewhere naming the file in the temp folder, or OSError if that failed too (nothing saved);
    either says why in one sentence.
    """
    try:
        return save_checkpoint(trainer, asked, extra_meta, new_name=new_name)
    except OSError as e:
        why = reason(e)
    try:  # the sentences lead with where (or that nothing was saved), then why: a status line may show only their start
        path = save_checkpoint(trainer, fallback_path(asked, ".npz"), extra_meta)
    except OSError as e:
        raise OSError(f"nothing was saved: {asked.parent} failed ({why}), so did the system temp folder "
                      f"({reason(e)})") from None
    raise SavedElsewhere(f"saved to {path} ({why} in {asked.parent})", path)
