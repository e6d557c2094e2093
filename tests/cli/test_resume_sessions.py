"""`nntui --resume` skips a corrupt newest session for the newest good one; `--resume --list` lists them."""

from __future__ import annotations

import os
import time

import pytest

from nntui.training.checkpoint import load_checkpoint


@pytest.fixture
def sessions(run_cli, tmp_path):
    """Three sessions in the state folder: good xor (step 3, oldest), good spiral (step 5), then a truncated one."""
    folder = tmp_path / "state" / "sessions"
    folder.mkdir(parents=True)
    made = []
    for name, dataset, steps in (("a.npz", "xor", "3"), ("b.npz", "spiral", "5")):
        result = run_cli("train", "--dataset", dataset, "--steps", steps, "--checkpoint-out", str(folder / name))
        assert result.code == 0, result.err
        made.append(folder / name)
    broken = folder / "c.npz"
    broken.write_bytes(made[1].read_bytes()[:300])
    made.append(broken)
    _age(made)
    return made


def _age(paths):
    """Give the files one minute between them, oldest first (so the order does not hang on a clock tick)."""
    for age, path in enumerate(paths):
        stamp = (1_700_000_000 + 60 * age) * 10**9
        os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def started(monkeypatch):
    """The app's start replaced by a recorder: (config, trainer) of each run the CLI would open."""
    import nntui.tui.app

    runs = []
    monkeypatch.setattr(nntui.tui.app, "run_app",
                        lambda config, source, *, selection=None: runs.append(source.trainer) or 0)
    return runs


def test_a_corrupt_newest_session_is_skipped_for_the_newest_good_one(run_cli, sessions, started):
    result = run_cli("--resume")
    assert result.code == 0, result.err
    assert result.err == (f"nntui: skipping session {sessions[2]}: checkpoint {sessions[2]} is truncated "
                          "or not an .npz file (BadZipFile)\n")
    [trainer] = started
    assert (trainer.config.dataset, trainer.step) == ("spiral", 5)
    good = load_checkpoint(sessions[1])
    assert all((layer.W == W).all() for layer, W in zip(trainer.net.layers, good.weights))


def test_when_every_session_is_corrupt_resume_says_so(run_cli, sessions, started):
    for path in sessions[:2]:
        path.write_bytes(b"PK\x03\x04 not really")
    _age(sessions)
    result = run_cli("--resume")
    assert result.code == 2 and started == []
    lines = result.err.splitlines()
    assert lines[:3] == [f"nntui: skipping session {p}: checkpoint {p} is truncated or not an .npz file (BadZipFile)"
                         for p in reversed(sessions)]
    assert lines[3:] == [f"nntui: none of the 3 sessions in {sessions[0].parent} can be resumed"]


def test_resume_list_prints_every_session_newest_first(run_cli, sessions, started):
    result = run_cli("--resume", "--list")
    assert (result.code, result.err, started) == (0, "", [])
    day = [time.strftime("%Y-%m-%d %H:%M", time.localtime(os.stat(p).st_mtime)) for p in sessions]
    assert result.out.splitlines() == [
        f"{sessions[2]}  unreadable: checkpoint {sessions[2]} is truncated or not an .npz file (BadZipFile)",
        f"{sessions[1]}  step 5  spiral  {day[1]}",
        f"{sessions[0]}  step 3  xor  {day[0]}",
    ]


def test_list_without_resume_is_refused(run_cli):
    result = run_cli("--list")
    assert (result.code, result.err) == (2, "nntui: --list goes with --resume: nntui --resume --list\n")
