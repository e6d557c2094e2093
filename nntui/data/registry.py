"""The named datasets: list them, describe them, load one by name."""

from __future__ import annotations

from nntui.data.dataset import Dataset, DatasetInfo
from nntui.data.digits import DigitsSet
from nntui.data.errors import DataError
from nntui.data.mnist import IDX_SETS
from nntui.data.toy import TOY_SETS

# Every source has .name, .info(data_dir) and .load(seed=, noise=, test_split=, data_dir=).
_SOURCES = {source.name: source for source in (*TOY_SETS, DigitsSet(), *IDX_SETS)}


def dataset_names() -> list[str]:
    """The built-in dataset names, simplest first."""
    return list(_SOURCES)


def _source(name: str):
    key = name.strip().lower().replace("_", "-")
    if key not in _SOURCES:
        hint = "; for a CSV file of your own use --data FILE.csv" if key.endswith(".csv") else ""
        raise DataError(f"unknown dataset {name!r}; the datasets are {', '.join(_SOURCES)}{hint}")
    return _SOURCES[key]


def dataset_info(name: str, *, data_dir: str | None = None) -> DatasetInfo:
    """What `name` is, without loading it (for MNIST-like sets: whether and where the files are)."""
    return _source(name).info(data_dir)


def load_dataset(name: str, *, data_dir: str | None = None, seed: int = 0,
                 noise: float | None = None, test_split: float | None = None) -> Dataset:
    """The dataset called `name`; the same arguments always give the same arrays.

    `noise` and `test_split` default to each generated set's own; real sets
    (mnist, fashion-mnist) keep their official split and take neither.
    Unknown names, bad options and missing files raise DataError.
    """
    return _source(name).load(seed=seed, noise=noise, test_split=test_split, data_dir=data_dir)
