"""The learning-rate schedule: multiplied by `lr_decay` after each of the preset's epochs, then held.

A preset's decay is tuned for its own number of epochs (MNIST: ×0.3 for 3
epochs). Past them the rate holds, so a run that goes on (the app has no
last epoch) keeps learning instead of decaying to nothing.
"""

from __future__ import annotations

from nntui.config import RunConfig


def decay_epochs(config: RunConfig) -> int:
    """How many epochs the learning rate decays for: the preset's epochs."""
    return config.preset.epochs


def decay_after(config: RunConfig, epoch: int) -> float:
    """The factor the learning rate is multiplied by when epoch `epoch` (1, 2, …) ends."""
    return config.lr_decay if epoch <= decay_epochs(config) else 1.0


def lr_at(config: RunConfig, epoch: int) -> float:
    """The learning rate during epoch `epoch` (0 = the first), for a resolved config."""
    return config.lr * config.lr_decay ** min(epoch, decay_epochs(config))


def schedule_text(config: RunConfig) -> str:
    """The schedule in words, e.g. "lr 0.05, ×0.3 after each of the first 3 epochs, then 0.00135"."""
    n = decay_epochs(config)
    if config.lr_decay == 1 or n == 0:
        return f"lr {config.lr:g}, constant"
    return f"lr {config.lr:g}, ×{config.lr_decay:g} after each of the first {n} epochs, then {lr_at(config, n):.3g}"
