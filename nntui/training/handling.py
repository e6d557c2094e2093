"""Command handling: what each UI command does to a TrainerLoop's run (in the loop's thread, between steps).

`CommandHandling` is the TrainerLoop's half that applies commands; the loop
itself schedules steps and publishes frames (loop.py).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from nntui.nn.activations import HIDDEN_CYCLE
from nntui.run import commands as cmd
from nntui.run.frame import DIVERGED, PAUSED, RUNNING, NudgeResult
from nntui.training import phasestep
from nntui.training.saving import save_for_user
from nntui.training.changes import Refused
from nntui.training.shaping import ShapeCommands
from nntui.training.trainer import Diverged

LR_LIMITS = (1e-7, 1e3)


@dataclass(frozen=True)
class Call:
    """Run `fn(trainer)` in the loop's thread; its result or exception goes into `future` (the loop's own command)."""

    fn: Callable
    future: Future


def diverged_message(e: Diverged) -> str:
    """What the status line says when a step was refused (fits 80 columns)."""
    return f"diverged at step {e.step} with lr {e.lr:g}: lower the lr with , then space; r resets"


class CommandHandling(ShapeCommands):
    """Applies commands to the loop's trainer, weights, state and message (mixed into TrainerLoop)."""

    events = 0  # how many events (messages, nudges) the run has had
    nudge: NudgeResult | None = None  # the latest event's weight change, if it was one

    @property
    def message(self) -> str:
        """The latest event's words. Setting them is a new event, which replaces the last one and its nudge."""
        return self._message

    @message.setter
    def message(self, text: str) -> None:
        self._message, self.nudge, self.events = text, None, self.events + 1

    def apply(self, command) -> None:
        """Carry out one command (called between steps, in the loop's thread)."""
        match command:
            case cmd.TogglePause():
                self._set_paused(self.state == RUNNING)
            case cmd.SetPaused(paused=paused):
                self._set_paused(paused)
            case cmd.Step(count=count):
                self._set_paused(True)
                self.pending_steps += max(0, int(count))
            case cmd.PhaseStep():
                self._set_paused(True)
                self.pending_steps, self.until_epoch = 0, None
                self._phase_step()
            case cmd.StepEpoch():
                self._set_paused(True)
                self.until_epoch = self.trainer.epoch + 1
            case cmd.Stop():
                self.stopped = True
            case cmd.AddNeuron() | cmd.RemoveNeuron() | cmd.AddLayer() | cmd.RemoveLayer() | cmd.SetHidden():
                try:
                    self._reshape(command)
                except Refused as e:
                    self.message = str(e)
            case _:
                self._change(command)

    def _change(self, command) -> None:
        """The commands that change the run itself: its weights, learning rate, activation, or save it."""
        match command:
            case cmd.Downhill(layer=k, i=i, j=j, bias=bias):
                self.downhill.follow(None if k is None else (k, i, j, bias))
            case cmd.Describe(layer=k, j=j):
                self.looks.follow(None if k is None else (k, j))
            case cmd.Trace() | cmd.TraceWorst():
                self.phase = None  # a step taken apart holds the old sample: the next p takes one holding the new
                said = self.tracer.apply(self.trainer, command, self.frames.shown_train_row())
                if said:
                    self.message = said
            case cmd.Nudge(layer=k, i=i, j=j, delta=delta, bias=bias):
                self._edited(self.editor.change(k, i, j, lambda w: w + delta, bias), "")
            case cmd.SetWeight(layer=k, i=i, j=j, value=value, bias=bias):
                self._edited(self.editor.change(k, i, j, lambda w: value, bias), "")
            case cmd.UndoNudge():
                result = self.editor.undo()
                if result is None:
                    self.message = "nothing to undo"
                else:
                    self._edited(result, "undid the change")  # the nudge shown beside it names what it was
            case cmd.ScaleLR(factor=factor):
                self._scale_lr(factor)
            case cmd.CycleActivation():
                self._cycle_activation()
            case cmd.Reset():
                self._restart(f"before: seed {self.trainer.init_seed}")
                self._after_reinit(f"weights re-initialized (seed {self.trainer.init_seed}): a fresh run")
            case cmd.Save(path=path):
                self.message = save_for_user(self.trainer, path)
            case cmd.SetGhost(ghost=ghost):
                self.trainer.ghost = ghost
                self.message = "" if ghost is not None else "the previous run's curves are cleared"
            case Call(fn=fn, future=future):
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(self.trainer))
                    except Exception as e:  # handed to the caller, who reports it
                        future.set_exception(e)

    def _edited(self, result, message: str) -> None:
        """A weight was changed by hand (result None: there was no such weight, nothing happened)."""
        if result is None:
            return
        self.phase = None  # a step taken apart used the old weights: the next p starts afresh
        self.message = message
        self.nudge = result

    def _scale_lr(self, factor: float) -> None:
        opt = self.trainer.opt
        lr = opt.lr * factor
        if LR_LIMITS[0] <= lr <= LR_LIMITS[1]:
            opt.lr = lr
            self.message = f"learning rate {lr:g}" + (": space continues" if self.state == DIVERGED else "")
        else:
            self.message = f"learning rate kept at {opt.lr:g} (limits 1e-7 … 1e3)"

    def _cycle_activation(self) -> None:
        net, cycle = self.trainer.net, HIDDEN_CYCLE
        if len(net.layers) < 2:
            self.message = "no hidden layer: nothing to change"
            return
        current = net.activations[0]
        nxt = cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else cycle[0]
        self._restart(f"before: {current}", activation=nxt)
        self._after_reinit(f"activation {nxt}: weights re-initialized, a fresh run")

    def _phase_step(self) -> None:
        if self.state == DIVERGED:
            self.message = "diverged: lower the learning rate or reset before stepping"
            return
        try:
            self.phase = phasestep.advance(self.trainer, self.phase, self.tracer)
        except Diverged as e:
            self.state, self.phase = DIVERGED, None
            self.message = diverged_message(e)

    def _set_paused(self, paused: bool) -> None:
        if paused:
            if self.state == RUNNING:
                self.state = PAUSED
        else:
            if self.state == DIVERGED:
                self.message = ""  # the advice about the learning rate is done with
            self.state = RUNNING
            self.pending_steps, self.until_epoch, self.phase = 0, None, None

    def _after_reinit(self, message: str) -> None:
        self.editor.forget()
        self.nudge = self.phase = None
        self.downhill.curve = None
        if self.state == DIVERGED:
            self.state = PAUSED
        self.message = message
