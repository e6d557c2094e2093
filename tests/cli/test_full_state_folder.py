"""The issue's reproduction end to end: `nntui` on a state folder in a full 1 KiB tmpfs, then `q` (issue 16, item 1).

A real process in a pseudo-terminal (see test_pty_session.py): after the app
ends, the terminal says the save failed and why, where the run went instead
(the system temp folder, here TMPDIR), and the exit code is 4.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from test_pty_session import PtyApp, pty_env  # noqa: F401 (a fixture)

from nntui.training.checkpoint import load_checkpoint


@pytest.fixture
def full_folder(tmp_path):
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_q_on_a_full_state_folder_says_why_and_where_the_run_went(pty_env, full_folder, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    state = full_folder / "state"
    app = PtyApp(["--dataset", "xor", "--speed", "100"], {**pty_env, "NNTUI_STATE_DIR": str(state),
                                                        "TMPDIR": str(temp)})
    try:
        app.wait_for_step(10)
        app.send(b"q")
        assert app.wait() == 4
    finally:
        app.close()
    [saved] = temp.glob("*.npz")
    after = app.text().split("\x1b[?1049l")[-1]  # what the terminal shows once the app's screen is gone
    said = re.sub(r"\x1b\[[?0-9;]*[A-Za-z]|\r|\n", "", after)
    assert said == (f"nntui: saved to {saved} (no space left on device in "
                    f"{state / 'sessions'}) · continue it with: nntui --resume {saved}")
    assert load_checkpoint(saved).meta["step"] >= 10
