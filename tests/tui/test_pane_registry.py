"""The pane registry: compose, tabs, the pane keys and the redraw intervals all read it."""

from __future__ import annotations

from fake_source import FakeSource
from pilot_helpers import wait_for
from textual.widgets import Static

from nntui.config import RunConfig
from nntui.tui.app import NntuiApp
from nntui.tui.panes import PANES, Pane, Redraw
from nntui.tui.widgets.base import PaneWidget


class ToyPane(PaneWidget, Static):
    """A pane that shows the step of the frame it was last shown (at most once per interval while training)."""

    def redraw(self) -> None:
        self.update(f"toy at step {self.frame.step}")


TOY = Pane("toy", "Toy", lambda app, **kw: ToyPane(**kw), Redraw(1.0, 2.0, 4.0))


class ToyApp(NntuiApp):
    panes = PANES.with_pane(TOY)


def test_the_builtin_registry_keeps_the_tabs_grid_and_intervals():
    assert PANES.tabs == [("Network", "network"), ("Activations", "activations"), ("Loss", "loss"),
                          ("Weights", "weights"), ("Data", "data")]
    assert [p.id for p in PANES.composed(images=False)] == ["network", "data", "activations", "weights", "loss"]
    assert [p.id for p in PANES.composed(images=True)] == ["network", "weights", "data", "activations", "loss"]
    assert PANES.intervals(images=False, low_bandwidth=True) == \
        {"network": 16.0, "activations": 4.0, "weights": 4.0, "data": 1.0, "loss": 8.0}
    assert PANES.intervals(images=True, low_bandwidth=True)["data"] == 4.0
    assert PANES.intervals(images=True, low_bandwidth=False) == \
        {"network": 4.0, "activations": 2.0, "weights": 2.0, "data": 2.0, "loss": 4.0}


async def test_a_toy_pane_added_through_the_registry_is_in_the_grid_and_the_tabs(spiral_frame):
    source = FakeSource(spiral_frame)
    app = ToyApp(RunConfig(dataset="spiral"), source=source, frame=spiral_frame)
    async with app.run_test(size=(80, 24)) as pilot:
        tabs = [tab.pane_id for tab in app.query("PaneTab")]
        assert tabs == ["network", "activations", "loss", "weights", "data", "toy"]
        toy = app.query_one("#toy", ToyPane)
        assert toy.parent.id == "panes" and "pane" in toy.classes and toy.border_title == "Toy"
        assert str(toy.render()) == f"toy at step {spiral_frame.step}"
        await pilot.press("shift+tab")  # from the first pane back to the last: the toy
        assert app.pane == "toy" and toy.has_class("-current")
        assert app.redraw_intervals()["toy"] == toy.throttle.interval == 1.0
        await pilot.press("n")
        await wait_for(pilot, lambda: str(toy.render()) == f"toy at step {spiral_frame.step + 1}")
        await pilot.press("q")
