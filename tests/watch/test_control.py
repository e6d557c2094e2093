"""Control of a training subprocess through the control file: pause, step, nudge, a viewer that goes away."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="the torch adapter's tests need torch (pip install 'nntui[torch]')")

from nntui.watch.control import Controller, control_path  # noqa: E402
from nntui.watch.errors import WatchError  # noqa: E402
from nntui.watch.reader import TailReader  # noqa: E402
from nntui.watch.run import Run  # noqa: E402

SCRIPT = Path(__file__).with_name("train_script.py")


def start(log: Path, steps: int, every: int = 10_000, control: bool = True) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    args = [sys.executable, str(SCRIPT), str(log), str(steps), str(every)] + (["--control"] if control else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


class Follow:
    """A live Run kept up to date from a TailReader, with a wait for a condition on it."""

    def __init__(self, log: Path, proc: subprocess.Popen):
        self.proc = proc
        while not log.exists() or log.stat().st_size == 0:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        self.reader, self.run = TailReader(log), Run()

    def until(self, condition, what: str):
        while True:
            for record in self.reader.poll():
                self.run.add(record)
            if condition(self.run):
                return
            assert self.proc.poll() is None, f"training ended before {what}: {self.proc.communicate()}"
            time.sleep(0.02)

    def events(self, kind: str) -> list:
        return [e for e in self.run.events if e.kind == kind]


def wait_for_control_file(log: Path, proc):
    while not control_path(log).exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)


def test_pause_step_three_nudge_and_close(tmp_path):
    log = tmp_path / "run.nnt"
    proc = start(log, steps=3000)
    wait_for_control_file(log, proc)
    follow = Follow(log, proc)
    with Controller(log) as controller:
        controller.pause()
        follow.until(lambda r: follow.events("paused"), "the pause")
        s0 = follow.events("paused")[0].step
        for _ in range(3):
            controller.step()
        follow.until(lambda r: len(follow.events("paused")) == 2, "three steps")
        assert follow.events("paused")[1].step == s0 + 3
        time.sleep(0.5)  # still paused: nothing more is trained
        follow.until(lambda r: True, "a last read")
        assert int(follow.run.scalars.steps.max()) == s0 + 3
        assert np.isfinite(follow.run.scalars["loss"][-3:]).all()  # the loop's own three steps were logged

        before = follow.run.snapshots[-1]
        assert before.step == s0 + 3
        controller.nudge(1, 3, 2, 0.1)  # W1[3, 2]: from neuron 3 of layer 1's input to its neuron 2
        follow.until(lambda r: follow.events("nudged"), "the nudge")
        nudge = follow.events("nudged")[0].fields
        follow.until(lambda r: r.snapshots[-1] is not before, "the snapshot after the nudge")
        after = follow.run.snapshots[-1]
        old = before.layers[1].W[3, 2]
        assert nudge["old"] == float(old) and nudge["new"] == float(np.float32(float(old) + 0.1))
        assert nudge["loss_before"] == pytest.approx(before.loss, rel=1e-6) and nudge["loss_after"] == after.loss
        changed = before.layers[1].W != after.layers[1].W
        assert changed.sum() == 1 and changed[3, 2]
        for k in (0, 2):
            assert np.array_equal(before.layers[k].W, after.layers[k].W)
    out, err = proc.communicate()  # closing the controller lets the loop finish
    assert proc.returncode == 0, err
    assert out.strip() == "steps 3000 watch Watch"
    assert "heartbeat" not in err


def test_a_viewer_that_stops_its_heartbeat_lets_training_go_on_with_one_warning(tmp_path):
    log = tmp_path / "run.nnt"
    proc = start(log, steps=2000)
    wait_for_control_file(log, proc)
    with open(control_path(log), "a") as f:  # a viewer that pauses, then dies: no heartbeat, no bye
        f.write("pause\n")
    out, err = proc.communicate()
    assert proc.returncode == 0 and out.strip() == "steps 2000 watch Watch"
    assert err.count("no heartbeat from the viewer") == 1
    follow = Run()
    with TailReader(log) as reader:
        for record in reader.poll():
            follow.add(record)
    assert [e.kind for e in follow.events][:2] == ["paused", "viewer_lost"]
    assert follow.end.step == 2000


def test_a_controller_for_a_run_without_control_is_one_sentence(tmp_path):
    with pytest.raises(WatchError) as info:
        Controller(tmp_path / "run.nnt")
    assert str(info.value) == f"the run {tmp_path / 'run.nnt'} takes no commands: it was not started with control=True."


def test_edits_undo_lr_and_a_bad_command_are_applied_at_the_next_step_and_logged(tmp_path):
    import torch
    from torch import nn

    import nntui

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)  # lr 0: the step itself changes nothing
    x, y = torch.randn(8, 2), torch.zeros(8, dtype=torch.int64)
    weight = model[0].weight.detach().clone()
    watch = nntui.watch(model, optimizer, probe=(x, y), path=tmp_path / "e.nnt", control=True)
    with Controller(tmp_path / "e.nnt") as controller:
        controller.nudge(0, 1, 0, 0.5)  # W0[1, 0] is weight[0, 1]
        controller.zero(0, 0, 2)
        controller.undo()
        controller.set_lr(0.0)
        controller.send("nudge", 5, 0, 0, 1.0)
        controller.send("step", 0)
        model(x).sum().backward()
        optimizer.step()  # the pre-hook reads and applies the commands
    watch.close()
    expected = weight.clone()
    expected[0, 1] = float(weight[0, 1]) + 0.5
    assert torch.equal(model[0].weight.detach(), expected)
    run = nntui.read_run(tmp_path / "e.nnt")
    kinds = [(e.kind, e.fields.get("reason")) for e in run.events]
    assert kinds == [("nudged", None), ("nudged", None), ("undone", None), ("lr", None),
                     ("rejected", "there is no layer 5 (the net has 2)"),
                     ("rejected", "unknown command or wrong arguments: step 0")]
    zeroed, undone = run.events[1].fields, run.events[2].fields
    assert zeroed["new"] == 0.0 and undone["new"] == zeroed["old"] == float(weight[2, 0])
