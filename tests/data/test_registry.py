"""The registry and the data folders: names, descriptions, unknown names, where files are looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from nntui.data import DataError, dataset_info, dataset_names, load_dataset, resolve_data_dirs, shipped_path


def test_names_in_order():
    assert dataset_names() == ["weather", "xor", "circles", "gaussians", "spiral", "moons", "sine",
                               "digits", "mnist", "fashion-mnist"]


@pytest.mark.parametrize("name,shape", [
    ("weather", "2 → 2 classes"), ("sine", "1 → 1 value"), ("digits", "784 (28×28) → 10 classes"),
])
def test_info_describes_shape_and_size(name, shape):
    info = dataset_info(name)
    assert info.shape == shape and info.size == f"{info.n_train} train / {info.n_test} test"
    assert info.source and info.available == "built in" and info.default_noise is not None


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(DataError) as info:
        load_dataset("mnsit")
    assert "unknown dataset 'mnsit'" in str(info.value) and "fashion-mnist" in str(info.value)
    with pytest.raises(DataError, match="use --data FILE.csv"):
        dataset_info("mydata.csv")


def test_names_are_forgiving_about_case_and_underscores():
    assert load_dataset(" XOR ").name == "xor"
    assert dataset_info("Fashion_MNIST").name == "fashion-mnist"


def test_data_dirs_explicit_then_env_then_cache(monkeypatch, tmp_path, isolated_cache):
    monkeypatch.setenv("NNTUI_DATA_DIR", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert resolve_data_dirs() == [tmp_path / "a", tmp_path / "b", isolated_cache]
    assert resolve_data_dirs(str(tmp_path / "x")) == [tmp_path / "x", isolated_cache]
    monkeypatch.delenv("NNTUI_DATA_DIR")
    assert resolve_data_dirs() == [isolated_cache]


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("NNTUI_DATA_DIR", raising=False)
    assert resolve_data_dirs() == [tmp_path / "elsewhere" / "nntui"]


def test_shipped_files_and_their_readme():
    readme = shipped_path("README.md")
    assert readme.is_file() and shipped_path("examples", "weather.csv").is_file()
    text = readme.read_text(encoding="utf-8")
    for name in dataset_names():
        assert f"`{name}`" in text, f"datasets/README.md does not describe {name}"
    assert "CC BY-SA 3.0" in text and "MIT" in text
    assert not list(Path(readme.parent).rglob("*idx*-ubyte*")), "MNIST files are never shipped"
