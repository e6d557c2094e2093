"""Metrics JSONL: one JSON object per finished epoch, for `nntui train` and the app alike.

`metrics_record` says where the run is and how it is doing; `MetricsLog`
appends one record per line to the `--metrics-out` file and flushes it, so
another program can follow the file while the run goes on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from nntui.training.outputs import fallback_path, reason


def metrics_record(trainer, wall_s: float) -> dict:
    """One JSONL object: where the run is and how it is doing."""
    last = trainer.evals[-1] if trainer.evals else None
    regression = trainer.dataset.task == "regression"
    return {
        "epoch": trainer.epoch,
        "step": trainer.step,
        "train_loss": last.train_loss if last else None,
        "test_loss": last.test_loss if last else None,
        "test_acc": last.test_acc if last else None,
        # regression: the test error in the target's own units (the losses are on the standardized target)
        "test_rmse": trainer.dataset.target_rmse(last.test_loss) if last and regression else None,
        "samples_per_s": round(trainer.samples_per_s, 1),
        "wall_s": round(wall_s, 3),
        "lr": trainer.opt.lr,
    }


class MetricsLog:
    """Appends records to a JSONL file (None: writes nothing); a context manager that closes it.

    If a write fails (a full disk), this and later records go to a new file in
    the system temp folder; `failure` then says (path, reason, fallback).
    """

    def __init__(self, path: str | os.PathLike | None):
        self.path = path
        self.failure: tuple[str, str, Path] | None = None
        self._file = open(path, "a", encoding="utf-8") if path is not None else None

    def write(self, record: dict) -> None:
        if self._file is None:
            return
        line = json.dumps(record) + "\n"
        try:
            self._file.write(line)
            self._file.flush()
        except OSError as e:
            self._switch_to_fallback(reason(e))
            self._file.write(line)
            self._file.flush()

    def _switch_to_fallback(self, why: str) -> None:
        try:
            self._file.close()
        except OSError:
            pass  # what is still buffered could not be written: it goes to the fallback with this record
        fallback = fallback_path(self.path, ".jsonl")
        self.failure = (str(self.path), why, fallback)
        self._file = open(fallback, "a", encoding="utf-8")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> MetricsLog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
