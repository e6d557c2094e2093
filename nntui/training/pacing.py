"""Pacing: how often a TrainerLoop steps, publishes frames and refreshes its heavy views, and its samples/s.

Frames go out at most `fps` times a second while training (fewer with
--low-bandwidth) and at once after a command, but never faster than
MIN_COMMAND_FRAME_S; --speed spaces the steps out.
"""

from __future__ import annotations

import time

from nntui.config import RunConfig

VIEW_REFRESH_S = 0.25  # decision boundary / curve refresh (heavy panes)
LOW_BANDWIDTH_VIEW_REFRESH_S = 1.0
LOW_BANDWIDTH_FPS = 2.0  # --low-bandwidth: at most this many frames a second (the status line follows them)
MIN_COMMAND_FRAME_S = 1 / 60  # a key storm still publishes at most this often
IDLE_WAIT_S = 0.1
LATE_STEPS_FORGIVEN_S = 0.1  # after a stall, --speed does not try to catch up more than this


class Pacer:
    """The loop's clock: when the next step is due, when a frame may go out, the recent samples/s."""

    def __init__(self, config: RunConfig, samples_seen: int):
        fps = max(0.5, float(config.fps))
        if config.low_bandwidth:
            fps = min(fps, LOW_BANDWIDTH_FPS)
        self.frame_interval = 1.0 / fps
        self.view_interval = LOW_BANDWIDTH_VIEW_REFRESH_S if config.low_bandwidth else VIEW_REFRESH_S
        self.step_interval = 1.0 / config.speed if config.speed else 0.0
        self.next_step_at = 0.0
        self.last_view = 0.0
        self._rate_window: tuple[float, int] = (time.perf_counter(), samples_seen)
        self._rate = 0.0

    def step_wait(self) -> float:
        """Seconds until the next step is due (negative or zero: due now)."""
        return self.next_step_at - time.perf_counter()

    def step_due(self) -> bool:
        return time.perf_counter() >= self.next_step_at - 1e-4

    def stepped(self) -> None:
        """A step was taken: the next one is due a step interval later (late steps are not all caught up)."""
        self.next_step_at = max(self.next_step_at + self.step_interval, time.perf_counter() - LATE_STEPS_FORGIVEN_S)

    def view_due(self, now: float) -> bool:
        return now - self.last_view >= self.view_interval

    def rate(self, now: float, samples_seen: int) -> float:
        """Samples/s over the last half second or more."""
        start, seen = self._rate_window
        if now - start >= 0.5:
            self._rate = (samples_seen - seen) / (now - start)
            self._rate_window = (now, samples_seen)
        return self._rate
