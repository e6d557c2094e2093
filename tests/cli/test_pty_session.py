"""End to end in a pseudo-terminal: the terminal goes away (SIGHUP), the run is saved, `--resume` continues it.

The app runs as a real process with the pty as its controlling terminal. Closing
the pty's master side is what a closing terminal window or a dropped SSH link
does: the kernel sends SIGHUP. The saved session must hold exactly the run the
app had: a plain Trainer replaying the same number of steps from the same
config reproduces its weights bit for bit, and the resumed run continues that
same sequence.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import threading
import time

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.training.checkpoint import load_checkpoint
from nntui.training.setup import load_data
from nntui.training.trainer import Trainer

SIZE = (100, 30)
SAFETY_S = 120  # only so that a broken build cannot hang the suite; never reached when it works


class PtyApp:
    """`python -m nntui ARGS` with a new pty as its controlling terminal; output is collected in a thread."""

    def __init__(self, args: list[str], env: dict[str, str], stdin: int | None = None):
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal, then become nntui (reading `stdin`, a pipe, when given)
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
            if stdin is not None:
                os.dup2(stdin, 0)
            os.execve(sys.executable, [sys.executable, "-m", "nntui", *args], env)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._closed.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the app has exited and the slave side is closed
                return
            if not data:
                return
            with self._lock:
                self.output += data

    def text(self) -> str:
        with self._lock:
            return self.output.decode("utf-8", "replace")

    def wait_for_step(self, at_least: int) -> int:
        """Wait until the status line shows step >= at_least; the step shown."""
        deadline = time.monotonic() + SAFETY_S
        while time.monotonic() < deadline:
            steps = [int(s) for s in re.findall(r"step (\d+)", self.text())]
            if steps and max(steps) >= at_least:
                return max(steps)
            assert self.poll() is None, f"nntui exited early:\n{self.text()[-2000:]}"
            time.sleep(0.05)
        raise AssertionError(f"nntui never showed step {at_least}:\n{self.text()[-2000:]}")

    def wait_for_text(self, shown: str) -> None:
        """Wait until the screen output (escape sequences left out) holds `shown`."""
        deadline = time.monotonic() + SAFETY_S
        while time.monotonic() < deadline:
            if shown in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.text()):
                return
            assert self.poll() is None, f"nntui exited early:\n{self.text()[-2000:]}"
            time.sleep(0.05)
        raise AssertionError(f"nntui never showed {shown!r}:\n{self.text()[-2000:]}")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def poll(self) -> int | None:
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return None
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self) -> int:
        deadline = time.monotonic() + SAFETY_S
        while time.monotonic() < deadline:
            if self.poll() is not None:
                return self.status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("nntui did not exit")

    def hang_up(self) -> None:
        """Close the terminal: the kernel sends SIGHUP to the app, which is its controlling process."""
        self._closed.set()
        self._reader.join()
        os.close(self.fd)

    def close(self) -> None:
        if not self._closed.is_set():
            self._closed.set()
            self._reader.join()
            os.close(self.fd)


@pytest.fixture
def pty_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "TEXTUAL"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", NNTUI_STATE_DIR=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    return env


def replay(config: RunConfig, steps: int) -> Trainer:
    """A plain Trainer for `config` after `steps` steps, one BLAS thread as in the app."""
    trainer = Trainer(config, load_data(config))
    with threadpool_limits(1):
        trainer.train_steps(steps)
    return trainer


def assert_same_run(ck, trainer: Trainer) -> None:
    assert ck.meta["step"] == trainer.step
    for i, layer in enumerate(trainer.net.layers):
        assert np.array_equal(ck.weights[i], layer.W) and np.array_equal(ck.biases[i], layer.b)
    assert np.array_equal(ck.losses, np.asarray(trainer.losses))
    for key, value in trainer.opt.state_dict().items():
        assert np.array_equal(ck.opt_state[key], value), key


def test_sighup_saves_the_run_and_resume_continues_it_exactly(pty_env, tmp_path):
    sessions = tmp_path / "state" / "sessions"
    first = PtyApp(["--dataset", "xor", "--speed", "100"], pty_env)
    try:
        first.wait_for_step(20)
        first.send(b"]\x1b[B\t\t\t")  # next layer, one row down (the selection is W1[1,0]), the Weights tab
        first.wait_for_text("W1[n1 → ")  # (W1[1,0]) the UI has taken the keys (on a loaded machine it lags the trainer)
        first.wait_for_step(60)
    finally:
        first.hang_up()
    assert first.wait() == 128 + signal.SIGHUP
    assert "SIGHUP received: saving the run" in (tmp_path / "state" / "nntui.log").read_text()
    [saved] = sorted(sessions.glob("*.npz"))
    ck = load_checkpoint(saved)
    step = ck.meta["step"]
    assert step >= 60
    assert ck.meta["selection"] == {"layer": 1, "i": 1, "j": 0, "delta": 0.1, "log_scale": False, "downhill": False,
                                     "over_time": False, "bias": False, "looks": False, "neuron_maps": False}
    config = RunConfig.from_dict(ck.meta["config"])
    trainer = replay(config, step)
    assert_same_run(ck, trainer)  # the file holds the app's run at `step`, not a half-done step

    second = PtyApp(["--resume", str(saved)], pty_env)
    try:
        shown = second.wait_for_step(step)
        assert shown >= step  # the first frame already shows the saved step: nothing was lost
        second.wait_for_step(step + 40)
        os.kill(second.pid, signal.SIGTERM)
        assert second.wait() == 128 + signal.SIGTERM
        time.sleep(0.2)  # let the reader take the last line
    finally:
        second.close()
    resumed = sorted(sessions.glob("*.npz"))
    assert len(resumed) == 2 and resumed[0] == saved
    ck2 = load_checkpoint(resumed[1])
    step2 = ck2.meta["step"]
    assert step2 >= step + 40
    with threadpool_limits(1):
        trainer.train_steps(step2 - step)
    assert_same_run(ck2, trainer)  # weights, optimizer state and the data order carried over exactly
    assert np.array_equal(ck2.losses[:step], ck.losses)
    assert ck2.meta["selection"] == ck.meta["selection"]  # --resume put the selection back in the app
    assert f"run saved to {resumed[1]}" in second.text().replace("\r\n", "")
