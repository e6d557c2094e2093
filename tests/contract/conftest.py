"""The run sources the contract suite checks: one fixture parameter each (a new source is one more `Kit`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fake_source import WATCH_ONLY, FakeSource

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.run.frame import Frame
from nntui.run.source import RunSource


@dataclass
class Kit:
    """A source under test and what the contract may ask of it."""

    source: RunSource
    command: cmd.Command  # a command it supports whose effect shows in the next frame
    effect: Callable[[Frame, Frame], bool]  # (first frame, a later frame): did the command show?
    can_save: bool


def trainer_kit(xor, tmp_path) -> Kit:
    from nntui.training.loop import TrainerLoop

    source = TrainerLoop(RunConfig(dataset="xor", hidden=(4,), speed=0.0), dataset=xor, paused=True)
    return Kit(source, cmd.Step(3), lambda first, later: later.step == first.step + 3, can_save=True)


def fake_kit(xor, tmp_path) -> Kit:
    frame = trainer_kit(xor, tmp_path).source.first_frame()
    source = FakeSource(frame, supports=WATCH_ONLY | {cmd.Step}, label="a recorded run", save_dir=tmp_path / "fake")
    return Kit(source, cmd.Step(2), lambda first, later: later.step == first.step + 2, can_save=True)


def unsaved_fake_kit(xor, tmp_path) -> Kit:
    frame = trainer_kit(xor, tmp_path).source.first_frame()
    source = FakeSource(frame, supports=WATCH_ONLY | {cmd.Step}, label="a recorded run")
    return Kit(source, cmd.Step(1), lambda first, later: later.step == first.step + 1, can_save=False)


def log_kit(xor, tmp_path) -> Kit:
    from nntui.watch.log_source import open_log

    from run_logs import finished_log

    source = open_log(finished_log(tmp_path / "run.nnt").rec.path)  # a finished log opens on its last snapshot
    return Kit(source, cmd.Seek(0, relative=False), lambda first, later: (first.step, later.step) == (12, 0),
               can_save=False)


KITS = {"trainer-loop": trainer_kit, "fake": fake_kit, "fake-that-cannot-save": unsaved_fake_kit,
        "run-log": log_kit}


@pytest.fixture(params=sorted(KITS))
def kit(request, xor, tmp_path, state_dir):
    made = KITS[request.param](xor, tmp_path)
    yield made
    made.source.close(10.0)
