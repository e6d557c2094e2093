"""Throttle: redraw at most once per interval while training, at once when it matters.

Terminal output grows with area × repaint rate, so the heavier panes redraw
less often than frames arrive. A request marked urgent (a key was pressed,
training is paused, a step was taken) runs at once; otherwise the latest
request runs in the first frame after the interval's next tick, and requests
in between are folded into it.

Ticks sit on one clock grid (multiples of the interval since the clock's
origin), so panes whose intervals divide one another redraw in the same frame:
Textual then paints them in one screen update, whose cost is mostly fixed (it
renders every widget under the union of the changed regions), instead of one
update per pane at its own phase. That fixed cost is CPU the UI thread takes
from the trainer thread under the GIL.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Throttle:
    """Calls `action` now or, at most once per `interval` seconds, at the next tick of the interval."""

    def __init__(self, owner: MessagePump, action: Callable[[], None], interval: float = 0.0,
                 clock: Callable[[], float] = time.monotonic):
        self.owner, self.action, self.interval, self.clock = owner, action, interval, clock
        self._last: float | None = None  # when the action last ran
        self._timer: Timer | None = None

    def tick(self, t: float) -> int:
        """The number of the interval's tick at or before time `t` (for an interval > 0)."""
        return math.floor(t / self.interval)

    def request(self, urgent: bool = False) -> None:
        now = self.clock()
        if urgent or self._last is None or self.interval <= 0 or self.tick(now) > self.tick(self._last):
            self.run_now()
        elif self._timer is None:  # nothing else may come (the run paused, a slow trainer): run at the tick
            wait = (self.tick(now) + 1) * self.interval - now
            self._timer = self.owner.set_timer(wait, self.run_now)

    def run_now(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._last = self.clock()
        self.action()
