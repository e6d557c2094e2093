"""Datasets for nntui: generated toy sets, offline digits, MNIST-like IDX files and your own CSV.

Everything returns a `Dataset`; every mistake a user can make raises
`DataError` with one sentence. Nothing here imports a UI library.
"""

from nntui.data.csvdata import load_csv
from nntui.data.dataset import Dataset, DatasetInfo
from nntui.data.download import FetchReport, fetch
from nntui.data.errors import DataError
from nntui.data.paths import resolve_data_dirs, shipped_path, user_cache_dir
from nntui.data.registry import dataset_info, dataset_names, load_dataset

__all__ = [
    "DataError",
    "Dataset",
    "DatasetInfo",
    "FetchReport",
    "dataset_info",
    "dataset_names",
    "fetch",
    "load_csv",
    "load_dataset",
    "resolve_data_dirs",
    "shipped_path",
    "user_cache_dir",
]
