"""The nntui app: five panes over a training run, steered from the keyboard.

The trainer runs in a thread worker (`TrainerLoop.run`) and posts Frames up
as `FrameReady` messages; keys send commands down with `loop.submit`. The app
owns only view state (the selected weight, δ, the log scale, the pane shown
on small terminals). Layout follows the terminal size (breakpoint classes in
app.tcss): all five panes from GRID_SIZE up, below that one pane at a time
under a line of tabs, and below MIN_SIZE a plain request to enlarge the
terminal.

The run is never lost: `run_app` saves it to a session file when the app
ends (q, ctrl+c, SIGTERM, SIGHUP), and an unexpected error is logged, the
run autosaved and the error shown (see keeper.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import asdict, replace
from functools import partial

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from nntui.config import RunConfig
from nntui.training import commands as cmd
from nntui.training.frame import RUNNING, Frame, ImageView
from nntui.tui import keys
from nntui.tui.colours import without_colour
from nntui.tui.guard import ErrorGuard
from nntui.tui.keeper import RunKeeper, log_exception
from nntui.tui.leanscreen import LeanScreen
from nntui.tui.messages import FrameReady, NeuronClicked, PaneChosen, WeightClicked
from nntui.tui.screens.help import HelpScreen
from nntui.tui.viewstate import ViewState
from nntui.tui.widgets.activations import ActivationsPane
from nntui.tui.widgets.data import DataPane
from nntui.tui.widgets.keyline import KeyLine
from nntui.tui.widgets.loss import LossPane
from nntui.tui.widgets.network import NetworkPane
from nntui.tui.widgets.pane import CanvasPane
from nntui.tui.widgets.phase import StepReadout
from nntui.tui.widgets.status import StatusBar
from nntui.tui.widgets.tabs import PaneTabs
from nntui.tui.widgets.weights import WeightsPane

MIN_SIZE = (60, 20)  # below this: "enlarge the terminal"
GRID_SIZE = (120, 36)  # from this up: all five panes at once
PANES = (("Network", "network"), ("Activations", "activations"), ("Loss", "loss"),
         ("Weights", "weights"), ("Data", "data"))
# Seconds between a pane's redraws while training: terminal output grows with area × repaint rate, and the UI
# thread's time is taken from the trainer under the GIL. The intervals divide one another, so panes that are due
# together redraw in one screen update (see throttle.py). The status line follows every frame; a key, a pause or
# a step redraws everything at once.
REDRAW_S = {"network": 2.0, "activations": 1.0, "weights": 1.0, "data": 1.0, "loss": 2.0}
# Image data: each redraw is heavier (receptive fields, the digit, the confusion matrix, a chart of many steps),
# and a new digit every 2 s can be read.
IMAGE_REDRAW_S = {"network": 4.0, "activations": 2.0, "weights": 2.0, "data": 2.0, "loss": 4.0}
# --low-bandwidth: the decision boundary once a second, the rest less often (the network diagram, the largest
# pane, every 16 s).
LOW_BANDWIDTH_REDRAW_S = {"network": 16.0, "activations": 4.0, "weights": 4.0, "data": 1.0, "loss": 8.0}
LOW_BANDWIDTH_IMAGE_S = 4.0  # --low-bandwidth: the Data pane of image data (a new digit each time) is not a boundary


def _shapes(frame: Frame) -> list[tuple[int, int]]:
    return [tuple(layer.W.shape) for layer in frame.layers]


class NntuiApp(ErrorGuard, App[int]):
    """Watch a network learn; keys send commands to the trainer thread."""

    CSS_PATH = "app.tcss"
    TITLE = "nntui"
    BINDINGS = keys.bindings()
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (MIN_SIZE[0], "-w-narrow"), (GRID_SIZE[0], "-w-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (MIN_SIZE[1], "-h-short"), (GRID_SIZE[1], "-h-tall")]

    panes: tuple[tuple[str, str], ...] = PANES  # (tab title, widget id), in tab order
    view: reactive[ViewState] = reactive(ViewState(), init=False)
    pane: reactive[str] = reactive("network", init=False)

    def __init__(self, config: RunConfig, *, loop=None, frame: Frame, view: ViewState | None = None) -> None:
        super().__init__()
        without_colour(self)  # NO_COLOR: no colour codes at all
        self.config = config
        self.loop = loop  # a TrainerLoop (or a test double); None shows `frame` only
        self.frame = frame  # what the panes show
        self._latest = frame  # the newest frame from the trainer
        if view is not None:
            self.set_reactive(NntuiApp.view, view.clamped(_shapes(frame)))
        self.broken_panes: set[str] = set()  # panes switched off after an unexpected error (see guard.py)

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield PaneTabs(list(self.panes), id="tabs")
        images = isinstance(self.frame.view, ImageView)
        panes = {
            "network": NetworkPane(id="network", classes="pane"),
            "activations": ActivationsPane(id="activations", classes="pane"),
            "loss": LossPane(id="loss", classes="pane"),
            "weights": WeightsPane(id="weights", classes="pane"),
            "data": DataPane(self.frame, id="data", classes="pane"),
        }
        # Grid order (app.tcss): images put Data down the right side; other data give Network two columns.
        order = ("network", "weights", "data", "activations", "loss") if images else \
                ("network", "data", "activations", "weights", "loss")
        with Container(id="panes", classes="-images" if images else ""):
            yield from (panes[name] for name in order)
            yield from self.extra_panes()
        yield StepReadout(id="step")
        yield Static(f"enlarge the terminal (need {MIN_SIZE[0]}x{MIN_SIZE[1]}) · q quits", id="too-small")
        yield KeyLine(id="keys")

    def get_default_screen(self) -> Screen:
        return LeanScreen(id="_default")

    def extra_panes(self) -> ComposeResult:
        """Panes a subclass adds to `panes` (the lesson panel)."""
        yield from ()

    def on_mount(self) -> None:
        self.start_run()

    def start_run(self) -> None:
        """Set the panes' redraw rates, show the current frame and start training (again after a recompose)."""
        for name, seconds in self.redraw_intervals().items():
            throttle = self.query_one(f"#{name}").throttle
            if throttle is not None:
                throttle.interval = seconds
        for pane in self.query(CanvasPane):
            pane.coarse = self.config.low_bandwidth
        self.watch_pane(self.pane)
        self.show_frame(self.frame)
        if self.loop is not None:
            self.run_trainer()

    def redraw_intervals(self) -> dict[str, float]:
        """Seconds between each pane's redraws while training, for this data and bandwidth."""
        images = isinstance(self.frame.view, ImageView)
        if self.config.low_bandwidth:
            return {**LOW_BANDWIDTH_REDRAW_S, **({"data": LOW_BANDWIDTH_IMAGE_S} if images else {})}
        return IMAGE_REDRAW_S if images else REDRAW_S

    @property
    def tabbed(self) -> bool:
        """True when the terminal shows one pane at a time."""
        return self.size.width < GRID_SIZE[0] or self.size.height < GRID_SIZE[1]

    def watch_pane(self, pane_id: str) -> None:
        for _, name in self.panes:
            self.query_one(f"#{name}").set_class(name == pane_id, "-current")
        self.query_one(PaneTabs).set_current(pane_id)

    # -- frames ---------------------------------------------------------------

    def show_frame(self, frame: Frame) -> None:
        """Show a new frame in every pane (one batched repaint)."""
        self.frame = self._latest = frame
        self.set_reactive(NntuiApp.view, self.view.clamped(_shapes(frame)))
        self._show()

    def _show(self) -> None:
        with self.batch_update():
            self.query_one(StatusBar).show(self.frame)
            self.query_one(StepReadout).show(self.frame, self.view)
            for _, name in self.panes:
                if name in self.broken_panes:
                    continue
                try:
                    self.query_one(f"#{name}").show(self.frame, self.view)
                except Exception as e:
                    if self.keeper is None:
                        raise
                    self.broken_panes.add(name)
                    self.report_error(e, f"the {name} pane")

    def watch_view(self, old: ViewState, new: ViewState) -> None:
        if old.downhill_target != new.downhill_target:
            self.send(cmd.Downhill(*new.downhill_target) if new.downhill else cmd.Downhill(None))
        self._show()

    def on_frame_ready(self, message: FrameReady) -> None:
        """A frame from the trainer, shown at once while training runs (one screen update: the status line and
        the panes that are due). Otherwise it answers a key: its status line (the step asked for) goes out first,
        the panes just after."""
        if not self._shows(message.loop):
            return
        self._latest = message.frame
        if message.frame.state == RUNNING and self.frame.state == RUNNING:
            self.show_frame(message.frame)
            return
        self.query_one(StatusBar).show(message.frame)
        self.call_after_refresh(self._show_latest, message.frame, message.loop)

    def _show_latest(self, frame: Frame, loop) -> None:
        """Show `frame` in the panes unless a newer frame, another run, or the shutdown came first."""
        if frame is self._latest and self._shows(loop):
            self.show_frame(frame)

    def _shows(self, loop) -> bool:
        """True if frames of `loop` are still shown: it is this app's run (a replaced run's last frames are
        dropped) and the app is not shutting down (its panes are, or are being, removed)."""
        return loop in (None, self.loop) and self.is_running and bool(self.query(StatusBar))

    # -- the trainer thread ---------------------------------------------------

    @work(thread=True, exit_on_error=False, name="trainer")
    def run_trainer(self) -> None:
        worker, loop = get_current_worker(), self.loop
        loop.run(publish=lambda frame: self.post_message(FrameReady(frame, loop)),
                 should_stop=lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "trainer" and event.state == WorkerState.ERROR:
            self.report_trainer_error(event.worker.error)

    def send(self, command: cmd.Command) -> None:
        """Hand a command to the trainer (applied between steps)."""
        if self.loop is not None:
            self.loop.submit(command)

    # -- actions (keys.py maps keys to these) -----------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pane":  # the pane keys only mean something when one pane shows at a time
            return self.tabbed
        return keys.has_action(self, action)

    def action_toggle_pause(self) -> None:
        self.send(cmd.TogglePause())

    def action_step(self) -> None:
        self.send(cmd.Step(1))

    def action_phase_step(self) -> None:
        self.send(cmd.PhaseStep())
        if self.frame.phase is None and self.tabbed:  # a step taken apart is drawn on the Network pane
            self.pane = "network"

    def action_step_epoch(self) -> None:
        self.send(cmd.StepEpoch())

    def action_move(self, di: int, dj: int) -> None:
        self.view = self.view.moved(di, dj, _shapes(self.frame))

    def action_layer(self, step: int) -> None:
        self.view = self.view.with_layer(step, _shapes(self.frame))

    def action_nudge(self, sign: int) -> None:
        v = self.view
        self.send(cmd.Nudge(v.layer, v.i, v.j, sign * v.delta))

    def action_scale_delta(self, factor: float) -> None:
        self.view = self.view.scaled_delta(factor)

    def action_undo(self) -> None:
        self.send(cmd.UndoNudge())

    def action_zero_weight(self) -> None:
        v = self.view
        self.send(cmd.SetWeight(v.layer, v.i, v.j, 0.0))

    def action_scale_lr(self, factor: float) -> None:
        self.send(cmd.ScaleLR(factor))

    def action_cycle_activation(self) -> None:
        self.send(cmd.CycleActivation())

    def action_reset(self) -> None:
        self.send(cmd.Reset())

    def action_save(self) -> None:
        self.send(cmd.Save())

    def action_toggle_log_scale(self) -> None:
        self.view = replace(self.view, log_scale=not self.view.log_scale)

    def action_toggle_downhill(self) -> None:
        self.view = replace(self.view, downhill=not self.view.downhill)
        if self.view.downhill and self.tabbed:
            self.pane = "loss"

    def action_pane(self, step: int) -> None:
        names = [name for _, name in self.panes]
        self.pane = names[(names.index(self.pane) + step) % len(names)]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.send(cmd.Stop())
        self.exit(0)

    # -- mouse and palette ------------------------------------------------------

    def on_neuron_clicked(self, message: NeuronClicked) -> None:
        if message.column == 0:
            view = replace(self.view, layer=0, i=message.index)
        else:
            view = replace(self.view, layer=message.column - 1, j=message.index)
        self.view = view.clamped(_shapes(self.frame))

    def on_weight_clicked(self, message: WeightClicked) -> None:
        self.view = replace(self.view, layer=message.layer, i=message.i, j=message.j).clamped(_shapes(self.frame))

    def on_pane_chosen(self, message: PaneChosen) -> None:
        self.pane = message.pane_id

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for spec in keys.KEYMAP:
            if spec.action != "quit" and keys.offered(spec, self):  # Textual's own "Quit" calls action_quit
                yield SystemCommand(spec.help[0].upper() + spec.help[1:], f"key {spec.label}",
                                    partial(self.run_action, spec.action))


def make_app(config: RunConfig, *, loop=None, frame: Frame | None = None, paused: bool = False,
             view: ViewState | None = None) -> NntuiApp:
    """The app for `config` (starting with the weight `view` selects, when given).

    - no loop, no frame: builds a TrainerLoop (paused if `paused`) and trains in a worker;
    - a loop: drives it (its own state decides paused or running), starting from `frame` or its first frame;
    - a frame only: shows that frame and trains nothing (screenshots, snapshot tests).
    """
    if loop is None and frame is None:
        from nntui.training.loop import TrainerLoop

        loop = TrainerLoop(config, paused=paused)
    if frame is None:
        frame = loop.first_frame()
    return NntuiApp(config, loop=loop, frame=frame, view=view)


def run_app(config: RunConfig, *, trainer=None, view: ViewState | None = None) -> int:
    """Run the app until it ends, save the run to a session file, say where; returns the exit code."""
    from nntui.training.loop import TrainerLoop

    return run_kept(make_app(config, loop=TrainerLoop(config, trainer=trainer), view=view))


def run_kept(app: NntuiApp) -> int:
    """Run `app` with a RunKeeper, then save the run to a session file and say where; the exit code."""
    keeper = app.keeper = RunKeeper(lambda: app.loop, lambda: asdict(app.view))
    keeper.install_signal_handlers(lambda code: app.exit(return_code=code))
    try:
        app.run()
    except Exception as e:  # Textual itself failed: keep the run, say one line
        app.fatal_error = f"internal error ({type(e).__name__}: {e}); details in {log_exception(e, 'the app failed')}"
    path = keeper.save_final()
    code = keeper.exit_code or app.return_code or 0
    try:  # after SIGHUP the terminal is gone: writing to it fails
        if app.fatal_error:
            print(f"nntui: {app.fatal_error}", file=sys.stderr)
            code = code or 1
        if path is not None:
            print(f"run saved to {path} (continue it with: nntui --resume)")
    except OSError:
        pass
    return code
