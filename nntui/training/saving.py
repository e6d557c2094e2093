"""The `s` key's checkpoint: where it goes when no --checkpoint-out was given, and what the status line says."""

from __future__ import annotations

from pathlib import Path

from nntui.training.checkpoint import save_checkpoint


def default_checkpoint_path(trainer) -> Path:
    """Where `s` saves when no --checkpoint-out was given: the user data folder."""
    from platformdirs import user_data_dir

    name = f"{trainer.config.data_label}-step{trainer.step}.npz".replace("/", "_")
    return Path(user_data_dir("nntui")) / "checkpoints" / name


def save_for_user(trainer, path: str | None) -> str:
    """Write a checkpoint to `path`, --checkpoint-out or the default place; the sentence that says how it went."""
    target = Path(path or trainer.config.checkpoint_out or default_checkpoint_path(trainer))
    try:
        written = save_checkpoint(trainer, target)
    except OSError as e:
        return f"could not save to {target}: {e.strerror or e}"
    return f"saved checkpoint to {written}"
