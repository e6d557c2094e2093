"""The offline stroke digits: MNIST-like images, balanced classes, deterministic and quick to make."""

from __future__ import annotations


import numpy as np
import pytest

from nntui.data import dataset_info, load_dataset
from nntui.data.digits import PATHS, TEMPLATES, draw, generate


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits")


def test_shapes_dtypes_and_split(digits):
    assert digits.X_train.shape == (10_000, 784) and digits.X_test.shape == (2_000, 784)
    assert digits.X_train.dtype == np.uint8 and digits.y_train.dtype == np.int64
    assert digits.image_shape == (28, 28) and digits.is_image and digits.x_scale == pytest.approx(1 / 255)
    assert digits.class_names == tuple("0123456789") and digits.target_name == "digit"
    assert len(digits.feature_names) == 784 and digits.feature_names[29] == "pixel (1, 1)"  # row 1, column 1
    assert np.array_equal(np.bincount(digits.y_train), [1000] * 10)
    assert np.array_equal(np.bincount(digits.y_test), [200] * 10)
    info = dataset_info("digits")
    assert (info.n_train, info.n_test, info.shape) == (10_000, 2_000, "784 (28×28) → 10 classes")


def test_images_look_like_mnist(digits):
    images = digits.X_train.reshape(-1, 28, 28).astype(np.float64)
    assert images.max() == 255 and images.min() == 0
    assert 20 < images.mean() < 55  # MNIST: 33
    border = np.concatenate([images[:, :2], images[:, -2:], images[:, :, :2].transpose(0, 2, 1),
                             images[:, :, -2:].transpose(0, 2, 1)], axis=1)
    assert np.mean(border > 0) < 0.005  # white digit on an empty black frame (MNIST: 0.2% of these pixels)
    mass = images.sum(axis=(1, 2))
    rows = (images.sum(axis=2) * np.arange(28)).sum(axis=1) / mass
    cols = (images.sum(axis=1) * np.arange(28)).sum(axis=1) / mass
    assert np.abs(rows - 13.5).mean() < 0.6 and np.abs(cols - 13.5).mean() < 0.6  # centred by mass
    assert np.abs(rows - 13.5).max() < 4 and np.abs(cols - 13.5).max() < 4


def test_cached_and_deterministic_per_seed(digits):
    again = load_dataset("digits")
    assert np.array_equal(again.X_train, digits.X_train) and np.array_equal(again.y_test, digits.y_test)
    assert generate(12_000, 0, 1.0) is generate(12_000, 0, 1.0), "a second call comes from the in-memory cache"
    other = generate(200, 1, 1.0)[0]
    assert not np.array_equal(other, generate(200, 2, 1.0)[0])


def test_generation_makes_the_count_asked_for():
    X, y = generate(3_000, 99, 1.0)
    assert X.shape == (3_000, 784) and y.shape == (3_000,)
    assert np.bincount(y, minlength=10).min() > 0  # every digit drawn


def test_noise_zero_draws_the_clean_template(digits):
    rng = np.random.default_rng(0)
    for digit, path in PATHS:
        twice = draw(path, 2, 0.0, rng)
        assert np.array_equal(twice[0], twice[1]) and twice[0].max() == 255, digit
    assert sorted(TEMPLATES) == list(range(10))


def test_noise_and_split_are_honoured():
    halves = load_dataset("digits", test_split=0.5)  # the cached images, split again
    assert halves.n_train == halves.n_test == 6_000
    clean, _ = generate(300, 0, 0.0)
    assert len(np.unique(clean, axis=0)) <= len(PATHS)  # no distortion: one image per template
