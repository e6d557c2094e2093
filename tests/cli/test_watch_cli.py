"""`nntui watch` as a real process: bad input in one sentence (exit 2), a live log in a pty, stdin, control.

The live and control tests run tests/watch/train_script.py (the MNIST MLP of
examples/watch_mnist.py, watched, on random data) in a second process while
`python -m nntui watch LOG` shows it in a pseudo-terminal.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from run_logs import finished_log
from test_pty_session import SAFETY_S, PtyApp, pty_env  # noqa: F401  (pty_env is a fixture)

from nntui.watch.frames import MAGIC
from nntui.watch.run import read_run

REPO = Path(__file__).resolve().parents[2]
TRAIN_SCRIPT = REPO / "tests" / "watch" / "train_script.py"


def nntui_watch(*args: str, cwd: Path, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "nntui", "watch", *args], cwd=cwd, env=env, stdin=stdin,
                          capture_output=True, text=True, start_new_session=True)  # no controlling terminal


@pytest.mark.parametrize("case, expected", [
    ("no-runs", "nntui: no run log found under ./runs: give its path (nntui watch PATH), "
                "or pipe one in (nntui watch -)"),
    ("missing", "nntui: cannot read the run log missing.nnt: No such file or directory"),
    ("not-a-log", "nntui: notes.txt is not an nntui run log (it does not start with NNTUILOG)"),
    ("newer", "nntui: newer.nnt is a run log of format 2, newer than this nntui reads (up to 1); "
              "upgrade nntui to read it"),
    ("folder", "nntui: runs is a folder, not a run log"),
    ("stdin-without-terminal", "nntui: nntui watch - needs a terminal to draw on, and this process has none"),
])
def test_bad_input_is_one_sentence_and_exit_2(tmp_path, case, expected):
    (tmp_path / "notes.txt").write_text("my notes on the run, not a log\n")
    (tmp_path / "newer.nnt").write_bytes(MAGIC + (2).to_bytes(4, "little"))
    args = {"no-runs": (), "missing": ("missing.nnt",), "not-a-log": ("notes.txt",), "newer": ("newer.nnt",),
            "folder": ("runs",), "stdin-without-terminal": ("-",)}[case]
    if case == "folder":
        (tmp_path / "runs").mkdir()
    done = nntui_watch(*args, cwd=tmp_path, stdin=subprocess.PIPE if case.startswith("stdin") else subprocess.DEVNULL)
    assert (done.returncode, done.stderr, done.stdout) == (2, expected + "\n", "")


def steps_shown(app: PtyApp) -> list[int]:
    return [int(s) for s in re.findall(r"· step (\d+)\b", app.text())]


def wait_until(condition, app: PtyApp, what: str) -> None:
    deadline = time.monotonic() + SAFETY_S
    while time.monotonic() < deadline:
        if condition():
            return
        assert app.poll() is None, f"nntui exited early:\n{app.text()[-2000:]}"
        time.sleep(0.05)
    raise AssertionError(f"never saw {what}:\n{app.text()[-3000:]}")


def trainer(log: Path, *flags: str) -> subprocess.Popen:
    pytest.importorskip("torch", reason="the training process is a torch model (pip install 'nntui[torch]')")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, str(TRAIN_SCRIPT), str(log), "1000000", "50", *flags], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + SAFETY_S
    while not (log.exists() and log.stat().st_size > 0) and process.poll() is None:
        assert time.monotonic() < deadline, "the trainer never wrote its log"
        time.sleep(0.05)
    return process


@contextmanager
def watching(log: Path, env: dict, *flags: str):
    """(the training process, `nntui watch LOG` in a pty) once the viewer shows a step; both ended after."""
    training = trainer(log, *flags)
    app = PtyApp(["watch", str(log)], env)
    try:
        wait_until(lambda: steps_shown(app), app, "a step count")
        yield training, app
    finally:
        training.kill()
        training.wait()
        if getattr(app, "status", None) is None and app.poll() is None:  # the test has not ended it
            app.send(b"q")
            app.wait()
        app.close()


def test_a_live_log_written_by_another_process_shows_a_growing_step_count(tmp_path, pty_env):
    with watching(tmp_path / "live.nnt", pty_env) as (_, app):
        first = steps_shown(app)[0]
        wait_until(lambda: max(steps_shown(app)) >= first + 200, app, "the step count grow by 200")
        assert "following the run" in app.text()
        app.send(b"q")
        assert app.wait() == 0


def last_step(log: Path) -> int:
    return int(read_run(log).scalars.steps[-1])


def settled_step(log: Path, app: PtyApp) -> int:
    """The trainer's last logged step once it has stopped moving for a second (the loop is blocked)."""
    seen, since = last_step(log), time.monotonic()
    while time.monotonic() - since < 1.0:
        time.sleep(0.1)
        now = last_step(log)
        if now != seen:
            seen, since = now, time.monotonic()
        assert app.poll() is None
    return seen


def test_space_pauses_the_users_loop_and_n_lets_exactly_one_step_through(tmp_path, pty_env):
    log = tmp_path / "control.nnt"
    with watching(log, pty_env, "--control") as (training, app):
        app.send(b" ")
        wait_until(lambda: "paused: n lets one step through" in app.text(), app, "the paused line")
        paused_at = settled_step(log, app)
        for _ in range(3):
            app.send(b"n")
            time.sleep(0.3)
        assert settled_step(log, app) == paused_at + 3  # exactly three optimizer steps, then blocked again
        wait_until(lambda: f"· step {paused_at + 3} ·" in app.text(), app, "the stepped step in the status line")
        app.send(b"q")  # bye: the loop trains on
        assert app.wait() == 0
        deadline = time.monotonic() + SAFETY_S
        while last_step(log) < paused_at + 100:
            assert time.monotonic() < deadline and training.poll() is None, "the loop did not go on after bye"
            time.sleep(0.1)
    assert b"no heartbeat" not in training.stderr.read()  # bye, not a lost viewer, let it go on


def test_a_log_streamed_over_stdin_is_followed_and_ends(tmp_path, pty_env):
    data = Path(finished_log(tmp_path / "run.nnt").rec.path).read_bytes()
    read_end, write_end = os.pipe()
    app = PtyApp(["watch", "-"], pty_env, stdin=read_end)
    os.close(read_end)
    try:
        half = len(data) // 2  # cut mid-record: the viewer waits on the torn part
        os.write(write_end, data[:half])
        wait_until(lambda: steps_shown(app), app, "a step count")
        assert "following the run" in app.text() and "ended" not in app.text()
        os.write(write_end, data[half:])
        os.close(write_end)
        wait_until(lambda: "the run ended at step 12" in app.text(), app, "the end of the streamed run")
        assert max(steps_shown(app)) == 12
        app.send(b"q")
        assert app.wait() == 0
    finally:
        app.close()


def test_sigterm_on_the_viewer_says_bye(tmp_path, pty_env):
    log = tmp_path / "bye.nnt"
    with watching(log, pty_env, "--control") as (_, app):
        os.kill(app.pid, signal.SIGTERM)
        app.wait()
    assert Path(f"{log}.control").read_text().splitlines()[-1] == "bye"
