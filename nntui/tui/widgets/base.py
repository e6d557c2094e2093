"""PaneWidget: the base of every pane in the registry — it takes frames and redraws when they are due.

The app shows every frame to every pane with `show(frame, selection)`. The
base keeps the latest of both and asks its `Throttle` for a redraw: at once
when it matters (the first frame, a pause or a step, a network of a new
shape, a change of selection the pane draws), otherwise at the next tick of the pane's interval. What a
pane declares in the registry (tui/panes.py: title, redraw intervals) reaches
it through `configure`, which the app calls once the panes are mounted. A
pane writes `redraw()`, which draws `self.frame` with `self.selection`, and
may say cheaply when a frame would change nothing (`same_picture`) or which
changes of the selection it draws (`selection_matters`).

It is a mixin: put it before the Textual widget class it draws with
(`class LossPane(PaneWidget, Vertical)`).
"""

from __future__ import annotations

from nntui.run.frame import RUNNING, Frame
from nntui.tui.selection import Selection
from nntui.tui.throttle import Throttle


class PaneWidget:
    """A registered pane: `show(frame, selection)` keeps them and redraws now or at the pane's next tick."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frame: Frame | None = None
        self.selection = Selection()
        self.throttle = Throttle(self, self.redraw)
        self.pane_title = ""  # the registry's title (the border shows it unless the pane says more)
        self._title_shown: str | None = None  # what set_title last put in the border
        self.low_bandwidth = False  # --low-bandwidth: draw fewer colour steps and less detail

    def configure(self, *, title: str | None, interval: float, low_bandwidth: bool) -> None:
        """What the registry declares: the border title (None: keep it), seconds between redraws while
        training, and whether the run is --low-bandwidth."""
        if title is not None:
            self.pane_title = title
            self.set_title(title)
        self.throttle.interval = interval
        self.low_bandwidth = low_bandwidth

    def set_title(self, title: str) -> None:
        """The border's title, set only when it changes: setting it, even to the same text, repaints the whole
        pane and every widget in it (a screen update as big as the pane's, paid by the trainer under the GIL)."""
        if title != self._title_shown:
            self._title_shown = title
            self.border_title = title

    def show(self, frame: Frame, selection: Selection) -> None:
        """Take a new frame and selection; redraw now or, while training, at the pane's next tick."""
        if self.same_picture(frame, selection):
            self.frame = frame
            return
        urgent = (self.frame is None or frame.state != RUNNING or frame.layer_sizes != self.frame.layer_sizes
                  or self.selection_matters(self.selection, selection))  # (a new shape shows at once)
        self.frame, self.selection = frame, selection
        self.throttle.request(urgent)

    def same_picture(self, frame: Frame, selection: Selection) -> bool:
        """True when `frame` and `selection` would draw exactly what is on screen (a pane may know cheaply)."""
        return False

    def selection_matters(self, old: Selection, new: Selection) -> bool:
        """True when going from `old` to `new` changes what the pane draws (then it redraws at once)."""
        return old != new

    def redraw(self) -> None:
        """Draw `self.frame` with `self.selection`. Subclasses implement this."""
        raise NotImplementedError
