"""Scheduling: a TrainerLoop's main loop — when to step, when to wait for commands, when to publish a frame.

`Scheduling` is mixed into TrainerLoop: it reads the loop's state and pacer
(pacing.py) and applies commands through `apply` (handling.py).
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable

from nntui.run import commands as cmd
from nntui.run.frame import DIVERGED, RUNNING, Frame
from nntui.training.handling import diverged_message
from nntui.training.metrics import metrics_record
from nntui.training.pacing import IDLE_WAIT_S, MIN_COMMAND_FRAME_S
from nntui.training.trainer import Diverged

STEPPING = (cmd.Step, cmd.StepEpoch)  # commands whose effect is the steps they schedule


class Scheduling:
    """Steps, waits and publishes (mixed into TrainerLoop, run in its thread)."""

    def _training(self) -> bool:
        return self.state == RUNNING or self.pending_steps > 0 or self.until_epoch is not None

    def _run(self, publish: Callable[[Frame], None], should_stop: Callable[[], bool]) -> None:
        last_publish = 0.0
        dirty = False  # something the UI must see at once (a command's effect, the last of n steps)
        stepped = False  # steps taken since the last frame
        while not (self.stopped or should_stop()):
            if self._training():
                wait = self.pacer.step_wait() if self.state == RUNNING else 0.0
                dirty |= self._drain(block=wait > 0, timeout=wait)
                if self.stopped:
                    break
                if self._training() and self.pacer.step_due():
                    dirty |= self._step()
                    stepped = True
                    self.pacer.stepped()
            else:  # paused: wait for a command, or only until a frame that is due can go out
                wait = max(0.0, last_publish + MIN_COMMAND_FRAME_S - time.perf_counter()) if dirty else IDLE_WAIT_S
                dirty |= self._drain(block=wait > 0, timeout=wait)
            now = time.perf_counter()
            interval = MIN_COMMAND_FRAME_S if dirty else self.pacer.frame_interval
            if (dirty or stepped) and now - last_publish >= interval:
                # A command's effect shows in full at once; between heavy refreshes a training frame
                # reuses the probe batch's layers (the status line still moves every frame).
                publish(self.make_frame(refresh_view=True if dirty else None))
                last_publish, dirty, stepped = now, False, False

    def _step(self) -> bool:
        """One training step; True when the state changed in a way the UI must see at once."""
        self.phase = None
        epoch = self.trainer.epoch
        try:
            self.trainer.train_step()
        except Diverged as e:
            self.state, self.pending_steps, self.until_epoch = DIVERGED, 0, None
            self.message = diverged_message(e)
            return True
        if self.trainer.epoch != epoch:
            self.metrics.write(metrics_record(self.trainer, time.perf_counter() - self._started_at))
        if self.stop_at is not None and self.trainer.step >= self.stop_at:
            self._reached_stop()
            return True
        if self.pending_steps > 0:
            self.pending_steps -= 1
            return self.pending_steps == 0
        if self.until_epoch is not None and self.trainer.epoch >= self.until_epoch:
            self.until_epoch = None
            return True
        return False

    def _drain(self, block: bool, timeout: float = IDLE_WAIT_S) -> bool:
        """Apply every queued command (waiting up to `timeout` for one if `block`). True if any applied."""
        applied = False
        try:
            command = self.commands.get(timeout=min(timeout, IDLE_WAIT_S)) if block else self.commands.get_nowait()
            while True:
                self.apply(command)
                applied |= not isinstance(command, STEPPING)  # those show when their steps are taken
                command = self.commands.get_nowait()
        except queue.Empty:
            pass
        return applied
