"""Throttle: redraw at most once per interval while training, at once when it matters.

Terminal output grows with area × repaint rate, so the heavier panes redraw
less often than frames arrive. A request marked urgent (a key was pressed,
training is paused, a step was taken) runs at once; otherwise the latest
request runs when the interval has passed, and requests in between are
folded into it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Throttle:
    """Calls `action` now or, at most once per `interval` seconds, a little later."""

    def __init__(self, owner: MessagePump, action: Callable[[], None], interval: float = 0.0):
        self.owner, self.action, self.interval = owner, action, interval
        self._last = float("-inf")
        self._timer: Timer | None = None

    def request(self, urgent: bool = False) -> None:
        wait = self._last + self.interval - time.monotonic()
        if urgent or wait <= 0:
            self.run_now()
        elif self._timer is None:
            self._timer = self.owner.set_timer(wait, self.run_now)

    def run_now(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._last = time.monotonic()
        self.action()
