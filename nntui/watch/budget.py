"""How often a snapshot may be taken: every `every` steps, within a byte budget per hour of wall-clock time.

A token bucket: it fills at `mb_per_hour` and holds at most `burst_seconds`
of it; every byte the log writes is spent from it; a snapshot is due only
while it is not empty. So a small model is snapshotted every `every` steps,
and a large one that trains fast is thinned to fit the budget.
"""

from __future__ import annotations

import threading
import time


class Budget:
    """`due(step)` → whether a snapshot should be taken at this step; `spend(n)` after writing n bytes."""

    def __init__(self, every: int, mb_per_hour: float | None, burst_seconds: float = 300.0, clock=time.monotonic):
        self.every = every
        self._rate = None if mb_per_hour is None else mb_per_hour * 1e6 / 3600
        self._cap = 0.0 if self._rate is None else self._rate * burst_seconds
        self._tokens = self._cap
        self._clock = clock
        self._last = clock()
        self._lock = threading.Lock()

    def due(self, step: int) -> bool:
        if step % self.every:
            return False
        if self._rate is None:
            return True
        with self._lock:
            now = self._clock()
            self._tokens = min(self._cap, self._tokens + (now - self._last) * self._rate)
            self._last = now
            return self._tokens > 0

    def spend(self, nbytes: int) -> None:
        if self._rate is not None:
            with self._lock:
                self._tokens -= nbytes
