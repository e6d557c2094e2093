"""A save that fails is reported (issue 16, item 1): `q` and `s` with a state folder that cannot take the run.

The run then goes to the system temp folder and the terminal (after `q`) or the
status line (after `s`) says why and where; if the temp folder fails too, `q`
says nothing was saved and exits 5 (4 when the run went to the temp folder).
Each case runs on a state folder with a file where its subfolder should be
(deterministic; a read-only folder does not stop root), and on a full 1 KiB
tmpfs as the issue reproduced it (skipped where mounting is not permitted).
"""

from __future__ import annotations

import subprocess
from dataclasses import asdict

import pytest
from fake_source import FakeSource
from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.training.checkpoint import load_checkpoint
from nntui.training.loop import TrainerLoop
from nntui.tui.app import finish, make_app
from nntui.tui.keeper import RunKeeper

SIZE = (120, 40)


@pytest.fixture(params=["blocked", "tmpfs"])
def broken_state(request, tmp_path, monkeypatch):
    """(state folder, its subfolder that fails, why): NNTUI_STATE_DIR points there, the temp folder into tmp_path."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    if request.param == "blocked":
        state = tmp_path / "state"
        state.mkdir()
        for sub in ("sessions", "checkpoints"):
            (state / sub).write_text("a file where the folder should be")
        why = "file exists"
    else:
        mount = tmp_path / "full"
        mount.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1k", "tmpfs", str(mount)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        request.addfinalizer(lambda: subprocess.run(["umount", str(mount)], check=True))
        state, why = mount / "state", "no space left on device"
    monkeypatch.setenv("NNTUI_STATE_DIR", str(state))
    return state, temp, why


def quit_app(xor):
    config = RunConfig(dataset="xor")
    loop = TrainerLoop(config, dataset=xor, paused=True)
    loop.trainer.train_steps(9)
    app = make_app(config, loop)
    app.keeper = RunKeeper(lambda: loop, lambda: asdict(app.selection))
    return app


async def test_q_says_the_save_failed_saves_to_temp_and_names_it(xor, broken_state, capsys):
    state, temp, why = broken_state
    app = quit_app(xor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    code = finish(app, app.keeper)
    [saved] = temp.glob("*.npz")
    assert capsys.readouterr().err == (f"nntui: saved to {saved} ({why} in "
                                       f"{state / 'sessions'}) · continue it with: nntui --resume {saved}\n")
    assert code == 4 and load_checkpoint(saved).meta["step"] == 9


async def test_q_when_nothing_can_be_saved_says_so_and_exits_5(xor, broken_state, capsys, monkeypatch, tmp_path):
    state, _, why = broken_state
    blocked_temp = tmp_path / "not-a-folder"
    blocked_temp.write_text("")
    monkeypatch.setattr("tempfile.tempdir", str(blocked_temp))
    app = quit_app(xor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    code = finish(app, app.keeper)
    assert capsys.readouterr().err == (f"nntui: nothing was saved: {state / 'sessions'} failed ({why}), so did the "
                                       "system temp folder (not a directory)\n")
    assert code == 5


async def test_s_says_in_the_status_line_that_it_saved_to_temp(xor, broken_state):
    state, temp, why = broken_state
    app = quit_app(xor)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: list(temp.glob("*.npz")))
        [saved] = temp.glob("*.npz")
        expected = f"saved to {saved} ({why} in {state / 'checkpoints'})"
        await wait_for(pilot, lambda: app.frame.message == expected)
        assert text_of(app, "#event") == expected
        await pilot.press("q")
    assert load_checkpoint(saved).meta["step"] == 9


class StuckSource(FakeSource):
    """A source whose thread never stops (close times out)."""

    def close(self, timeout: float = 10.0) -> bool:
        return False


class RefusingSource(FakeSource):
    """A source whose save fails with a plain OSError (it has no fallback of its own)."""

    def save(self, selection=None):
        raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize(("source_type", "said"), [
    (StuckSource, "the run's thread did not stop within 10 s: nothing was saved"),
    (RefusingSource, "save failed (Permission denied): nothing was saved"),
], ids=["thread-stuck", "plain-oserror"])
def test_a_run_that_could_not_be_saved_at_all_is_said_and_exits_5(spiral_frame, tmp_path, state_dir, capsys,
                                                                 source_type, said):
    source = source_type(spiral_frame, save_dir=tmp_path)
    app = make_app(RunConfig(dataset="spiral"), source)
    assert finish(app, RunKeeper(lambda: source, dict)) == 5
    assert capsys.readouterr() == ("", f"nntui: {said}\n")
