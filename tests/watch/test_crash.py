"""kill -9 of a training process in the middle of writing: the log is read up to its last complete record."""

from __future__ import annotations

import signal
import time

import pytest

pytest.importorskip("torch", reason="the torch adapter's tests need torch (pip install 'nntui[torch]')")

from test_control import start  # noqa: E402

from nntui.watch import frames  # noqa: E402
from nntui.watch.run import read_run  # noqa: E402


def test_kill_9_mid_write_leaves_every_complete_record_readable(tmp_path):
    log = tmp_path / "run.nnt"
    proc = start(log, steps=10_000_000, every=1, control=False)  # a snapshot every step: always writing
    while not log.exists() or log.stat().st_size < 3_000_000:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    size = log.stat().st_size
    run = read_run(log)
    assert run.end is None and run.meta is not None
    steps = [s.step for s in run.snapshots]
    assert steps[:3] == [0, 1, 2] and steps == sorted(steps) and len(steps) >= 2  # dropped ones leave gaps
    assert run.scalars.steps.tolist() == list(range(1, len(run.scalars) + 1))
    if run.damage is None:  # killed between two records
        assert size == boundary_after(log)
    else:  # killed mid-record: named, at the end of what was read
        assert run.damage.startswith("a torn ") and f"offset {boundary_after(log)}:" in run.damage


def boundary_after(log) -> int:
    """The offset just past the last whole record, found by walking the length fields."""
    data = log.read_bytes()
    at = frames.HEADER_SIZE
    while at + frames.FRAME_SIZE <= len(data):
        length = frames.FRAME.unpack_from(data, at)[0]
        if at + frames.FRAME_SIZE + length > len(data):
            break
        at += frames.FRAME_SIZE + length
    return at
