"""TrainerLoop publishing: a step key shows one frame, with the new step, and --low-bandwidth caps the frame rate."""

from __future__ import annotations

import queue
import threading

import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.run.frame import PAUSED
from nntui.training.loop import TrainerLoop
from nntui.training.pacing import LOW_BANDWIDTH_FPS


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor", seed=0)


class Running:
    """loop.run in a thread; frames arrive in a queue."""

    def __init__(self, loop: TrainerLoop):
        self.loop, self.frames = loop, queue.SimpleQueue()
        self.thread = threading.Thread(target=loop.run, args=(self.frames.put, lambda: False), daemon=True)
        self.thread.start()

    def next_frame(self):
        return self.frames.get(timeout=30)

    def stop(self) -> list:
        self.loop.submit(cmd.Stop())
        self.thread.join(timeout=30)
        rest = []
        while not self.frames.empty():
            rest.append(self.frames.get())
        return rest


def test_step_while_paused_publishes_one_frame_with_the_next_step(xor):
    loop = TrainerLoop(RunConfig(dataset="xor"), dataset=xor, paused=True)
    running = Running(loop)
    for expected in (1, 2, 3):
        loop.submit(cmd.Step(1))
        frame = running.next_frame()
        assert (frame.step, frame.state) == (expected, PAUSED)  # never a stale frame of the step before
    assert running.stop() == []  # and nothing else was published


def test_steps_n_ends_on_a_frame_of_the_last_step(xor):
    loop = TrainerLoop(RunConfig(dataset="xor", fps=0.5), dataset=xor, paused=True)
    running = Running(loop)
    loop.submit(cmd.Step(5))
    steps = [running.next_frame().step]
    while steps[-1] != 5:
        steps.append(running.next_frame().step)
    assert steps == [1, 5]  # the first step at once, then (at 0.5 fps) nothing until the last one is due now
    assert running.stop() == []


def test_low_bandwidth_caps_the_frame_rate(xor):
    assert TrainerLoop(RunConfig(dataset="xor", fps=30, low_bandwidth=True), dataset=xor).pacer.frame_interval == \
        pytest.approx(1 / LOW_BANDWIDTH_FPS)
    assert TrainerLoop(RunConfig(dataset="xor", fps=1, low_bandwidth=True), dataset=xor).pacer.frame_interval == \
        pytest.approx(1.0)
    assert TrainerLoop(RunConfig(dataset="xor", fps=30), dataset=xor).pacer.frame_interval == pytest.approx(1 / 30)
