"""The generated 2-D and 1-D sets: shapes, dtypes, determinism, and the noise and test-split options."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.data import DataError, dataset_info, load_dataset

TOY = ["weather", "xor", "circles", "gaussians", "spiral", "moons", "sine"]
TWO_D = ["xor", "circles", "gaussians", "spiral", "moons"]


@pytest.mark.parametrize("name", TOY)
def test_shapes_dtypes_and_info_agree(name):
    ds = load_dataset(name)
    info = dataset_info(name)
    assert ds.name == name and ds.task == info.task
    assert (ds.n_train, ds.n_test, ds.n_inputs) == (info.n_train, info.n_test, info.n_inputs)
    assert ds.X_train.dtype == ds.X_test.dtype == np.float32
    assert ds.X_train.shape == (ds.n_train, ds.n_inputs) and ds.X_test.shape == (ds.n_test, ds.n_inputs)
    assert len(ds.feature_names) == ds.n_inputs and ds.image_shape is None and not ds.is_image
    assert ds.n_test == round(0.2 * (ds.n_train + ds.n_test))
    if ds.task == "classification":
        assert ds.y_train.dtype == np.int64 and ds.y_train.shape == (ds.n_train,)
        assert ds.n_classes == len(ds.class_names) == 2
        assert set(np.unique(ds.y_train)) == set(np.unique(ds.y_test)) == {0, 1}
    else:
        assert ds.y_train.dtype == np.float32 and ds.y_train.shape == (ds.n_train, 1)
        assert ds.n_classes == 0 and ds.class_names == ()
    assert ds.info().shape == info.shape


@pytest.mark.parametrize("name", TOY)
def test_same_seed_same_arrays_other_seed_other_arrays(name):
    a, b, c = load_dataset(name, seed=3), load_dataset(name, seed=3), load_dataset(name, seed=4)
    for field in ("X_train", "y_train", "X_test", "y_test"):
        assert np.array_equal(getattr(a, field), getattr(b, field))
    assert not np.array_equal(a.X_train, c.X_train)


@pytest.mark.parametrize("name", TOY)
def test_arrays_are_read_only(name):
    ds = load_dataset(name)
    with pytest.raises(ValueError):
        ds.X_train[0, 0] = 1.0


@pytest.mark.parametrize("name", TWO_D)
def test_two_d_features_stay_about_unit_range(name):
    ds = load_dataset(name)
    X = np.concatenate([ds.X_train, ds.X_test])
    assert np.abs(X).max() < 1.5 and X.std(axis=0).min() > 0.2


@pytest.mark.parametrize("name", TOY)
def test_noise_moves_points_and_zero_noise_is_exact(name):
    quiet, default, loud = (load_dataset(name, noise=v) for v in (0.0, None, 0.5))
    spread = [np.abs(d.X_train - quiet.X_train).mean() + np.abs(d.y_train - quiet.y_train).mean()
              for d in (default, loud)]
    assert 0 < spread[0] < spread[1]
    if quiet.task == "classification":  # the same points, only jittered: labels and split unchanged
        assert np.array_equal(quiet.y_train, loud.y_train) and np.array_equal(quiet.y_test, loud.y_test)


@pytest.mark.parametrize("split", [0.1, 0.5, 0.75])
def test_test_split_is_honoured_and_stratified(split):
    ds = load_dataset("moons", test_split=split)
    n = ds.n_train + ds.n_test
    assert ds.n_test == round(n * split)
    assert abs(np.mean(ds.y_test) - 0.5) <= 1 / ds.n_test


def test_changing_the_split_keeps_the_points():
    a, b = load_dataset("circles", test_split=0.2), load_dataset("circles", test_split=0.5)
    rows = lambda d: {tuple(r) for r in np.concatenate([d.X_train, d.X_test]).tolist()}  # noqa: E731
    assert rows(a) == rows(b)


def test_train_and_test_do_not_overlap():
    ds = load_dataset("spiral")
    train = {tuple(r) for r in ds.X_train.tolist()}
    assert not train & {tuple(r) for r in ds.X_test.tolist()}


def test_weather_is_one_straight_line():
    ds = load_dataset("weather", noise=0.0)
    X, y = np.concatenate([ds.X_train, ds.X_test]), np.concatenate([ds.y_train, ds.y_test])
    temperature_c, rain = X[:, 0] * 10, X[:, 1]
    assert set(np.unique(rain)) == {0.0, 1.0} and -5 <= temperature_c.min() and temperature_c.max() <= 35
    assert np.array_equal(y, (temperature_c - 13 * rain > 12).astype(np.int64))
    assert ds.class_names == ("no", "yes") and ds.feature_names == ("temperature (tens of °C)", "rain")
    assert ds.target_name == "go outside?"  # the output's question: its yes is class 1


def test_weather_default_noise_keeps_the_line_at_least_95_percent_right():
    ds = load_dataset("weather")
    rule = (ds.X_test[:, 0] * 10 - 13 * ds.X_test[:, 1] > 12).astype(np.int64)
    assert np.mean(rule == ds.y_test) >= 0.95


def test_xor_has_equal_corners_in_train_and_test():
    ds = load_dataset("xor")
    for X in (ds.X_train, ds.X_test):
        corners = np.sign(X).astype(int)
        _, counts = np.unique(corners, axis=0, return_counts=True)
        assert len(counts) == 4 and counts.max() - counts.min() <= 2


def test_sine_targets_follow_sin():
    ds = load_dataset("sine", noise=0.0)
    assert np.allclose(ds.y_train[:, 0], np.sin(ds.X_train[:, 0]), atol=1e-6)
    assert -np.pi <= ds.X_train.min() and ds.X_train.max() <= np.pi


def test_x_bounds_cover_train_and_test_with_padding():
    ds = load_dataset("gaussians")
    (x0, x1), (y0, y1) = ds.x_bounds()
    X = np.concatenate([ds.X_train, ds.X_test])
    span = X.max(axis=0) - X.min(axis=0)
    assert x0 == pytest.approx(X[:, 0].min() - 0.1 * span[0], rel=1e-5)
    assert y1 == pytest.approx(X[:, 1].max() + 0.1 * span[1], rel=1e-5)
    assert len(load_dataset("sine").x_bounds()) == 1


@pytest.mark.parametrize("kwargs,words", [
    ({"noise": -0.1}, "--noise must be"),
    ({"noise": float("nan")}, "--noise must be"),
    ({"test_split": 0.0}, "--test-split must be between 0 and 1"),
    ({"test_split": 1.0}, "--test-split must be between 0 and 1"),
    ({"test_split": 0.999}, "each side needs at least one"),
    ({"test_split": 0.0001}, "each side needs at least one"),
])
def test_bad_options_are_one_sentence(kwargs, words):
    with pytest.raises(DataError) as info:
        load_dataset("xor", **kwargs)
    assert words in str(info.value) and "\n" not in str(info.value)
