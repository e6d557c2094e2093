"""Every save gets a name of its own (issue 16, item 3): concurrent sessions at one step, `s` twice at one step.

The clock is frozen, so every writer computes the same session name: only a
name claimed exclusively (O_EXCL) keeps the runs apart. Writers are threads of
this process and separate processes, started together on one state folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.training import saving, session
from nntui.training.checkpoint import load_checkpoint
from nntui.training.loop import TrainerLoop
from nntui.training.trainer import Trainer

FROZEN = 1_700_000_000.25
THREADS, PROCESSES, SAVES_PER_PROCESS = 8, 4, 2

WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    time.time = lambda: {frozen}
    from nntui.config import RunConfig
    from nntui.data import load_dataset
    from nntui.training.session import save_session
    from nntui.training.trainer import Trainer
    trainer = Trainer(RunConfig(dataset="xor"), load_dataset("xor", seed=0))
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.001)
    for k in range({saves}):
        save_session(trainer, {{"writer": f"process {{sys.argv[1]}} save {{k}}"}})
""")


def test_concurrent_sessions_at_one_step_all_land_in_distinct_loadable_files(xor, state_dir, monkeypatch, tmp_path):
    go = tmp_path / "go"
    env = {**os.environ, "NNTUI_STATE_DIR": str(state_dir)}
    script = WRITER.format(frozen=FROZEN, saves=SAVES_PER_PROCESS)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n), str(go)], env=env) for n in range(PROCESSES)]
    monkeypatch.setattr(time, "time", lambda: FROZEN)
    trainer = Trainer(RunConfig(dataset="xor"), xor)
    start = threading.Barrier(THREADS)

    def write(n: int) -> None:
        start.wait()
        session.save_session(trainer, {"writer": f"thread {n}"})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(THREADS)]
    go.touch()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait() for p in procs] == [0] * PROCESSES
    files = session.session_files()
    assert len(files) == len(set(files)) == THREADS + PROCESSES * SAVES_PER_PROCESS
    writers = sorted(load_checkpoint(p).meta["selection"]["writer"] for p in files)
    assert writers == sorted([f"thread {n}" for n in range(THREADS)] +
                             [f"process {n} save {k}" for n in range(PROCESSES) for k in range(SAVES_PER_PROCESS)])
    assert {p.parent for p in files} == {state_dir / "sessions"}
    assert sorted(os.listdir(state_dir / "sessions")) == sorted(p.name for p in files)  # no temp file left


def test_s_twice_at_one_step_keeps_both_in_the_state_folder(xor, state_dir):
    loop = TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)
    loop.trainer.train_steps(7)
    loop.apply(cmd.Save())
    first = loop.message
    loop.apply(cmd.Nudge(0, 0, 0, 0.5))  # same step, other weights
    loop.apply(cmd.Save())
    folder = state_dir / "checkpoints"
    assert (first, loop.message) == (f"saved checkpoint to {folder / 'xor-step7.npz'}",
                                     f"saved checkpoint to {folder / 'xor-step7-2.npz'}")
    a, b = load_checkpoint(folder / "xor-step7.npz"), load_checkpoint(folder / "xor-step7-2.npz")
    assert a.meta["step"] == b.meta["step"] == 7
    assert b.weights[0][0, 0] == a.weights[0][0, 0] + 0.5
    assert sorted(os.listdir(folder)) == ["xor-step7-2.npz", "xor-step7.npz"]


def test_only_the_newest_s_checkpoints_are_kept(xor, state_dir, monkeypatch):
    monkeypatch.setattr(saving, "KEEP_CHECKPOINTS", 3)
    loop = TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)
    written = []
    for n in range(5):
        loop.trainer.train_step()
        loop.apply(cmd.Save())
        path = state_dir / "checkpoints" / f"xor-step{n + 1}.npz"
        os.utime(path, ns=(n * 10**9, n * 10**9))  # distinct ages even within one clock tick
        written.append(path.name)
    loop.apply(cmd.Save())  # the sixth save prunes again
    assert sorted(os.listdir(state_dir / "checkpoints")) == sorted(written[3:] + ["xor-step5-2.npz"])


def test_checkpoint_out_is_the_file_s_writes_each_time(xor, tmp_path, state_dir):
    target = tmp_path / "mine.npz"
    loop = TrainerLoop(RunConfig(dataset="xor", checkpoint_out=str(target)), dataset=xor, paused=True)
    loop.apply(cmd.Save())
    loop.trainer.train_step()
    loop.apply(cmd.Save())
    assert loop.message == f"saved checkpoint to {target}" and load_checkpoint(target).meta["step"] == 1
    assert not (state_dir / "checkpoints").exists()  # the file asked for, nothing else
