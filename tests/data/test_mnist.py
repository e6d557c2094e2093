"""MNIST-like IDX files: the real MNIST (when present), reading and locating small fixtures, and every bad file."""

from __future__ import annotations

import gzip
import shutil

import numpy as np
import pytest

from nntui.data import DataError, dataset_info, load_dataset
from nntui.data.idx import IMAGES_MAGIC, LABELS_MAGIC, read_idx
from nntui.data.mnist import FILES, MNIST

MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_real_mnist_shapes_counts_and_first_labels(mnist_dir):
    ds = load_dataset("mnist", data_dir=str(mnist_dir))
    assert ds.X_train.shape == (60_000, 784) and ds.X_test.shape == (10_000, 784)
    assert ds.X_train.dtype == ds.X_test.dtype == np.uint8
    assert ds.y_train.dtype == np.int64 and ds.image_shape == (28, 28) and ds.x_scale == pytest.approx(1 / 255)
    assert np.bincount(ds.y_train).tolist() == MNIST_TRAIN_COUNTS
    assert np.bincount(ds.y_test).tolist() == MNIST_TEST_COUNTS
    assert ds.y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert ds.y_test[:5].tolist() == [7, 2, 1, 0, 4]
    assert ds.X_train.min() == 0 and ds.X_train.max() == 255
    assert ds.class_names == tuple("0123456789") and ds.n_classes == 10 and ds.target_name == "digit"
    assert ds.feature_names[0] == "pixel (0, 0)" and ds.feature_names[28 * 14 + 14] == "pixel (14, 14)"


def test_real_mnist_is_reported_present(mnist_dir):
    info = dataset_info("mnist", data_dir=str(mnist_dir))
    assert info.available.startswith("files in ") and str(mnist_dir) in info.available
    assert info.shape == "784 (28×28) → 10 classes" and info.size == "60000 train / 10000 test"


@pytest.fixture
def fixture_dir(tmp_path, idx_set):
    idx_set(tmp_path / "mnist")
    return tmp_path


def test_small_fixture_loads_from_the_named_subfolder(fixture_dir):
    ds = load_dataset("mnist", data_dir=str(fixture_dir))
    assert ds.X_train.shape == (20, 784) and ds.X_test.shape == (5, 784) and ds.X_train.dtype == np.uint8
    assert ds.y_train.tolist() == [i % 10 for i in range(20)]
    assert str(fixture_dir / "mnist") in ds.source


def test_flat_folder_and_ungzipped_names_are_accepted(tmp_path, idx_set):
    idx_set(tmp_path, gz=False)
    ds = load_dataset("mnist", data_dir=str(tmp_path))
    assert ds.n_train == 20 and ds.n_test == 5


def test_the_dotted_raw_names_are_accepted(tmp_path, idx_set):
    idx_set(tmp_path, gz=False)
    for gz in FILES.values():
        raw = tmp_path / gz.removesuffix(".gz")
        raw.rename(tmp_path / raw.name.replace("-idx", ".idx"))
    assert load_dataset("mnist", data_dir=str(tmp_path)).n_train == 20


def test_env_data_dir_is_searched(fixture_dir, monkeypatch):
    monkeypatch.setenv("NNTUI_DATA_DIR", str(fixture_dir))
    assert load_dataset("mnist").n_train == 20


def test_fashion_finds_its_own_folder_and_class_names(tmp_path, idx_set):
    idx_set(tmp_path / "fashion-mnist")
    ds = load_dataset("fashion-mnist", data_dir=str(tmp_path))
    assert ds.class_names[0] == "T-shirt/top" and ds.class_names[9] == "Ankle boot" and len(ds.class_names) == 10


def test_fashion_does_not_take_mnist_files_from_a_flat_folder(tmp_path, mnist_dir, no_data_dir_env):
    for path in MNIST.find(str(mnist_dir)).values():
        (tmp_path / path.name).symlink_to(path)
    assert load_dataset("mnist", data_dir=str(tmp_path)).n_train == 60_000
    with pytest.raises(DataError, match="fashion-mnist"):
        load_dataset("fashion-mnist", data_dir=str(tmp_path))


def test_missing_files_name_the_fetch_command_and_the_folders(tmp_path, no_data_dir_env, isolated_cache):
    with pytest.raises(DataError) as info:
        load_dataset("mnist", data_dir=str(tmp_path))
    message = str(info.value)
    assert "nntui datasets fetch mnist" in message and "\n" not in message
    assert str(tmp_path / "mnist") in message and str(isolated_cache / "mnist") in message
    assert "not downloaded" in dataset_info("mnist", data_dir=str(tmp_path)).available


