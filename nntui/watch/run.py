"""A whole run read back from its log: `read_run(path)` and the `Run` it fills, one record at a time.

A viewer following a live log keeps one `Run` and calls `run.add(record)`
for each record a TailReader returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from nntui.watch.errors import LogError
from nntui.watch.reader import TailReader
from nntui.watch.records import Dropped, End, Eval, Event, Meta, ScalarBatch, Snapshot


def _merge_repeats(steps: np.ndarray, columns: dict[str, np.ndarray]):
    """One row per step: a step's values logged apart (two records in a row) are merged into its first row."""
    while len(steps) > 1 and (repeat := np.flatnonzero(steps[1:] == steps[:-1]) + 1).size:
        repeat = repeat[np.r_[True, np.diff(repeat) > 1]]  # a run of three merges in two passes
        for col in columns.values():
            later = col[repeat]
            col[repeat - 1] = np.where(np.isnan(later), col[repeat - 1], later)
        keep = np.ones(len(steps), bool)
        keep[repeat] = False
        steps, columns = steps[keep], {n: c[keep] for n, c in columns.items()}
    return steps, columns


class Scalars:
    """Every step's logged scalars as columns: `steps[i]` is the step of `columns[name][i]` (NaN where not logged)."""

    def __init__(self):
        self._batches: list[ScalarBatch] = []
        self._joined: tuple[np.ndarray, dict[str, np.ndarray]] | None = None

    def add(self, batch: ScalarBatch) -> None:
        self._batches.append(batch)
        self._joined = None

    def _join(self) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        if self._joined is None:
            batches = self._batches
            steps = np.concatenate([b.steps for b in batches]) if batches else np.zeros(0, np.int64)
            names = dict.fromkeys(n for b in batches for n in b.columns)
            columns = {n: np.concatenate([b.columns.get(n, np.full(len(b.steps), np.nan)) for b in batches])
                       for n in names}
            self._joined = _merge_repeats(steps, columns)
        return self._joined

    @property
    def steps(self) -> np.ndarray:
        return self._join()[0]

    @property
    def columns(self) -> dict[str, np.ndarray]:
        return self._join()[1]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.steps)


@dataclass
class Run:
    """What a log holds: meta, scalars, evals, snapshots, control events, and how the log ends."""

    meta: Meta | None = None
    scalars: Scalars = field(default_factory=Scalars)
    evals: list[Eval] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dropped: int = 0  # snapshots the recorder dropped because its queue was full
    end: End | None = None
    damage: str | None = None  # one line naming where and how the log is damaged, or None

    def add(self, record) -> None:
        if isinstance(record, Meta):
            self.meta = record
        elif isinstance(record, ScalarBatch):
            self.scalars.add(record)
        elif isinstance(record, Eval):
            self.evals.append(record)
        elif isinstance(record, Snapshot):
            self.snapshots.append(record)
        elif isinstance(record, Event):
            self.events.append(record)
        elif isinstance(record, Dropped):
            self.dropped = record.count
        elif isinstance(record, End):
            self.end, self.dropped = record, record.dropped


def read_run(path: str | os.PathLike) -> Run:
    """Read a finished (or crashed) run log; `run.damage` names a torn or damaged tail, everything before it is read."""
    with TailReader(path) as reader:
        run = Run()
        for record in reader.poll(final=True):
            run.add(record)
        run.damage = reader.damage
    if run.meta is None and run.damage is None:
        raise LogError(f"{path} holds no meta record: it is an empty run log.")
    return run
