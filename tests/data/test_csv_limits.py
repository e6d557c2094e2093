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
