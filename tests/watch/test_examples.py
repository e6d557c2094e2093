"""The examples run as a user runs them, briefly, and leave a log that reads back."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import EXAMPLES

import nntui


def run_example(name: str, *args: str, cwd, env=None) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})}
    done = subprocess.run([sys.executable, str(EXAMPLES / name), *args], cwd=cwd, capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_watch_numpy(tmp_path):
    out = run_example("watch_numpy.py", "--steps", "100", "--path", "xor.nnt", cwd=tmp_path)
    assert out.endswith("; the run log is xor.nnt\n")
    run = nntui.read_run(tmp_path / "xor.nnt")
    assert [s.step for s in run.snapshots] == [20, 40, 60, 80, 100]
    assert run.scalars.steps.tolist() == list(range(1, 101)) and run.evals[0].step == 100
    layer = run.snapshots[-1].layers[0]
    np.testing.assert_allclose(layer.a, np.tanh(layer.z))  # the recorder kept the loop's own arrays
    assert run.meta.input_names == ("x1", "x2") and run.damage is None
    gx, gy = np.meshgrid(*run.meta.grid)  # the decision boundary's plane, rows = the second input
    first, last = run.snapshots[-1].layers
    hidden = np.tanh(np.stack([gx, gy], axis=-1) @ first.W + first.b)
    np.testing.assert_allclose(run.snapshots[-1].out, 1 / (1 + np.exp(-(hidden @ last.W + last.b))), rtol=1e-12)


def test_watch_mnist(tmp_path, mnist_dir):
    pytest.importorskip("torch", reason="examples/watch_mnist.py needs torch (pip install 'nntui[torch]')")
    out = run_example("watch_mnist.py", "--steps", "60", "--path", "mnist.nnt", cwd=tmp_path,
                      env={"NNTUI_DATA_DIR": str(mnist_dir)})
    assert out.splitlines()[0].startswith("step 60: test loss ")
    run = nntui.read_run(tmp_path / "mnist.nnt")
    assert [s.step for s in run.snapshots] == [0, 50]
    assert run.meta.image_shape == (28, 28) and run.meta.class_names == tuple("0123456789")
    assert len(run.scalars) == 60 and run.evals[0].values["test_acc"] > 0.5
