"""The records of a run log as Python objects, and their payload encoding (see frames.py and codec.py).

| type | payload |
|---|---|
| meta | layer sizes, activations, loss, names, image shape, `every`, the probe batch, the grid axes |
| scalars | many steps at once: `dstep` (int64, each step minus the one before, from 0) and one column per name (NaN where a step lacks it), zlib-compressed |
| eval | one step's evaluation scalars |
| snapshot | one step on the probe batch: per layer W (fan_in, fan_out), b, z, a, blame = dL/dz, dW, db; the probe loss; the model's output over the grid |
| dropped | the number of snapshots dropped so far because the writer's queue was full |
| event | a control event (paused, nudged, ...) as JSON |
| end | the run ended: last step and the dropped count |
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from nntui.watch import frames
from nntui.watch.codec import pack, unpack

LAYER_ARRAYS = ("W", "b", "z", "a", "blame", "dW", "db")


@dataclass(frozen=True)
class Meta:
    layer_sizes: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    every: int
    probe_x: np.ndarray
    probe_y: np.ndarray | None = None
    input_names: tuple[str, ...] | None = None
    class_names: tuple[str, ...] | None = None
    image_shape: tuple[int, ...] | None = None
    grid: tuple[np.ndarray, ...] = ()  # axes of the input plane (2 inputs) or line (1 input) the model is evaluated on
    model: str = ""


@dataclass(frozen=True)
class Layer:
    W: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    blame: np.ndarray
    dW: np.ndarray
    db: np.ndarray


@dataclass(frozen=True)
class Snapshot:
    step: int
    loss: float
    layers: tuple[Layer, ...]
    out: np.ndarray | None = None  # the model's output over Meta.grid: (ny, nx, n_out) or (n, n_out)


@dataclass(frozen=True)
class ScalarBatch:
    steps: np.ndarray
    columns: dict[str, np.ndarray]


@dataclass(frozen=True)
class Eval:
    step: int
    values: dict[str, float]


@dataclass(frozen=True)
class Dropped:
    count: int


@dataclass(frozen=True)
class Event:
    kind: str
    step: int
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class End:
    step: int
    dropped: int


def _opt(value):
    return None if value is None else tuple(value)


def encode(record) -> bytes:
    """The framed bytes of one record."""
    kind, payload = _ENCODERS[type(record)](record)
    return frames.frame(kind, payload)


def _meta(m: Meta):
    fields = {"layer_sizes": list(m.layer_sizes), "activations": list(m.activations), "loss": m.loss,
              "every": m.every, "input_names": _opt(m.input_names), "class_names": _opt(m.class_names),
              "image_shape": _opt(m.image_shape), "model": m.model, "grid_axes": len(m.grid)}
    arrays = {"probe_x": m.probe_x, **({} if m.probe_y is None else {"probe_y": m.probe_y}),
              **{f"grid{i}": axis for i, axis in enumerate(m.grid)}}
    return frames.META, pack(fields, arrays)


def _snapshot(s: Snapshot):
    arrays = {f"{name}{k}": getattr(layer, name) for k, layer in enumerate(s.layers) for name in LAYER_ARRAYS}
    if s.out is not None:
        arrays["out"] = s.out
    return frames.SNAPSHOT, pack({"step": s.step, "loss": s.loss, "n_layers": len(s.layers)}, arrays)


def _scalars(s: ScalarBatch):
    names = list(s.columns)
    # steps as differences from the one before: consecutive steps compress to almost nothing
    arrays = {"dstep": np.diff(s.steps, prepend=0), **{f"v{i}": s.columns[name] for i, name in enumerate(names)}}
    return frames.SCALARS, zlib.compress(pack({"names": names}, arrays), 1)


_ENCODERS = {
    Meta: _meta,
    Snapshot: _snapshot,
    ScalarBatch: _scalars,
    Eval: lambda e: (frames.EVAL, pack({"step": e.step, "values": e.values})),
    Dropped: lambda d: (frames.DROPPED, pack({"count": d.count})),
    Event: lambda e: (frames.EVENT, pack({"kind": e.kind, "step": e.step, "fields": e.fields})),
    End: lambda e: (frames.END, pack({"step": e.step, "dropped": e.dropped})),
}


def decode(kind: int, payload) -> object:
    """The record object of a payload of the given type."""
    if kind == frames.SCALARS:
        payload = zlib.decompress(payload)
    f, arrays = unpack(payload)
    if kind == frames.META:
        return Meta(layer_sizes=tuple(f["layer_sizes"]), activations=tuple(f["activations"]), loss=f["loss"],
                    every=f["every"], probe_x=arrays["probe_x"], probe_y=arrays.get("probe_y"),
                    input_names=_opt(f["input_names"]), class_names=_opt(f["class_names"]),
                    image_shape=_opt(f["image_shape"]), model=f["model"],
                    grid=tuple(arrays[f"grid{i}"] for i in range(f["grid_axes"])))
    if kind == frames.SNAPSHOT:
        layers = tuple(Layer(**{name: arrays[f"{name}{k}"] for name in LAYER_ARRAYS}) for k in range(f["n_layers"]))
        return Snapshot(step=f["step"], loss=f["loss"], layers=layers, out=arrays.get("out"))
    if kind == frames.SCALARS:
        return ScalarBatch(steps=np.cumsum(arrays["dstep"]), columns={n: arrays[f"v{i}"] for i, n in enumerate(f["names"])})
    if kind == frames.EVAL:
        return Eval(step=f["step"], values=f["values"])
    if kind == frames.DROPPED:
        return Dropped(count=f["count"])
    if kind == frames.EVENT:
        return Event(kind=f["kind"], step=f["step"], fields=f["fields"])
    return End(step=f["step"], dropped=f["dropped"])
