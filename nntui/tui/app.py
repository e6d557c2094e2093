"""The nntui app: five panes over a training run, steered from the keyboard.

The run source (see nntui/run/source.py) runs in a thread worker and posts
Frames up as `FrameReady` messages; keys send commands down with
`source.submit`, and a key whose command the source does not support is
dimmed and says why when pressed. The app
owns only its selection (the selected weight, δ, the log scale; selection.py)
and the pane shown on small terminals. Layout follows the terminal size (breakpoint classes in
app.tcss): all five panes from GRID_SIZE up, below that one pane at a time
under a line of tabs, and below MIN_SIZE a plain request to enlarge the
terminal.

The run is never lost: `run_app` saves it to a session file when the app
ends (q, ctrl+c, SIGTERM, SIGHUP), and an unexpected error is logged, the
run autosaved and the error shown (see keeper.py).
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.run.frame import RUNNING, Frame, ImageView
from nntui.run.source import RunSource
from nntui.tui import keys
from nntui.tui.actions import KeyActions, weight_shapes
from nntui.tui.clicks import ClickActions
from nntui.tui.collector import SETTLE_S, freeze_live_objects
from nntui.tui.colours import without_colour
from nntui.tui.guard import ErrorGuard
from nntui.tui.keeper import RunKeeper, log_exception
from nntui.tui.kept import KeptWidgets
from nntui.tui.leanscreen import LeanScreen
from nntui.tui.looking import LookingActions
from nntui.tui.mapkeys import MapKeys
from nntui.tui.messages import FrameMailbox, FrameReady
from nntui.tui.palette import KeyCommands
from nntui.tui.panes import PANES, PaneRegistry
from nntui.tui.selection import Selection
from nntui.tui.widgets.keyline import KeyLine
from nntui.tui.widgets.phase import StepReadout
from nntui.tui.widgets.status import StatusBar
from nntui.tui.widgets.tabs import PaneTabs

MIN_SIZE = (60, 20)  # below this: "enlarge the terminal"
GRID_SIZE = (120, 36)  # from this up: all five panes at once
EXIT_SAVED_ELSEWHERE = 4  # the run could not be saved where --resume looks: it is in the system temp folder
EXIT_NOT_SAVED = 5  # the run could not be saved anywhere


class NntuiApp(KeyActions, LookingActions, MapKeys, ClickActions, ErrorGuard, KeptWidgets, App[int]):
    """Watch a network learn; keys send commands to the trainer thread."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # (absolute: subclasses elsewhere read it too)
    COMMANDS = {KeyCommands}
    TITLE = "nntui"
    BINDINGS = keys.bindings()
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (MIN_SIZE[0], "-w-narrow"), (GRID_SIZE[0], "-w-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (MIN_SIZE[1], "-h-short"), (GRID_SIZE[1], "-h-tall")]

    panes: PaneRegistry = PANES  # what the app shows, in tab order
    selection: reactive[Selection] = reactive(Selection(), init=False)
    pane: reactive[str] = reactive("network", init=False)

    def __init__(self, config: RunConfig, *, source: RunSource | None = None, frame: Frame,
                 selection: Selection | None = None) -> None:
        super().__init__()
        without_colour(self)  # NO_COLOR: no colour codes at all
        self.config = config
        self.source = source  # what the app watches; None shows `frame` only
        self.frame = frame  # what the panes show
        self._latest = frame  # the newest frame from the trainer
        self._mailbox = FrameMailbox(self.post_message)  # its frames, one in flight
        start = selection if selection is not None else Selection.first(frame.image_shape)
        self.set_reactive(NntuiApp.selection, start.clamped(weight_shapes(frame)))
        self._supports = source.supports if source is not None else None
        self.broken_panes: set[str] = set()  # panes switched off after an unexpected error (see guard.py)

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield PaneTabs(self.panes.tabs, id="tabs")
        images = isinstance(self.frame.data_view, ImageView)
        with Container(id="panes", classes="-images" if images else ""):
            for pane in self.panes.composed(images=images):
                yield pane.build(self, id=pane.id, classes="pane")
        yield StepReadout(id="step")
        yield Static(f"enlarge the terminal (need {MIN_SIZE[0]}x{MIN_SIZE[1]}) · q quits", id="too-small")
        yield KeyLine(id="keys")

    def get_default_screen(self) -> Screen:
        return LeanScreen(id="_default")

    def on_mount(self) -> None:
        self.start_run()

    def start_run(self) -> None:
        """Configure the panes as the registry says, show the current frame and start training (again after a
        recompose)."""
        intervals = self.redraw_intervals()
        for pane in self.panes.panes:
            self.query_one(f"#{pane.id}").configure(title=pane.title, interval=intervals.get(pane.id, 0.0),
                                                    low_bandwidth=self.config.low_bandwidth)
        self.watch_pane(self.pane)
        self.show_frame(self.frame)
        if self.source is not None:
            self.run_trainer()
        if self.keeper is not None:  # nntui itself, not a test: the run's objects stay out of collections
            self.set_timer(SETTLE_S, freeze_live_objects)

    def redraw_intervals(self) -> dict[str, float]:
        """Seconds between each pane's redraws while training, for this data and bandwidth."""
        images = isinstance(self.frame.data_view, ImageView)
        return self.panes.intervals(images=images, low_bandwidth=self.config.low_bandwidth)

    @property
    def tabbed(self) -> bool:
        """True when the terminal shows one pane at a time."""
        return self.size.width < GRID_SIZE[0] or self.size.height < GRID_SIZE[1]

    def watch_pane(self, pane_id: str) -> None:
        for name in self.panes.ids:
            self.query_one(f"#{name}").set_class(name == pane_id, "-current")
        self.query_one(PaneTabs).set_current(pane_id)

    # -- frames ---------------------------------------------------------------

    def show_frame(self, frame: Frame) -> None:
        """Show a new frame in every pane (one batched repaint)."""
        self.frame = self._latest = frame
        self.set_reactive(NntuiApp.selection, self.selection.clamped(weight_shapes(frame)))
        self._show()

    def _show(self) -> None:
        with self.batch_update():
            self.kept(StatusBar).show(self.frame)
            self.kept(StepReadout).show(self.frame, self.selection)
            for name in self.panes.ids:
                if name in self.broken_panes:
                    continue
                try:
                    self.kept(f"#{name}").show(self.frame, self.selection)
                except Exception as e:
                    if self.keeper is None:
                        raise
                    self.broken_panes.add(name)
                    self.report_error(e, f"the {name} pane")

    def watch_selection(self, old: Selection, new: Selection) -> None:
        if old.address != new.address:
            self.query_one(StatusBar).clear_event()
        if old.downhill_target != new.downhill_target:
            self.send(cmd.Downhill(*new.downhill_target) if new.downhill else cmd.Downhill(None))
        self.follow_looks(old, new)
        self._show()

    def on_frame_ready(self, message: FrameReady) -> None:
        """The newest frame from the trainer, shown at once while training runs (one screen update: the status
        line and the panes that are due). Otherwise it answers a key: its status line (the step asked for) goes
        out first, the panes just after."""
        message = self._mailbox.take(message)
        if not self._shows(message.source):
            return
        self._follow_supports()
        self._latest = message.frame
        if message.frame.state == RUNNING and self.frame.state == RUNNING:
            self.show_frame(message.frame)
            return
        self.kept(StatusBar).show(message.frame)
        self.call_after_refresh(self._show_latest, message.frame, message.source)

    def _follow_supports(self) -> None:
        """Redraw the key line when the source's commands change (a watched run that ends becomes a replay)."""
        supports = self.source.supports if self.source is not None else None
        if supports != self._supports:
            self._supports = supports
            self.query_one(KeyLine).refresh(layout=True)

    def _show_latest(self, frame: Frame, source: RunSource | None) -> None:
        """Show `frame` in the panes unless a newer frame, another run, or the shutdown came first."""
        if frame is self._latest and self._shows(source):
            self.show_frame(frame)

    def _shows(self, source: RunSource | None) -> bool:
        """True if frames of `source` are still shown: it is this app's run (a replaced run's last frames are
        dropped) and the app is not shutting down (its panes are, or are being, removed)."""
        return source in (None, self.source) and self.is_running and self.has_kept(StatusBar)

    # -- the source's thread ---------------------------------------------------

    @work(thread=True, exit_on_error=False, name="trainer")
    def run_trainer(self) -> None:
        worker, source = get_current_worker(), self.source
        source.run(publish=lambda frame: self._mailbox.put(frame, source),
                   should_stop=lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "trainer" and event.state == WorkerState.ERROR:
            self.report_trainer_error(event.worker.error)


def make_app(config: RunConfig, source: RunSource | None = None, *, frame: Frame | None = None,
             selection: Selection | None = None) -> NntuiApp:
    """The app for `config` (starting with `selection`, when given).

    - a source: runs it in a worker (its own state decides paused or running), starting from `frame` or its
      first frame;
    - a frame only: shows that frame and runs nothing (screenshots, snapshot tests).
    """
    if frame is None:
        frame = source.first_frame()
    return NntuiApp(config, source=source, frame=frame, selection=selection)


def run_app(config: RunConfig, source: RunSource, *, selection: Selection | None = None) -> int:
    """Run the app on `source` until it ends, save the run, say where; returns the exit code."""
    return run_kept(make_app(config, source, selection=selection))


def run_kept(app: NntuiApp) -> int:
    """Run `app` with a RunKeeper, then save the run (through its source) and say where; the exit code."""
    keeper = app.keeper = RunKeeper(lambda: app.source, lambda: asdict(app.selection))
    keeper.install_signal_handlers(lambda code: app.exit(return_code=code))
    try:
        app.run()
    except Exception as e:  # Textual itself failed: keep the run, say one line
        app.fatal_error = f"internal error ({type(e).__name__}: {e}); details in {log_exception(e, 'the app failed')}"
    return finish(app, keeper)


def finish(app: NntuiApp, keeper: RunKeeper) -> int:
    """Once the app has ended: save the run and say where, or why it could not; the exit code
    (EXIT_SAVED_ELSEWHERE, EXIT_NOT_SAVED when a plain quit could not save where it should)."""
    path = keeper.save_final()
    code = keeper.exit_code or app.return_code or 0
    try:  # after SIGHUP the terminal is gone: writing to it fails
        if app.fatal_error:
            print(f"nntui: {app.fatal_error}", file=sys.stderr)
            code = code or 1
        if keeper.problem:
            again = f" · continue it with: nntui --resume {path}" if path is not None else ""
            print(f"nntui: {keeper.problem}{again}", file=sys.stderr)
            code = code or (EXIT_SAVED_ELSEWHERE if path is not None else EXIT_NOT_SAVED)
        elif path is not None:
            print(f"run saved to {path} (continue it with: nntui --resume)")
    except OSError:
        pass
    return code
