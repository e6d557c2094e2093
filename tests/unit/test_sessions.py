"""Session files: where they go, how many are kept, and the keeper that writes them when the app ends."""

from __future__ import annotations

import os
import threading

import numpy as np

from nntui.config import RunConfig
from nntui.training import session
from nntui.training.checkpoint import load_checkpoint
from nntui.training.loop import TrainerLoop
from nntui.tui.keeper import RunKeeper


def test_only_the_newest_sessions_are_kept(xor, state_dir):
    loop = TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)
    written = []
    for n in range(session.KEEP_SESSIONS + 3):
        loop.trainer.train_step()
        path = session.save_session(loop.trainer)
        os.utime(path, ns=(n * 10**9, n * 10**9))  # distinct ages even within one clock tick
        written.append(path)
    assert session.session_files() == written[3:]
    assert session.latest_session() == written[-1]
    assert all(p.parent == state_dir / "sessions" for p in written)
    assert load_checkpoint(written[-1]).meta["step"] == session.KEEP_SESSIONS + 3


def test_the_keeper_stops_the_trainer_then_saves_once(xor, state_dir):
    loop = TrainerLoop(RunConfig(dataset="xor", speed=0.0), dataset=xor)
    keeper = RunKeeper(lambda: loop, lambda: {"layer": 1, "i": 2, "j": 0, "delta": 0.2, "log_scale": False})
    worker = threading.Thread(target=loop.run, args=(lambda frame: None, lambda: False))
    worker.start()
    assert loop.running.wait(30)
    while loop.trainer.step < 20:  # let it train a little
        threading.Event().wait(0.01)
    path = keeper.save_final()
    assert loop.finished.is_set()  # the trainer thread had stopped before the file was written
    worker.join()
    ck = load_checkpoint(path)
    assert ck.meta["step"] == loop.trainer.step >= 20
    assert all(np.array_equal(W, layer.W) for W, layer in zip(ck.weights, loop.trainer.net.layers))
    assert ck.meta["selection"] == {"layer": 1, "i": 2, "j": 0, "delta": 0.2, "log_scale": False}
    assert keeper.save_final() == path and session.session_files() == [path]


def test_a_session_whose_folder_cannot_be_written_goes_to_the_temp_folder_and_is_logged(
        xor, state_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    state_dir.mkdir(parents=True)
    (state_dir / "sessions").write_text("a file where the folder should be")
    loop = TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)
    keeper = RunKeeper(lambda: loop, dict)
    path = keeper.save_final()
    assert path.parent == tmp_path and load_checkpoint(path).meta["step"] == 0
    assert keeper.problem == f"saved to {path} (file exists in {state_dir / 'sessions'})"
    assert keeper.problem in (state_dir / "nntui.log").read_text()
