"""The pane registry: every pane the app shows, declared once (id, title, widget, redraw intervals, grid place).

The app's compose, its tabs, the pane keys (tab, shift+tab) and the redraw
intervals all read the registry, so a new pane is one widget class plus one
entry here (see CONTRIBUTING.md).

Redraw intervals are seconds between a pane's redraws while training:
terminal output grows with area × repaint rate, and the UI thread's time is
taken from the trainer under the GIL. The intervals divide one another, so
panes that are due together redraw in one screen update (see throttle.py).
Image data redraw less often (each redraw is heavier, and a new digit every
2 s can be read); --low-bandwidth less often still. The status line follows
every frame; a key, a pause or a step redraws everything at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.widget import Widget

from nntui.tui.widgets.activations import ActivationsPane
from nntui.tui.widgets.data import DataPane
from nntui.tui.widgets.loss import LossPane
from nntui.tui.widgets.network import NetworkPane
from nntui.tui.widgets.weights import WeightsPane


@dataclass(frozen=True)
class Redraw:
    """Seconds between redraws while training: by default, for image data, and with --low-bandwidth."""

    default: float
    images: float
    low_bandwidth: float
    low_bandwidth_images: float | None = None  # None: as `low_bandwidth`

    def seconds(self, *, images: bool, low_bandwidth: bool) -> float:
        if low_bandwidth:
            return self.low_bandwidth_images if images and self.low_bandwidth_images is not None else self.low_bandwidth
        return self.images if images else self.default


@dataclass(frozen=True)
class Pane:
    """One pane: its widget id, tab title, how to build it, its redraw intervals and its place in the grid."""

    id: str
    title: str
    build: Callable[..., Widget]  # build(app, id=…, classes="pane") → the widget
    redraw: Redraw | None = None  # None: redrawn whenever it is shown a frame
    place: tuple[int, int] = (99, 99)  # grid order (other data, image data): lower first
    in_grid: bool = True  # False: composed after the grid's panes (a docked panel)


@dataclass(frozen=True)
class PaneRegistry:
    """The app's panes, in tab order."""

    panes: tuple[Pane, ...]

    def with_pane(self, pane: Pane, *, first: bool = False) -> PaneRegistry:
        return PaneRegistry((pane, *self.panes) if first else (*self.panes, pane))

    @property
    def tabs(self) -> list[tuple[str, str]]:
        """(title, id) in tab order."""
        return [(pane.title, pane.id) for pane in self.panes]

    @property
    def ids(self) -> list[str]:
        return [pane.id for pane in self.panes]

    def composed(self, *, images: bool) -> list[Pane]:
        """The panes in the order compose yields them: the grid's by place, then the docked ones."""
        grid = sorted((p for p in self.panes if p.in_grid), key=lambda p: p.place[1] if images else p.place[0])
        return grid + [p for p in self.panes if not p.in_grid]

    def intervals(self, *, images: bool, low_bandwidth: bool) -> dict[str, float]:
        return {p.id: p.redraw.seconds(images=images, low_bandwidth=low_bandwidth)
                for p in self.panes if p.redraw is not None}


# Grid places (app.tcss): image data put Data down the right side; other data give Network two columns.
PANES = PaneRegistry((
    Pane("network", "Network", lambda app, **kw: NetworkPane(**kw), Redraw(2.0, 4.0, 16.0), place=(0, 0)),
    Pane("activations", "Activations", lambda app, **kw: ActivationsPane(**kw), Redraw(1.0, 2.0, 4.0),
         place=(2, 3)),
    Pane("loss", "Loss", lambda app, **kw: LossPane(**kw), Redraw(2.0, 4.0, 8.0), place=(4, 4)),
    Pane("weights", "Weights", lambda app, **kw: WeightsPane(**kw), Redraw(1.0, 2.0, 4.0), place=(3, 1)),
    Pane("data", "Data", lambda app, **kw: DataPane(app.frame, **kw), Redraw(1.0, 2.0, 1.0, 4.0), place=(1, 2)),
))
