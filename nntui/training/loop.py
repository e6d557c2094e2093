"""TrainerLoop: the trainer's side of the TUI, run in one worker thread.

The loop owns the Trainer. The UI calls `submit(command)` (thread-safe) and
receives Frames through the `publish` callback it passes to `run`. Commands
are applied between steps. Frames go out at most `fps` times a second while
training and at once after a command, so a key press while paused shows its
effect immediately. Nothing here imports textual.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.training.checkpoint import save_checkpoint
from nntui.training.downhill import weight_curve
from nntui.run.frame import (
    DIVERGED,
    PAUSED,
    PHASES,
    RUNNING,
    DownhillView,
    Frame,
    NudgeResult,
    PhaseView,
    frozen,
)
from nntui.training.framing import FrameMaker
from nntui.training.metrics import MetricsLog, metrics_record
from nntui.training.session import save_session
from nntui.training.trainer import Diverged, Trainer

HIDDEN_ACTIVATION_CYCLE = ("relu", "leaky_relu", "sigmoid", "tanh")
VIEW_REFRESH_S = 0.25  # decision boundary / curve refresh (heavy panes)
LOW_BANDWIDTH_VIEW_REFRESH_S = 1.0
LOW_BANDWIDTH_FPS = 2.0  # --low-bandwidth: at most this many frames a second (the status line follows them)
MIN_COMMAND_FRAME_S = 1 / 60  # a key storm still publishes at most this often
IDLE_WAIT_S = 0.1
STEPPING = (cmd.Step, cmd.StepEpoch)  # commands whose effect is the steps they schedule


@dataclass(frozen=True)
class Call:
    """Run `fn(trainer)` in the loop's thread; its result or exception goes into `future` (the loop's own command)."""

    fn: Callable
    future: Future


def default_checkpoint_path(trainer: Trainer) -> Path:
    """Where `s` saves when no --checkpoint-out was given: the user data folder."""
    from platformdirs import user_data_dir

    name = f"{trainer.config.data_label}-step{trainer.step}.npz".replace("/", "_")
    return Path(user_data_dir("nntui")) / "checkpoints" / name


def diverged_message(e: Diverged) -> str:
    """What the status line says when a step was refused (fits 80 columns)."""
    return f"diverged at step {e.step} with lr {e.lr:g}: lower the lr with , then space; r resets"


class TrainerLoop:
    """Trains in a loop, applying commands between steps and publishing frames (a RunSource)."""

    label = "this run"
    trains = True
    supports = frozenset({
        cmd.TogglePause, cmd.SetPaused, cmd.Step, cmd.PhaseStep, cmd.Downhill, cmd.StepEpoch, cmd.Nudge,
        cmd.SetWeight, cmd.UndoNudge, cmd.ScaleLR, cmd.CycleActivation, cmd.Reset, cmd.Save, cmd.Stop,
    })

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
        self.message = ""
        self.nudge: NudgeResult | None = None
        self.phase: PhaseView | None = None  # a step being taken apart with PhaseStep
        self.downhill_target: tuple[int, int, int] | None = None  # the weight the downhill view follows
        self.downhill: DownhillView | None = None
        self.undo: list[tuple[int, int, int, float]] = []
        self.stopped = False
        fps = max(0.5, float(self.config.fps))
        if self.config.low_bandwidth:
            fps = min(fps, LOW_BANDWIDTH_FPS)
        self.frame_interval = 1.0 / fps
        self.view_interval = LOW_BANDWIDTH_VIEW_REFRESH_S if self.config.low_bandwidth else VIEW_REFRESH_S
        self._last_view = 0.0
        self._rate_window: tuple[float, int] = (time.perf_counter(), trainer.samples_seen)
        self._rate = 0.0
        self.step_interval = 1.0 / self.config.speed if self.config.speed else 0.0
        self._next_step_at = 0.0
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

    # -- the UI side ----------------------------------------------------------

    def submit(self, command) -> None:
        """Queue a command; it is applied before the next step (thread-safe)."""
        self.commands.put(command)

    def first_frame(self) -> Frame:
        return self.make_frame(refresh_view=True)

    def save(self, selection: dict | None = None, timeout: float = 10.0) -> Path:
        """Write the run and `selection` to a new session file (in the loop's thread while it runs)."""
        return self.run_owned(lambda trainer: save_session(trainer, selection), timeout)

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

    def _training(self) -> bool:
        return self.state == RUNNING or self.pending_steps > 0 or self.until_epoch is not None

    def _update_rate(self, now: float) -> None:
        """Samples/s over the last half second or more (0 when not training)."""
        start, seen = self._rate_window
        if now - start >= 0.5:
            self._rate = (self.trainer.samples_seen - seen) / (now - start)
            self._rate_window = (now, self.trainer.samples_seen)

    def make_frame(self, *, refresh_view: bool | None = None) -> Frame:
        now = time.perf_counter()
        if refresh_view is None:
            refresh_view = now - self._last_view >= self.view_interval or not self._training()
        if refresh_view:
            self._last_view = now
            self._refresh_downhill()
        self._update_rate(now)
        return self.frames.make(
            state=self.state, message=self.message, nudge=self.nudge, refresh_view=refresh_view,
            samples_per_s=self._rate if self._training() else 0.0, phase=self.phase, downhill=self.downhill,
        )

    def _refresh_downhill(self) -> None:
        """Recompute the downhill curve if one is asked for (heavy-view pace while training)."""
        target, net = self.downhill_target, self.trainer.net
        if target is None:
            self.downhill = None
            return
        k, i, j = target
        if 0 <= k < len(net.layers) and 0 <= i < net.layers[k].W.shape[0] and 0 <= j < net.layers[k].W.shape[1]:
            self.downhill = weight_curve(net, self.frames.probe_x, self.frames.probe_y, k, i, j, self.downhill)
        else:
            self.downhill = None

    # -- the loop -------------------------------------------------------------

    def run(self, publish: Callable[[Frame], None], should_stop: Callable[[], bool]) -> None:
        """Train and publish until Stop() arrives or `should_stop()` says so."""
        self.running.set()
        try:
            self._run(publish, should_stop)
        finally:
            self.metrics.close()
            self.finished.set()

    def _run(self, publish: Callable[[Frame], None], should_stop: Callable[[], bool]) -> None:
        last_publish = 0.0
        dirty = False  # something the UI must see at once (a command's effect, the last of n steps)
        stepped = False  # steps taken since the last frame
        with threadpool_limits(1):
            while not (self.stopped or should_stop()):
                if self._training():
                    wait = self._next_step_at - time.perf_counter() if self.state == RUNNING else 0.0
                    dirty |= self._drain(block=wait > 0, timeout=wait)
                    if self.stopped:
                        break
                    if self._training() and time.perf_counter() >= self._next_step_at - 1e-4:
                        dirty |= self._step()
                        stepped = True
                        self._next_step_at = max(self._next_step_at + self.step_interval, time.perf_counter() - 0.1)
                else:  # paused: wait for a command, or only until a frame that is due can go out
                    wait = max(0.0, last_publish + MIN_COMMAND_FRAME_S - time.perf_counter()) if dirty else IDLE_WAIT_S
                    dirty |= self._drain(block=wait > 0, timeout=wait)
                now = time.perf_counter()
                interval = MIN_COMMAND_FRAME_S if dirty else self.frame_interval
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

    # -- commands -------------------------------------------------------------

    def apply(self, command) -> None:
        """Carry out one command (called between steps, in the loop's thread)."""
        trainer = self.trainer
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
            case cmd.Downhill(layer=k, i=i, j=j):
                self.downhill_target = None if k is None else (k, i, j)
                self.downhill = None
            case cmd.StepEpoch():
                self._set_paused(True)
                self.until_epoch = trainer.epoch + 1
            case cmd.Nudge(layer=k, i=i, j=j, delta=delta):
                self._change_weight(k, i, j, lambda w: w + delta)
            case cmd.SetWeight(layer=k, i=i, j=j, value=value):
                self._change_weight(k, i, j, lambda w: value)
            case cmd.UndoNudge():
                self._undo()
            case cmd.ScaleLR(factor=factor):
                lr = trainer.opt.lr * factor
                if 1e-7 <= lr <= 1e3:
                    trainer.opt.lr = lr
                    self.message = f"learning rate {lr:g}" + (": space continues" if self.state == DIVERGED else "")
                else:
                    self.message = f"learning rate kept at {trainer.opt.lr:g} (limits 1e-7 … 1e3)"
            case cmd.CycleActivation():
                current = trainer.net.activations[0] if len(trainer.net.layers) > 1 else None
                cycle = HIDDEN_ACTIVATION_CYCLE
                nxt = cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else cycle[0]
                if current is None:
                    self.message = "no hidden layer: nothing to change"
                else:
                    trainer.set_activation(nxt)
                    self._after_reinit(f"activation {nxt}: weights re-initialized")
            case cmd.Reset():
                trainer.reinitialize()
                self._after_reinit(f"weights re-initialized (seed {trainer.init_seed})")
            case cmd.Save(path=path):
                self._save(path)
            case Call(fn=fn, future=future):
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(trainer))
                    except Exception as e:  # handed to the caller, who reports it
                        future.set_exception(e)
            case cmd.Stop():
                self.stopped = True

    def _phase_step(self) -> None:
        """forward (one layer at a time) → loss → backward (one layer at a time) → update → next forward …"""
        if self.state == DIVERGED:
            self.message = "diverged: lower the learning rate or reset before stepping"
            return
        current = self.phase
        if current is None or current.phase == "update":
            self._begin_phases()
            return
        layers = len(self.trainer.net.layers)
        if current.phase in ("forward", "backward") and current.done < layers:
            self.phase = replace(current, done=current.done + 1)
            return
        nxt = PHASES[PHASES.index(current.phase) + 1]
        if nxt != "update":
            self.phase = replace(current, phase=nxt, done=1 if nxt == "backward" else layers)
            return
        net = self.trainer.net
        before_W = [layer.W.copy() for layer in net.layers]
        before_b = [layer.b.copy() for layer in net.layers]
        lr = self.trainer.opt.lr  # the step's own rate (an epoch's end may decay it after the step)
        try:
            self.trainer.train_step()
        except Diverged as e:
            self.state, self.phase = DIVERGED, None
            self.message = diverged_message(e)
            return
        self.phase = replace(
            current, phase="update", done=layers, lr=lr,
            delta_W=tuple(frozen(layer.W - W) for layer, W in zip(net.layers, before_W)),
            delta_b=tuple(frozen(layer.b - b) for layer, b in zip(net.layers, before_b)),
        )

    def _begin_phases(self) -> None:
        """Run forward and backward on the next real batch (without updating); show its first layer's forward."""
        trainer = self.trainer
        X, y = trainer.next_batch()
        rec = trainer.net.record(X, y)
        net = trainer.net
        self.phase = PhaseView(
            phase="forward", done=1, step=trainer.step + 1, X=frozen(X), y=frozen(y),
            W=tuple(frozen(layer.W) for layer in net.layers), b=tuple(frozen(layer.b) for layer in net.layers),
            z=tuple(map(frozen, rec.z)), a=tuple(map(frozen, rec.a)),
            per_sample_loss=frozen(rec.per_sample_loss), loss=rec.loss,
            blame=tuple(map(frozen, rec.blame)), dW=tuple(map(frozen, rec.dW)), db=tuple(map(frozen, rec.db)),
            lr=trainer.opt.lr,
        )

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
        self.undo.clear()
        self.nudge = self.phase = self.downhill = None
        if self.state == DIVERGED:
            self.state = PAUSED
        self.message = message

    def _change_weight(self, k: int, i: int, j: int, new_value: Callable[[float], float]) -> None:
        net = self.trainer.net
        if not (0 <= k < len(net.layers)):
            return
        W = net.layers[k].W
        if not (0 <= i < W.shape[0] and 0 <= j < W.shape[1]):
            return
        before_loss = self.frames.probe_loss()
        self.phase = None  # a step taken apart used the old weights: the next p starts afresh
        old = float(W[i, j])
        W[i, j] = new_value(old)
        self.undo.append((k, i, j, old))
        del self.undo[:-100]
        self.nudge = NudgeResult(k, i, j, old, float(W[i, j]), before_loss, self.frames.probe_loss())
        self.message = ""

    def _undo(self) -> None:
        if not self.undo:
            self.message = "nothing to undo"
            return
        k, i, j, old = self.undo.pop()
        W = self.trainer.net.layers[k].W
        before_loss = self.frames.probe_loss()
        self.phase = None
        current = float(W[i, j])
        W[i, j] = old
        self.nudge = NudgeResult(k, i, j, current, old, before_loss, self.frames.probe_loss())
        self.message = f"undid the change to W{k}[{i},{j}]"

    def _save(self, path: str | None) -> None:
        target = Path(path or self.config.checkpoint_out or default_checkpoint_path(self.trainer))
        try:
            written = save_checkpoint(self.trainer, target)
        except OSError as e:
            self.message = f"could not save to {target}: {e.strerror or e}"
        else:
            self.message = f"saved checkpoint to {written}"
