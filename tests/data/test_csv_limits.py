"""CSV checks made before any training: too many classes, and files too big to be a CSV nntui can train on."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.data import DataError, load_csv
from nntui.data.csvdata import MAX_CLASSES


def _write(path, header, rows):
    path.write_text(header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def test_a_numeric_target_with_many_values_is_refused_as_classification(run_cli, tmp_path):
    rng = np.random.default_rng(0)
    prices = rng.uniform(1e5, 9e5, 500).round(2)
    csv = _write(tmp_path / "houses.csv", "rooms,area,price", [(i % 7, i * 3.5, p) for i, p in enumerate(prices)])
    distinct = len(np.unique(prices))
    result = run_cli("train", "--data", str(csv), "--task", "classification", "--steps", "1")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"nntui: target column 'price' has {distinct} distinct values, more classes than "
                          f"nntui trains on ({MAX_CLASSES}); for a numeric target use --task regression\n")


def test_a_text_target_with_too_many_labels_is_refused(tmp_path):
    csv = _write(tmp_path / "names.csv", "x,name", [(i, f"n{i}") for i in range(MAX_CLASSES + 1)])
    with pytest.raises(DataError) as error:
        load_csv(str(csv))
    assert str(error.value) == (f"target column 'name' has {MAX_CLASSES + 1} distinct values, more classes than "
                                f"nntui trains on ({MAX_CLASSES}); is --target the right column?")


def test_the_limit_itself_is_allowed(tmp_path):
    csv = _write(tmp_path / "ok.csv", "x,label", [(i, i % MAX_CLASSES) for i in range(2 * MAX_CLASSES)])
    ds = load_csv(str(csv), task="classification")
    assert ds.n_classes == MAX_CLASSES


class _ReadBudget:
    """Path.open that counts what is read and fails a read that could exceed `budget` bytes (or is unbounded)."""

    def __init__(self, monkeypatch, budget: int):
        import pathlib

        self.budget, self.read = budget, 0
        real_open = pathlib.Path.open
        counter = self

        class Counted:
            def __init__(self, f):
                self.f = f

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def read(self, n=-1):
                if n is None or n < 0 or counter.read + n > counter.budget:
                    raise AssertionError(f"a read of {n} bytes after {counter.read}: over the budget")
                data = self.f.read(n)
                counter.read += len(data)
                return data

        monkeypatch.setattr(pathlib.Path, "open", lambda path, *a, **kw: Counted(real_open(path, *a, **kw)))


def _sparse(path, size):
    with open(path, "wb") as f:
        f.truncate(size)  # a hole: no disk blocks, reads as zeros
    return path


def test_a_1_gb_file_is_refused_from_its_size_without_reading_it(tmp_path, monkeypatch, run_cli):
    from nntui.data.csvdata import MAX_CSV_BYTES

    big = _sparse(tmp_path / "big.csv", 2**30)
    budget = _ReadBudget(monkeypatch, budget=0)
    result = run_cli("train", "--data", str(big))
    assert budget.read == 0
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"nntui: {big} is 1.0 GiB; nntui reads CSV files of up to "
                          f"{MAX_CSV_BYTES / 2**20:.0f} MiB into memory\n")


def test_a_binary_file_is_refused_after_reading_only_its_start(tmp_path, monkeypatch):
    from nntui.data.csvdata import SNIFF_BYTES

    holes = _sparse(tmp_path / "holes.csv", 10 * 2**20)
    budget = _ReadBudget(monkeypatch, budget=SNIFF_BYTES)
    with pytest.raises(DataError) as error:
        load_csv(str(holes))
    assert 0 < budget.read <= SNIFF_BYTES
    assert str(error.value) == f"{holes} holds NUL bytes, so it is a binary file, not CSV text"
