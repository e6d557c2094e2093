"""Shared test settings: where the real MNIST files are (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """NNTUI_DATA_DIR if set, else ../shared/datasets beside the repo, if it holds MNIST."""
    env = os.environ.get("NNTUI_DATA_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "datasets")
    for path in candidates:
        if (path / "mnist" / "train-images-idx3-ubyte.gz").is_file() or (path / "train-images-idx3-ubyte.gz").is_file():
            return path
    return None


@pytest.fixture
def mnist_dir() -> Path:
    path = shared_data_dir()
    if path is None and os.environ.get("CI"):
        pytest.fail("CI must test on the real MNIST files: none in NNTUI_DATA_DIR or ../shared/datasets")
    if path is None:
        pytest.skip("real MNIST files not found (set NNTUI_DATA_DIR or put ../shared/datasets beside the repo)")
    return path
