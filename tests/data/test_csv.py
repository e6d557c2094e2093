"""Your own CSV: header, target and task detection, standardization, and a one-sentence error for each bad file."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.data import DataError, load_csv


def write(tmp_path, text: str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def grid_csv(n: int = 40, header: bool = True, delimiter: str = ",") -> str:
    """a, b numeric features and a yes/no label that depends on a."""
    rows = ["a,b,label"] if header else []
    rows += [f"{i},{(i * 7) % 5},{'yes' if i % 2 else 'no'}" for i in range(n)]
    return "\n".join(r.replace(",", delimiter) for r in rows) + "\n"


def test_header_text_target_and_standardized_features(tmp_path):
    ds = load_csv(str(write(tmp_path, grid_csv())))
    assert ds.name == "data.csv" and ds.task == "classification"
    assert ds.feature_names == ("a", "b") and ds.class_names == ("no", "yes") and ds.n_classes == 2
    assert (ds.n_train, ds.n_test) == (32, 8) and ds.X_train.dtype == np.float32 and ds.y_train.dtype == np.int64
    assert np.allclose(ds.X_train.mean(axis=0), 0, atol=1e-6) and np.allclose(ds.X_train.std(axis=0), 1, atol=1e-5)
    raw_train = ds.X_train * ds.x_std + ds.x_mean
    assert np.allclose(raw_train, np.round(raw_train), atol=1e-4)  # the stored mean/std undo the scaling
    assert np.bincount(ds.y_test).tolist() == [4, 4]  # stratified
    assert "data.csv" in ds.source


def test_no_header_gives_numbered_columns(tmp_path):
    ds = load_csv(str(write(tmp_path, grid_csv(header=False))))
    assert ds.feature_names == ("column 1", "column 2") and ds.n_train + ds.n_test == 40


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_files(tmp_path, delimiter):
    ds = load_csv(str(write(tmp_path, grid_csv(delimiter=delimiter))))
    assert ds.feature_names == ("a", "b")


@pytest.mark.parametrize("target,features", [("a", ("b", "label")), ("0", ("b", "label")),
                                             ("-2", ("a", "label")), (1, ("a", "label"))])
def test_target_by_name_or_index(tmp_path, target, features):
    text = "a,b,label\n" + "".join(f"{i},{i % 3},{i % 4}\n" for i in range(30))
    ds = load_csv(str(write(tmp_path, text)), target=target)
    assert ds.feature_names == features


@pytest.mark.parametrize("values,task", [
    (["1.5", "2.25", "3.0", "4.75"] * 10, "regression"),
    ([str(i) for i in range(40)], "regression"),  # more than 20 distinct whole numbers
    (["0", "1", "2"] * 10, "classification"),
    (["cat", "dog"] * 10, "classification"),
])
def test_task_is_detected(tmp_path, values, task):
    text = "x,y\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values))
    ds = load_csv(str(write(tmp_path, text)))
    assert ds.task == task
    if task == "regression":
        assert ds.y_train.shape == (ds.n_train, 1) and ds.y_train.dtype == np.float32 and ds.n_classes == 0


def test_task_override_and_numeric_class_names(tmp_path):
    text = "x,y\n" + "".join(f"{i},{i % 3 * 10}\n" for i in range(30))
    path = str(write(tmp_path, text))
    assert load_csv(path).class_names == ("0", "10", "20")
    ds = load_csv(path, task="regression")
    raw = ds.y_train[:, 0].astype(np.float64) * ds.y_std[0] + ds.y_mean[0]  # targets are standardized
    assert ds.task == "regression" and sorted(set(np.round(raw, 3).tolist())) == [0.0, 10.0, 20.0]


def test_quoted_cells_blank_lines_and_bom(tmp_path):
    text = '\ufeff"size, cm",colour\n\n1.5,"dark, red"\n2.5,blue\n\n3.5,"dark, red"\n4.5,blue\n'
    ds = load_csv(str(write(tmp_path, text)), test_split=0.5)
    assert ds.feature_names == ("size, cm",) and ds.class_names == ("blue", "dark, red")


def test_seed_and_split_are_honoured(tmp_path):
    path = str(write(tmp_path, grid_csv(100)))
    a, b, c = load_csv(path, seed=1), load_csv(path, seed=1), load_csv(path, seed=2)
    assert np.array_equal(a.X_train, b.X_train) and not np.array_equal(a.X_train, c.X_train)
    assert load_csv(path, test_split=0.3).n_test == 30


def test_the_shipped_example_is_the_generator_s_output():
    from nntui.data import shipped_path
    from nntui.data.examples import weather_csv

    path = shipped_path("examples", "weather.csv")
    assert path.read_text(encoding="utf-8") == weather_csv()
    ds = load_csv(str(path))
    assert ds.feature_names == ("temperature", "rain") and ds.class_names == ("no", "yes")
    assert ds.n_train + ds.n_test == 200


BAD_FILES = [
    ("missing", None, {}, "no such file"),
    ("directory", "DIR", {}, "is a directory, not a CSV file"),
    ("empty", "", {}, "is empty"),
    ("blank lines only", "\n  \n\n", {}, "is empty"),
    ("header only", "a,b,label\n", {}, "has a header but no data rows"),
    ("single column", "a\n1\n2\n3\n", {}, "single column"),
    ("ragged", "a,b,label\n1,2,x\n3,4\n5,6,y\n", {}, "line 3 has 2 values but line 1 has 3"),
    ("text feature", "a,b,label\n1,2,x\n3,four,y\n5,6,y\n", {},
     "line 3, column 'b' holds 'four', which is not a number"),
    ("empty cell", "a,b,label\n1,2,x\n3,,y\n5,6,y\n", {}, "line 3, column 'b' is empty"),
    ("nan", "a,b,label\n1,2,x\n3,nan,y\n5,6,y\n", {}, "line 3, column 'b' is 'nan'; NaN and infinite"),
    ("inf", "a,b,label\n1,2,x\n3,4,y\n-inf,6,y\n", {}, "line 4, column 'a' is '-inf'; NaN and infinite"),
    ("nan target", "a,y\n1,0.5\n2,nan\n3,1.5\n", {"task": "regression"}, "line 3, column 'y' is 'nan'"),
    ("one class", "a,label\n1,x\n2,x\n3,x\n", {}, "has only one class ('x')"),
    ("unknown target", "a,b,label\n1,2,x\n3,4,y\n", {"target": "colour"},
     "has no column 'colour'; its columns are a, b, label"),
    ("target index", "a,b,label\n1,2,x\n3,4,y\n", {"target": "3"}, "target column index 3 is out of range"),
    ("bad task", "a,label\n1,x\n2,y\n", {"task": "clustering"}, "--task must be classification or regression"),
    ("text regression", "a,label\n1,x\n2,y\n", {"task": "regression"}, "cannot be a regression target"),
    ("split zero", "a,label\n1,x\n2,y\n3,x\n4,y\n", {"test_split": 0.0}, "--test-split must be between 0 and 1"),
    ("split above one", "a,label\n1,x\n2,y\n3,x\n4,y\n", {"test_split": 1.5}, "--test-split must be between 0 and 1"),
    ("split leaves nothing", "a,label\n1,x\n2,y\n3,x\n4,y\n", {"test_split": 0.05}, "each side needs at least one"),
    ("one row", "a,y\n1,0.5\n", {"task": "regression"}, "each side needs at least one"),
    ("not text", b"\xff\xfe\x81garbage", {}, "is not a UTF-8 text file"),
]


def write_bad(tmp_path, content):
    """bad.csv in tmp_path holding `content` (a folder for "DIR", nothing for None)."""
    path = tmp_path / "bad.csv"
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("case,content,kwargs,words", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_csv_is_one_sentence(tmp_path, case, content, kwargs, words):
    path = write_bad(tmp_path, content)
    with pytest.raises(DataError) as info:
        load_csv(str(path), **kwargs)
    message = str(info.value)
    assert words in message, message
    assert "\n" not in message and "Traceback" not in message


# where the command line words a bad option differently from load_csv (click checks the choice first)
CLI_WORDS = {"bad task": "'clustering' is not one of 'classification', 'regression'"}
FLAGS = {"target": "--target", "task": "--task", "test_split": "--test-split"}


@pytest.mark.parametrize("case,content,kwargs,words", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_csv_through_the_cli_exits_2_with_one_line(run_cli, tmp_path, case, content, kwargs, words):
    path = write_bad(tmp_path, content)
    options = [arg for key, value in kwargs.items() for arg in (FLAGS[key], str(value))]
    result = run_cli("train", "--data", str(path), *options, "--steps", "0")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("nntui: ") and CLI_WORDS.get(case, words) in lines[0], lines[0]
    assert "Traceback" not in result.err + result.out


def test_unreadable_csv(tmp_path, unreadable):
    path = write(tmp_path, grid_csv())
    unreadable(path)
    with pytest.raises(DataError, match="cannot read .*permission denied"):
        load_csv(str(path))
