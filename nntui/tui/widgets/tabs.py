"""Pane tabs: on small terminals one pane shows at a time; this line names them all and marks the current one."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from textual.message import Message

HINT = "tab: next pane"


class PaneTab(Label):
    """One pane's name; clicking it shows that pane."""

    class Chosen(Message):
        """A pane's tab was clicked (small terminals show one pane at a time)."""

        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, title: str, pane_id: str) -> None:
        super().__init__(f" {title} ", id=f"tab-{pane_id}", classes="pane-tab", markup=False)
        self.pane_id = pane_id

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.pane_id))


class PaneTabs(Horizontal):
    """The row of pane names shown when only one pane fits."""

    DEFAULT_CSS = """
    PaneTabs { height: 1; }
    PaneTabs > .pane-tab { width: auto; }
    PaneTabs > #tabs-hint { width: 1fr; text-align: right; }
    """

    def __init__(self, panes: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._panes = panes

    def compose(self) -> ComposeResult:
        for title, pane_id in self._panes:
            yield PaneTab(title, pane_id)
        yield Label(HINT, id="tabs-hint", markup=False)

    def set_current(self, pane_id: str) -> None:
        for tab in self.query(PaneTab):
            tab.set_class(tab.pane_id == pane_id, "-current")
