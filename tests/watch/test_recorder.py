"""The Recorder never makes training wait: a stalled disk drops snapshots (counted), never scalars; a full disk
stops the log with one warning; bad paths are one sentence."""

from __future__ import annotations

import errno
import os
import subprocess
import threading
import warnings

import numpy as np
import pytest
from logs import SIZES, layers

from nntui.watch import writer
from nntui.watch.budget import Budget
from nntui.watch.errors import WatchError
from nntui.watch.frames import HEADER
from nntui.watch.recorder import Recorder
from nntui.watch.records import encode
from nntui.watch.run import read_run


def recorder(path, **kw) -> Recorder:
    return Recorder(path, layer_sizes=SIZES, activations=("relu", "sigmoid"), loss="bce",
                    probe=(np.zeros((4, 2), np.float32), np.zeros(4)), every=1, max_mb_per_hour=None, **kw)


def train(rec: Recorder, steps: int, rng, drain_every: int = 0) -> list[bool]:
    """A loop of `steps` steps, each logged and snapshotted; with drain_every, a pause that lets the writer drain."""
    queued = []
    for step in range(1, steps + 1):
        rec.log(step, loss=step / 10)
        queued.append(rec.snapshot(step, layers(rng), loss=0.5))
        if drain_every and step % drain_every == 0:
            threading.Event().wait(0.12)
    return queued


def train_and_close(rec: Recorder, steps: int, drain_every: int) -> tuple[int, list[str]]:
    """(steps run, messages of the warnings raised) for a loop then close()."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ran = len(train(rec, steps, np.random.default_rng(0), drain_every))
        rec.close()
    return ran, [str(w.message) for w in caught]


def test_a_stalled_writer_drops_snapshots_counts_them_and_keeps_every_scalar(tmp_path, monkeypatch):
    gate = threading.Event()
    real = writer.write_all

    def stalled(fd, data):
        gate.wait()
        real(fd, data)

    monkeypatch.setattr(writer, "write_all", stalled)
    rec = recorder(tmp_path / "r.nnt", queue_size=3)
    queued = train(rec, 50, np.random.default_rng(0))
    assert rec.dropped == 50 - sum(queued) > 0 and sum(queued) >= 3  # a slot frees once a drain has encoded it
    gate.set()
    rec.close()
    run = read_run(tmp_path / "r.nnt")
    assert run.scalars.steps.tolist() == list(range(1, 51))
    assert run.dropped == rec.dropped and len(run.snapshots) == sum(queued)
    assert [s.step for s in run.snapshots] == [s for s, q in zip(range(1, 51), queued) if q]


def test_enospc_in_the_writer_stops_the_log_warns_once_and_training_goes_on(tmp_path, monkeypatch):
    real = writer.write_all
    budget = {"left": 3000}

    def filling(fd, data):
        if len(data) > budget["left"]:
            real(fd, data[:budget["left"]])  # the disk takes what fits, then is full
            budget["left"] = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        budget["left"] -= len(data)
        real(fd, data)

    monkeypatch.setattr(writer, "write_all", filling)
    rec = recorder(tmp_path / "r.nnt")
    ran, messages = train_and_close(rec, 200, drain_every=20)
    assert ran == 200  # every step ran
    assert len(messages) == 1 and "No space left on device" in messages[0] and "training goes on" in messages[0]
    run = read_run(tmp_path / "r.nnt")
    assert run.end is None and run.damage is not None and "offset" in run.damage
    head = len(HEADER + encode(rec.meta))  # written at once, before the writer thread starts
    assert (tmp_path / "r.nnt").stat().st_size == head + 3000


def test_a_full_tmpfs_stops_the_log_with_one_warning(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode().strip() or 'not permitted'})")
    try:
        ran, messages = train_and_close(recorder(mount / "r.nnt"), 300, drain_every=10)
        assert ran == 300
        assert len(messages) == 1 and "No space left on device" in messages[0]
        run = read_run(mount / "r.nnt")
        assert run.meta is not None and len(run.snapshots) > 0 and run.end is None
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_missing_folder_is_one_sentence(tmp_path):
    with pytest.raises(WatchError) as info:
        recorder(tmp_path / "no" / "r.nnt")
    assert str(info.value) == f"cannot write the run log {tmp_path / 'no' / 'r.nnt'}: the folder {tmp_path / 'no'} does not exist."


def test_a_read_only_folder_is_one_sentence(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("as root a folder is never read-only, and a read-only tmpfs cannot be mounted here")
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(WatchError) as info:
            recorder(folder / "r.nnt")
        assert str(info.value) in (f"cannot write the run log {folder / 'r.nnt'}: read-only file system.",
                                   f"cannot write the run log {folder / 'r.nnt'}: permission denied.")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], check=True)


def test_wrong_names_and_shapes_are_one_sentence(tmp_path):
    with pytest.raises(WatchError, match=r"^3 input names were given for 2 inputs\.$"):
        recorder(tmp_path / "a.nnt", input_names=("a", "b", "c"))
    rec = recorder(tmp_path / "b.nnt")
    bad = layers(np.random.default_rng(0))
    bad[0]["W"] = bad[0]["W"].T
    with pytest.raises(WatchError, match=r"^layer 0's W and dW must have shape \(fan_in, fan_out\) = \(2, 3\), "):
        rec.snapshot(1, bad, loss=0.0)
    with pytest.raises(WatchError, match=r"^the scalar 'loss' is not a number\.$"):
        rec.log(1, loss="low")
    rec.close()


def test_the_budget_thins_snapshots_to_the_bytes_per_hour_it_allows():
    now = [0.0]
    budget = Budget(every=10, mb_per_hour=3.6, burst_seconds=1.0, clock=lambda: now[0])  # 1000 bytes/s
    assert not budget.due(5)  # not a multiple of every
    assert budget.due(10)
    budget.spend(3000)  # a 3 kB snapshot: 2 s of debt beyond the 1 s burst
    now[0] = 1.9
    assert not budget.due(20)
    now[0] = 2.1
    assert budget.due(30)
    assert Budget(every=10, mb_per_hour=None).due(10)
