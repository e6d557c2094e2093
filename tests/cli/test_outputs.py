"""`nntui train` output files: checked before the first step, saved to the temp folder if the write fails later.

The unwritable and full folders are real: a read-only folder for an unprivileged
user (the run drops to `nobody` when the tests run as root), and a process whose
file-size limit (RLIMIT_FSIZE) is smaller than what a write needs.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from nntui.training.checkpoint import load_checkpoint

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_tmp():
    """A folder every user can reach (pytest's own tmp_path is private to its user)."""
    path = Path(tempfile.mkdtemp(prefix="nntui-outputs-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _nntui(*args, read_only_for_root=False, fsize=None):
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-size write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    # root writes into a read-only folder anyway, unless it runs without CAP_DAC_OVERRIDE
    prefix = ["setpriv", "--bounding-set=-dac_override"] if read_only_for_root and os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "nntui", *args], capture_output=True, text=True, env=env,
                          preexec_fn=limit if fsize else None, cwd="/")


@pytest.mark.parametrize("flag", ["--checkpoint-out", "--metrics-out"])
def test_an_unwritable_folder_is_refused_before_the_first_step(shared_tmp, flag):
    folder = shared_tmp / "read-only"
    folder.mkdir(mode=0o555)
    folder.chmod(0o555)
    target = folder / "out.file"
    result = _nntui("train", "--dataset", "xor", "--epochs", "5", flag, str(target),
                    read_only_for_root=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"nntui: cannot write {flag} {target}: permission denied\n"


def test_a_full_folder_is_refused_before_the_first_step(shared_tmp):
    target = shared_tmp / "ck.npz"
    result = _nntui("train", "--dataset", "xor", "--epochs", "5", "--checkpoint-out", str(target), fsize=1024)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"nntui: cannot write --checkpoint-out {target}: file too large\n"
    assert list(shared_tmp.iterdir()) == []  # the probe cleaned up after itself


def test_a_checkpoint_that_fails_at_the_end_goes_to_the_temp_folder(run_cli, tmp_path, monkeypatch):
    from nntui.training.trainer import Trainer

    out = tmp_path / "out"
    out.mkdir()
    evaluate = Trainer.evaluate

    def folder_replaced_by_a_file(self):  # after the first epoch, the output folder becomes a file
        if out.is_dir():
            out.rmdir()
            out.write_text("not a folder")
        return evaluate(self)

    monkeypatch.setattr(Trainer, "evaluate", folder_replaced_by_a_file)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    (tmp_path / "system-temp").mkdir()
    result = run_cli("train", "--dataset", "xor", "--epochs", "2", "--checkpoint-out", str(out / "ck.npz"))
    saved = list((tmp_path / "system-temp").glob("ck-*.npz"))
    assert len(saved) == 1
    assert result.code == 4
    assert result.err.splitlines() == [
        f"nntui: could not write the checkpoint to {out / 'ck.npz'} (file exists); saved it to {saved[0]}"]
    assert load_checkpoint(saved[0]).meta["step"] == 2 * 40  # xor: 320 training samples, batch 8


def test_a_checkpoint_that_fails_at_the_end_and_in_the_temp_folder_says_so_and_exits_5(run_cli, tmp_path,
                                                                                        monkeypatch):
    from nntui.training.trainer import Trainer

    out = tmp_path / "out"
    out.mkdir()
    evaluate = Trainer.evaluate

    def folder_replaced_by_a_file(self):
        if out.is_dir():
            out.rmdir()
            out.write_text("not a folder")
        return evaluate(self)

    monkeypatch.setattr(Trainer, "evaluate", folder_replaced_by_a_file)
    (tmp_path / "temp-is-a-file").write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp-is-a-file"))
    result = run_cli("train", "--dataset", "xor", "--epochs", "2", "--checkpoint-out", str(out / "ck.npz"))
    assert result.code == 5
    assert result.err.splitlines() == [
        f"nntui: the checkpoint was not saved: {out / 'ck.npz'} failed (file exists), so did the system temp "
        "folder (not a directory)"]


def test_metrics_that_cannot_be_written_go_to_the_temp_folder(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run_cli("train", "--dataset", "xor", "--epochs", "3", "--metrics-out", "/dev/full")
    saved = list(tmp_path.glob("full-*.jsonl"))
    assert len(saved) == 1
    assert result.code == 4
    assert result.err.splitlines() == [
        f"nntui: could not write the metrics to /dev/full (no space left on device); wrote them to {saved[0]}"]
    assert [json.loads(line)["epoch"] for line in saved[0].read_text().splitlines()] == [1, 2, 3]


def test_the_issues_reproduction_a_1k_tmpfs(shared_tmp):
    """`mount -t tmpfs -o size=1k`: a folder of a few KiB, too small for a checkpoint (skipped if mounts are denied)."""
    folder = shared_tmp / "tiny"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs CAP_SYS_ADMIN")
    try:
        target = folder / "ck.npz"
        result = _nntui("train", "--dataset", "xor", "--epochs", "5", "--checkpoint-out", str(target))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"nntui: cannot write --checkpoint-out {target}: no space left on device\n"
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["umount", str(folder)], check=True)
