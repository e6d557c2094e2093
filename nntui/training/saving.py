"""The `s` key's checkpoint: where it goes when no --checkpoint-out was given, and what the status line says.

Without --checkpoint-out each `s` writes a new file in checkpoints/ of the
state folder (`xor-step7.npz`, then `xor-step7-2.npz` at the same step: a name
is never reused) and only the newest KEEP_CHECKPOINTS files there are kept.
With --checkpoint-out, `s` writes that file each time.
"""

from __future__ import annotations

from pathlib import Path

from nntui.run.places import state_dir
from nntui.training.checkpoint import save_checkpoint
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
        written = save_checkpoint(trainer, target, new_name=new_name)
    except OSError as e:
        return f"could not save to {target}: {e.strerror or e}"
    if new_name:
        prune(checkpoints_dir(), KEEP_CHECKPOINTS)
    return f"saved checkpoint to {written}"
