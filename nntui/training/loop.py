"""TrainerLoop: nntui's own run as a RunSource, trained in one worker thread.

The loop owns the Trainer. The UI calls `submit(command)` (thread-safe) and
receives Frames through the `publish` callback it passes to `run`. Commands
are applied between steps (handling.py). Frames go out at most `fps` times a
second while training and at once after a command, so a key press while
paused shows its effect immediately (pacing.py). Nothing here imports textual.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.run.frame import PAUSED, RUNNING, Frame, PhaseView
from nntui.training.downhill import DownhillFollower
from nntui.training.frame_maker import FrameMaker
from nntui.training.handling import Call, CommandHandling
from nntui.training.metrics import MetricsLog
from nntui.training.neuron_looks import NeuronLooker
from nntui.training.pacing import Pacer
from nntui.training.scheduling import Scheduling
from nntui.training.session import save_session
from nntui.training.tracing import Tracer
from nntui.training.trainer import Trainer
from nntui.training.weight_editor import WeightEditor

class TrainerLoop(Scheduling, CommandHandling):
    """Trains in a loop, applying commands between steps and publishing frames (a RunSource)."""

    label = "this run"
    trains = True
    supports = cmd.TRAINER_COMMANDS

    def __init__(self, config: RunConfig, trainer: Trainer | None = None, dataset=None, *, paused: bool = False):
        if trainer is None:
            from nntui.training.setup import build_trainer

            trainer = build_trainer(config, dataset)
        self.trainer = trainer
        self.config = trainer.config
        self.frames = FrameMaker(trainer)
        self.commands: queue.SimpleQueue = queue.SimpleQueue()
        self.state = PAUSED if paused else RUNNING
        self.pending_steps = 0  # steps still to take for Step(n) while paused
        self.until_epoch: int | None = None  # StepEpoch: train until this epoch is reached
        self.message = ""  # (and no nudge: handling.py)
        self.phase: PhaseView | None = None  # a step being taken apart with PhaseStep
        self.downhill = DownhillFollower()
        self.looks, self.tracer = NeuronLooker(), Tracer()  # Describe, Trace
        self.editor = WeightEditor(lambda: self.trainer.net, self.frames.probe_loss)
        self.stopped = False
        self.pacer = Pacer(self.config, trainer.samples_seen)
        self.metrics = MetricsLog(self.config.metrics_out)  # --metrics-out: one record per epoch
        self._started_at = time.perf_counter()
        self.running = threading.Event()  # set while `run` is inside its loop
        self.finished = threading.Event()  # set once `run` has returned: the trainer is free
        self.stop_at = self._stop_step(config)
        if self.stop_at is not None and trainer.step >= self.stop_at:
            self._reached_stop()

    def _stop_step(self, config: RunConfig) -> int | None:
        """The step at which the app pauses: --steps N, or the end of epoch --epochs E (only when given)."""
        if config.steps is not None:
            return config.steps
        if config.epochs is not None:
            return config.epochs * self.trainer.steps_per_epoch
        return None

    def _reached_stop(self) -> None:
        """Pause at the --steps / --epochs goal; space trains on past it."""
        self.stop_at = None
        self.state, self.pending_steps, self.until_epoch = PAUSED, 0, None
        self.message = f"reached step {self.trainer.step} (epoch {self.trainer.epoch}) as asked: space trains on"

    # -- the RunSource side -----------------------------------------------------

    def submit(self, command) -> None:
        """Queue a command; it is applied before the next step (thread-safe)."""
        self.commands.put(command)

    def first_frame(self) -> Frame:
        return self.make_frame(refresh_view=True)

    def save(self, selection: dict | None = None, timeout: float = 10.0) -> Path:
        """Write the run, `selection` and whether it is paused to a new session file (in the loop's thread while
        it runs)."""
        paused = self.state != RUNNING
        return self.run_owned(lambda trainer: save_session(trainer, selection, paused=paused), timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Stop the loop; True once `run` has returned (or never started) within `timeout` seconds."""
        self.submit(cmd.Stop())
        if self.running.is_set() and not self.finished.wait(timeout):
            return False
        self.metrics.close()
        return True

    def run_owned(self, fn: Callable[[Trainer], object], timeout: float = 10.0):
        """`fn(trainer)` run where it is safe: in the loop's thread while it runs, else in the caller's.

        Raises TimeoutError if the loop neither ran it nor finished within `timeout` seconds.
        """
        if self.running.is_set() and not self.finished.is_set():
            future: Future = Future()
            self.submit(Call(fn, future))
            deadline = time.monotonic() + timeout
            while not self.finished.is_set() and time.monotonic() < deadline:
                try:
                    return future.result(timeout=0.05)
                except TimeoutError:
                    continue
            if not future.cancel():  # the loop took it up just before finishing: it will complete
                return future.result(timeout=max(0.0, deadline - time.monotonic()))
            if not self.finished.is_set():
                raise TimeoutError("the trainer thread did not answer")
        return fn(self.trainer)

    # -- frames ---------------------------------------------------------------

    def make_frame(self, *, refresh_view: bool | None = None) -> Frame:
        now = time.perf_counter()
        if refresh_view is None:
            refresh_view = self.pacer.view_due(now) or not self._training()
        if refresh_view:
            self.pacer.last_view = now
            self.downhill.refresh(self.trainer.net, self.frames.probe_x, self.frames.probe_y, self.trainer.next_batch)
        rate = self.pacer.rate(now, self.trainer.samples_seen)
        return self.frames.make(
            state=self.state, message=self.message, nudge=self.nudge, event=self.events, refresh_view=refresh_view,
            samples_per_s=rate if self._training() else 0.0, phase=self.phase, downhill=self.downhill.curve,
            looks=self.looks.refresh(self.trainer, self._training()),
            trace=self.tracer.view(self.trainer, refresh_view),
        )

    # -- the loop -------------------------------------------------------------

    def run(self, publish: Callable[[Frame], None], should_stop: Callable[[], bool]) -> None:
        """Train and publish until Stop() arrives or `should_stop()` says so."""
        self.running.set()
        try:
            with threadpool_limits(1):
                self._run(publish, should_stop)
        finally:
            self.metrics.close()
            self.finished.set()
