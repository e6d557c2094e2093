"""DistributedDataParallel on a 2-process gloo group on CPU: rank 0 writes the log, rank 1 writes nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the torch adapter's tests need torch (pip install 'nntui[torch]')")

from nntui.watch.run import read_run  # noqa: E402

SCRIPT = Path(__file__).with_name("train_script.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_only_rank_0_records(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, str(SCRIPT), str(tmp_path / f"rank{rank}.nnt"), "12", "4",
                               "--ddp", str(rank), "2", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for rank in (0, 1)]
    outs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [o.strip() for o, _ in outs] == ["steps 12 watch Watch", "steps 12 watch NoWatch"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rank0.nnt"]
    run = read_run(tmp_path / "rank0.nnt")
    assert [s.step for s in run.snapshots] == [0, 4, 8, 12] and run.end.step == 12
    assert run.meta.layer_sizes == (784, 128, 64, 10) and run.meta.model == "MLP"