@pytest.mark.parametrize("option", [{"noise": 0.1}, {"test_split": 0.5}])
def test_real_sets_refuse_noise_and_split(fixture_dir, option):
    with pytest.raises(DataError, match="its own train/test split"):
        load_dataset("mnist", data_dir=str(fixture_dir), **option)


def _file(folder, role):
    return folder / "mnist" / FILES[role]


def _truncate_gzip(folder):
    path = _file(folder, "train_images")
    path.write_bytes(path.read_bytes()[:-100])


def _corrupt_gzip(folder):
    path = _file(folder, "train_images")
    data = bytearray(path.read_bytes())
    data[20:40] = b"\xff" * 20
    path.write_bytes(bytes(data))


def _swap_magic(folder):
    shutil.copy(_file(folder, "train_labels"), _file(folder, "train_images"))


def _fewer_labels(folder):
    _file(folder, "test_labels").write_bytes(gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 4])))


def _short_raw_file(folder):
    path = _file(folder, "test_images")
    raw = path.with_name(path.name.removesuffix(".gz"))
    raw.write_bytes(gzip.decompress(path.read_bytes())[:-1])
    path.unlink()


def _label_out_of_range(folder):
    _file(folder, "test_labels").write_bytes(gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 10])))


def _image_is_a_directory(folder):
    path = _file(folder, "train_images")
    path.unlink()
    path.mkdir()


BAD_IDX = [
    (_truncate_gzip, "truncated or corrupt gzip"),
    (_corrupt_gzip, "truncated or corrupt gzip"),
    (_swap_magic, "magic number 0x00000803 wanted, found 0x00000801"),
    (_fewer_labels, "holds 5 images but t10k-labels-idx1-ubyte.gz holds 4 labels"),
    (_short_raw_file, "is truncated or damaged"),
    (_label_out_of_range, "label 10, outside 0..9"),
]
BAD_IDX_IDS = [damage.__name__.strip("_") for damage, _ in BAD_IDX]


@pytest.mark.parametrize("damage,words", BAD_IDX, ids=BAD_IDX_IDS)
def test_bad_idx_files_are_one_sentence(fixture_dir, damage, words):
    damage(fixture_dir)
    with pytest.raises(DataError) as info:
        load_dataset("mnist", data_dir=str(fixture_dir))
    assert words in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("damage,words", BAD_IDX, ids=BAD_IDX_IDS)
def test_bad_idx_files_through_the_cli_exit_2_with_one_line(run_cli, fixture_dir, no_data_dir_env, damage, words):
    damage(fixture_dir)
    result = run_cli("train", "--dataset", "mnist", "--data-dir", str(fixture_dir), "--steps", "0")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("nntui: ") and words in lines[0], lines[0]
    assert "Traceback" not in result.err + result.out


def test_a_directory_in_place_of_a_file_is_not_taken(fixture_dir, no_data_dir_env):
    _image_is_a_directory(fixture_dir)
    with pytest.raises(DataError, match="files not found"):
        load_dataset("mnist", data_dir=str(fixture_dir))


def test_read_idx_checks_magic_and_size(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]))
    assert read_idx(path, LABELS_MAGIC).tolist() == [7, 8, 9]
    with pytest.raises(DataError, match="magic number"):
        read_idx(path, IMAGES_MAGIC)
    path.write_bytes(b"\x00\x00")
    with pytest.raises(DataError, match="only 2 bytes"):
        read_idx(path, LABELS_MAGIC)
    path.write_bytes(bytes([0, 0, 8, 3, 0, 0]))
    with pytest.raises(DataError, match="header needs 16 bytes"):
        read_idx(path, IMAGES_MAGIC)


def test_unreadable_idx_file(fixture_dir, unreadable):
    unreadable(_file(fixture_dir, "train_labels"))
    with pytest.raises(DataError, match="cannot read .*permission denied"):
        load_dataset("mnist", data_dir=str(fixture_dir))


def test_the_mnist_spec_knows_its_published_checksums():
    assert MNIST.md5["train-images-idx3-ubyte.gz"] == "f68b3c2dcbeaaa9fbdd348bbdeb94873"
    assert set(MNIST.md5) == set(FILES.values())
