"""The background writer: the training thread hands it records and never waits; it appends them to the log.

Items go into a deque (appending is one atomic call). Snapshots may be at
most `slots` in flight: beyond that they are dropped and counted. Scalars,
evals and events are never dropped; the scalars of many steps are written as
one record (values of one step logged apart may land in two records: the
reader merges them). The thread wakes every `interval` seconds, so a record is
readable about that long after it was handed over. A write error stops the
log for good (the error is kept in `error`); training goes on.
"""

from __future__ import annotations

import os
import threading
from collections import deque

import numpy as np

from nntui.watch.budget import Budget
from nntui.watch.records import Dropped, ScalarBatch, Snapshot, encode


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is out (a short write is not an error)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def scalar_batch(rows: list[tuple[int, dict[str, float]]]) -> ScalarBatch:
    """One record of many steps; a column is float32 when that loses nothing (a float32 loss's .item()), else float64."""
    names = dict.fromkeys(name for _, values in rows for name in values)
    columns = {}
    for name in names:
        col = np.array([values.get(name, np.nan) for _, values in rows], dtype=np.float64)
        col32 = col.astype(np.float32)
        columns[name] = col32 if np.array_equal(col32.astype(np.float64), col, equal_nan=True) else col
    return ScalarBatch(steps=np.array([step for step, _ in rows], dtype=np.int64), columns=columns)


class LogWriter:
    """The writer thread of one open log file descriptor."""

    def __init__(self, fd: int, budget: Budget, slots: int = 8, interval: float = 0.1):
        self._fd = fd
        self._budget = budget
        self._items: deque = deque()
        self._slots = threading.Semaphore(slots)
        self._interval = interval
        self._stop = threading.Event()
        self._last = None
        self.dropped = 0
        self._dropped_written = 0
        self.error: OSError | None = None
        self.bytes_written = 0
        self._thread = threading.Thread(target=self._run, name="nntui-log-writer", daemon=True)
        self._thread.start()

    def put_scalars(self, step: int, values: dict[str, float]) -> None:
        self._items.append((step, values))

    def put(self, record) -> None:
        self._items.append(record)

    def put_snapshot(self, snapshot: Snapshot) -> bool:
        if not self._slots.acquire(blocking=False):
            self.dropped += 1
            return False
        self._items.append(snapshot)
        return True

    def close(self, last=None) -> None:
        """Write what is queued, then `last` (the end record), then stop the thread."""
        self._last = last
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._drain()
        self._drain()
        if self._last is not None:
            self._write(encode(self._last))

    def _drain(self) -> None:
        """Write what is queued: records in order, each run of scalars as one record."""
        chunks, rows = [], []
        while self._items:
            item = self._items.popleft()
            if isinstance(item, tuple):
                if rows and rows[-1][0] == item[0]:
                    rows[-1][1].update(item[1])
                else:
                    rows.append((item[0], dict(item[1])))
                continue
            if rows:
                chunks.append(encode(scalar_batch(rows)))
                rows = []
            chunks.append(encode(item))
            if isinstance(item, Snapshot):
                self._slots.release()
        if rows:
            chunks.append(encode(scalar_batch(rows)))
        if self.dropped != self._dropped_written:
            self._dropped_written = self.dropped
            chunks.append(encode(Dropped(self._dropped_written)))
        self._write(b"".join(chunks))

    def _write(self, data: bytes) -> None:
        if not data or self.error is not None:
            return
        try:
            write_all(self._fd, data)
        except OSError as e:
            self.error = e
            return
        self.bytes_written += len(data)
        self._budget.spend(len(data))
