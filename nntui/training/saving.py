"""The `s` key's checkpoint: where it goes when no --checkpoint-out was given, and what the status line says.

Without --checkpoint-out each `s` writes a new file in checkpoints/ of the
state folder (`xor-step7.npz`, then `xor-step7-2.npz` at the same step: a name
is never reused) and only the newest KEEP_CHECKPOINTS files there are kept.
With --checkpoint-out, `s` writes that file each time. A save that fails
goes to the system temp folder, and the status line says why and where.
"""

from __future__ import annotations

from pathlib import Path

from nntui.run.places import state_dir
from nntui.training.outputs import save_or_fallback
from nntui.training.savefiles import prune

KEEP_CHECKPOINTS = 50


def checkpoints_dir() -> Path:
    """Where `s` saves when no --checkpoint-out was given: checkpoints/ in the state folder."""
    return state_dir() / "checkpoints"


def save_for_user(trainer, path: str | None) -> str:
    """Write a checkpoint to `path`, --checkpoint-out or a new file in checkpoints_dir(); the sentence that
    says how it went."""
    asked = path or trainer.config.checkpoint_out
    if asked:
        target, new_name = Path(asked), False
    else:
        name = f"{trainer.config.data_label}-step{trainer.step}.npz".replace("/", "_")
        target, new_name = checkpoints_dir() / name, True
    try:
        written = save_or_fallback(trainer, target, new_name=new_name)
    except OSError as e:  # SavedElsewhere too: its sentence names the file in the temp folder
        return str(e)
    if new_name:
        prune(checkpoints_dir(), KEEP_CHECKPOINTS)
    return f"saved checkpoint to {written}"
