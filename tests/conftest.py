"""Shared test settings: where the real MNIST files are (never copied into the repo), the CLI runner,
small built-in datasets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from nntui.cli import main

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


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    """run_cli(*args) → CliResult; the user's state and data folders point into tmp_path."""
    monkeypatch.setenv("NNTUI_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        captured = capsys.readouterr()
        return CliResult(int(exit_info.value.code or 0), captured.out, captured.err)

    return run


@pytest.fixture
def state_dir(tmp_path, monkeypatch) -> Path:
    """NNTUI_STATE_DIR pointed at a fresh folder (sessions and the log go there)."""
    monkeypatch.setenv("NNTUI_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture(scope="session")
def xor():
    from nntui.data import load_dataset

    return load_dataset("xor", seed=0)


@pytest.fixture(scope="session")
def sine():
    from nntui.data import load_dataset

    return load_dataset("sine", seed=0)
