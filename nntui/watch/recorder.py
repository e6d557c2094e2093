"""The framework-free recorder: NumPy arrays in, a run log out, written by a background thread.

    rec = Recorder("runs/xor.nnt", layer_sizes=(2, 8, 1), activations=("relu", "sigmoid"),
                   loss="binary_cross_entropy", probe=(X, y), every=10)
    rec.log(step, loss=0.31)                    # every step; never dropped
    if rec.snapshot_due(step):                   # every `every` steps, within the byte budget
        rec.snapshot(step, layers, loss=probe_loss)   # layers: per layer W, b, z, a, blame, dW, db
    rec.log_eval(step, test_acc=0.97)
    rec.close()

Nothing here waits on the disk: calls copy their arrays and return. When the
writer falls behind, snapshots are dropped and counted (the count goes into
the log); when a write fails (a full disk), the log stops, the next call
warns once, and training goes on.
"""

from __future__ import annotations

import atexit
import os
import warnings
from collections.abc import Mapping, Sequence

import numpy as np

from nntui.watch.budget import Budget
from nntui.watch.errors import WatchError
from nntui.watch.paths import default_path, open_for_append
from nntui.watch.records import LAYER_ARRAYS, End, Eval, Event, Layer, Meta, Snapshot, encode
from nntui.watch.frames import HEADER
from nntui.watch.writer import LogWriter, write_all

DEFAULT_MB_PER_HOUR = 40.0  # with the first 5 minutes' burst, a first hour stays under 50 MB


def _names(names, n: int, what: str) -> tuple[str, ...] | None:
    if names is None:
        return None
    names = tuple(str(name) for name in names)
    if len(names) != n:
        raise WatchError(f"{len(names)} {what} names were given for {n} {what}s.")
    return names


def _scalars(values: Mapping) -> dict[str, float]:
    try:
        return {str(k): float(v) for k, v in values.items()}
    except (TypeError, ValueError):
        bad = next(k for k, v in values.items() if not isinstance(v, (int, float, np.number)))
        raise WatchError(f"the scalar {bad!r} is not a number.") from None


class Recorder:
    """One run log being written; see the module docstring."""

    def __init__(self, path=None, *, layer_sizes: Sequence[int], activations: Sequence[str], loss: str = "",
                 probe=None, every: int = 50, input_names=None, class_names=None, image_shape=None,
                 grid: Sequence[np.ndarray] = (), model: str = "",
                 max_mb_per_hour: float | None = DEFAULT_MB_PER_HOUR, queue_size: int = 8):
        sizes = tuple(int(n) for n in layer_sizes)
        if len(sizes) < 2 or len(activations) != len(sizes) - 1:
            raise WatchError(f"{len(sizes)} layer sizes need {max(len(sizes) - 1, 1)} activations, "
                             f"got {len(activations)}.")
        if int(every) < 1:
            raise WatchError(f"every must be a whole number of steps ≥ 1, got {every!r}.")
        x, y = probe if probe is not None else (np.zeros((0, sizes[0]), np.float32), None)
        n_classes = max(sizes[-1], 2)
        self.meta = Meta(layer_sizes=sizes, activations=tuple(activations), loss=loss, every=int(every),
                         probe_x=np.array(x), probe_y=None if y is None else np.array(y),
                         input_names=_names(input_names, sizes[0], "input"),
                         class_names=_names(class_names, n_classes, "class"),
                         image_shape=None if image_shape is None else tuple(int(n) for n in image_shape),
                         grid=tuple(np.asarray(axis) for axis in grid), model=model)
        self.path = default_path() if path is None else path
        self._fd = open_for_append(self.path)
        try:
            write_all(self._fd, HEADER + encode(self.meta))
        except OSError as e:
            os.close(self._fd)
            raise WatchError(f"cannot write the run log {self.path}: {(e.strerror or str(e)).lower()}.") from None
        self._budget = Budget(int(every), max_mb_per_hour)
        self._writer = LogWriter(self._fd, self._budget, slots=queue_size)
        self.step = 0
        self._warned = False
        self._closed = False
        atexit.register(self.close)

    @property
    def dropped(self) -> int:
        """Snapshots dropped so far because the writer was behind."""
        return self._writer.dropped

    @property
    def error(self) -> OSError | None:
        """The write error that stopped the log, or None."""
        return self._writer.error

    def log(self, step: int, **scalars) -> None:
        """Scalars of one step (any names); calls for the same step merge."""
        self.step = max(self.step, int(step))
        self._writer.put_scalars(int(step), _scalars(scalars))
        self._warn_once()

    def log_eval(self, step: int, **scalars) -> None:
        self._writer.put(Eval(int(step), _scalars(scalars)))
        self._warn_once()

    def event(self, kind: str, step: int, **fields) -> None:
        """A control event (JSON-able fields), never dropped."""
        self._writer.put(Event(kind, int(step), fields))

    def snapshot_due(self, step: int) -> bool:
        """Whether a snapshot at this step is wanted: every `every` steps, while the byte budget allows."""
        return self._budget.due(int(step))

    def snapshot(self, step: int, layers: Sequence, loss: float, out: np.ndarray | None = None) -> bool:
        """Queue one snapshot (its arrays are copied); False when it was dropped because the queue is full."""
        copied = tuple(self._layer(k, layer) for k, layer in enumerate(layers))
        if len(copied) != len(self.meta.layer_sizes) - 1:
            raise WatchError(f"a snapshot needs {len(self.meta.layer_sizes) - 1} layers, got {len(copied)}.")
        snap = Snapshot(int(step), float(loss), copied, None if out is None else np.array(out))
        queued = self._writer.put_snapshot(snap)
        self._warn_once()
        return queued

    def _layer(self, k: int, layer) -> Layer:
        get = layer.get if isinstance(layer, Mapping) else lambda name: getattr(layer, name)
        arrays = {name: np.array(get(name)) for name in LAYER_ARRAYS}
        want = self.meta.layer_sizes[k:k + 2]
        if arrays["W"].shape != tuple(want) or arrays["dW"].shape != tuple(want):
            raise WatchError(f"layer {k}'s W and dW must have shape (fan_in, fan_out) = {tuple(want)}, "
                             f"got {arrays['W'].shape} and {arrays['dW'].shape}.")
        return Layer(**arrays)

    def _warn_once(self) -> None:
        if self._writer.error is not None and not self._warned:
            self._warned = True
            warnings.warn(f"nntui: the run log {self.path} stopped after {self._writer.bytes_written} bytes "
                          f"({self._writer.error.strerror or self._writer.error}); training goes on.",
                          RuntimeWarning, stacklevel=3)

    def close(self) -> None:
        """Write what is queued and an end record, then close the file (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self._writer.close(End(self.step, self._writer.dropped))
        os.close(self._fd)
        self._warn_once()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
