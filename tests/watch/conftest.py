"""The torch tests' shared pieces: the MLP and MNIST tensors of examples/watch_mnist.py (loaded once)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_loaded: dict = {}


def example(name: str):
    """The module examples/<name>.py, imported once."""
    if name not in _loaded:
        spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _loaded[name] = module
    return _loaded[name]


@pytest.fixture
def mnist(mnist_dir, monkeypatch):
    """(x_train, y_train, x_test, y_test) as torch tensors from the real MNIST files."""
    monkeypatch.setenv("NNTUI_DATA_DIR", str(mnist_dir))
    if "mnist" not in _loaded:
        _loaded["mnist"] = example("watch_mnist").mnist_tensors()
    return _loaded["mnist"]
