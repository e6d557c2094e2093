"""From a RunConfig to a ready Trainer: load the data, check the network fits in memory, build it, apply --init-from."""

from __future__ import annotations

from nntui.config import RunConfig
from nntui.training.checkpoint import load_checkpoint, restore_weights
from nntui.training.memory import check_fits
from nntui.training.trainer import Trainer


def load_data(config: RunConfig):
    """The Dataset a config names: a CSV of the user's own, or a registered dataset."""
    from nntui.data import load_csv, load_dataset

    if config.data_file:
        return load_csv(config.data_file, target=config.target, task=config.task,
                        test_split=config.test_split, seed=config.seed)
    return load_dataset(config.dataset, data_dir=config.data_dir, seed=config.seed,
                        noise=config.noise, test_split=config.test_split)


def build_trainer(config: RunConfig, dataset=None) -> Trainer:
    """A Trainer for `config` (data loaded unless given), started from --init-from if set."""
    dataset = dataset if dataset is not None else load_data(config)
    if config.sort_by_class and dataset.task != "classification":
        from nntui.data import DataError

        raise DataError(f"--sort-by-class needs classes to sort by, and {config.data_label} is a regression set")
    check_fits(config, dataset)  # TooBig before a network too large for this machine is allocated
    trainer = Trainer(config, dataset)
    if config.init_from:
        # weights and optimizer state only: data order, counters and history are this run's own
        restore_weights(trainer, load_checkpoint(config.init_from), source=f"checkpoint {config.init_from}")
        # the options given now win over the checkpoint's learning rate
        trainer.opt.lr = trainer.config.lr
    return trainer
