"""Checkpoints: a run saved as one .npz file, written atomically, read without pickle.

Layout (documented in the README):
    W0, b0, W1, b1, …      float arrays, W{i} of shape (fan_in, fan_out)
    meta                   a JSON string: layer sizes, activation per layer, loss,
                           step, epoch, seed, dataset, optimizer, config, and for
                           CSV data input_scale / target_scale (mean, std), …
    opt/<name>             optimizer state (t, lr, and m / v where the optimizer has them)
    history/losses         training loss of every step (float64)
    history/evals          rows of (step, epoch, train_loss, test_loss, test_acc) (float64, NaN = none)
    data/order             the current epoch's sample order (so a resumed run continues exactly)
    ghost/losses, ghost/evals   the previous run's curves, as history/* (meta "ghost": its label, first step)

A file that is truncated, not an npz, holds object arrays, or does not fit the
model gives CheckpointError with one sentence.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nntui.run.frame import EvalPoint, GhostCurve, frozen
from nntui.training.savefiles import claim_name

FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A checkpoint that cannot be read or does not fit; the message is one sentence."""


@dataclass
class Checkpoint:
    meta: dict
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    opt_state: dict[str, np.ndarray]
    losses: np.ndarray
    evals: list[EvalPoint]
    order: np.ndarray | None
    ghost: GhostCurve | None = None


def _evals_array(evals: list[EvalPoint]) -> np.ndarray:
    rows = [(e.step, e.epoch, e.train_loss, e.test_loss, np.nan if e.test_acc is None else e.test_acc) for e in evals]
    return np.array(rows, np.float64).reshape(len(rows), 5)


def _evals_list(arr: np.ndarray) -> list[EvalPoint]:
    return [
        EvalPoint(int(r[0]), float(r[1]), float(r[2]), float(r[3]), None if np.isnan(r[4]) else float(r[4]))
        for r in arr
    ]


def data_scaling(dataset) -> dict:
    """The standardization a CSV run's inputs and target went through, as meta entries (empty for other data)."""
    out = {}
    scales = (("input_scale", dataset.x_mean, dataset.x_std), ("target_scale", dataset.y_mean, dataset.y_std))
    for key, mean, std in scales:
        if mean is not None:
            out[key] = {"mean": mean.tolist(), "std": std.tolist()}
    return out


def save_checkpoint(trainer, path: str | os.PathLike, extra_meta: dict | None = None, *,
                    new_name: bool = False) -> Path:
    """Write the trainer's run to `path` atomically (a temp file in the same folder, then rename); the path.

    With `new_name` no file is ever replaced: the run goes to `path` or path-2, path-3, …, whichever name
    this writer claims first (savefiles.claim_name), and that path is returned.
    """
    path = Path(path)
    net, config, state = trainer.net, trainer.config, trainer.state_dict()
    meta = {
        "format": "nntui-checkpoint",
        "version": FORMAT_VERSION,
        "layer_sizes": list(net.sizes),
        "activations": net.activations,
        "loss": net.loss.name,
        "optimizer": trainer.opt.name,
        **{key: state[key] for key in ("step", "epoch", "position", "init_seed", "loss_ceiling", "shuffle_rng",
                                       "grow_rng")},
        "seed": config.seed,
        "dataset": config.data_label,
        "dtype": str(net.dtype),
        "config": config.to_dict(),
        **data_scaling(trainer.dataset),
        **(extra_meta or {}),
    }
    arrays: dict[str, np.ndarray] = {}
    for i, layer in enumerate(net.layers):
        arrays[f"W{i}"] = layer.W
        arrays[f"b{i}"] = layer.b
    for key, value in trainer.opt.state_dict().items():
        arrays[f"opt/{key}"] = value
    arrays["history/losses"] = state["losses"]
    arrays["history/evals"] = _evals_array(state["evals"])
    arrays["data/order"] = state["order"]
    _put_ghost(state["ghost"], meta, arrays)
    arrays["meta"] = np.array(json.dumps(meta))
    return _write_npz(arrays, path, new_name)


def _write_npz(arrays: dict[str, np.ndarray], path: Path, new_name: bool) -> Path:
    """Fill a temp file beside `path`, then rename it onto `path` (or onto a name claimed for it); the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    claimed = None
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        if new_name:
            path = claimed = claim_name(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        if claimed is not None:
            claimed.unlink(missing_ok=True)
        raise
    return path


def _put_ghost(ghost: GhostCurve | None, meta: dict, arrays: dict[str, np.ndarray]) -> None:
    """The previous run's curves into a checkpoint's meta and arrays (nothing when there is none)."""
    if ghost is not None:
        meta["ghost"] = {"label": ghost.label, "first_step": ghost.first_step}
        arrays |= {"ghost/losses": ghost.losses, "ghost/evals": _evals_array(list(ghost.evals))}


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and check a checkpoint file (never unpickles anything)."""
    path = Path(path)
    arrays = _read_arrays(path)
    try:
        meta = json.loads(str(arrays["meta"]))
        sizes = [int(s) for s in meta["layer_sizes"]]
    except (KeyError, ValueError, TypeError):
        raise CheckpointError(f"checkpoint {path} has no valid 'meta' entry") from None
    weights, biases = _layers(arrays, sizes, path)
    evals = arrays.get("history/evals", np.zeros((0, 5)))
    if evals.ndim != 2 or evals.shape[1] != 5:
        raise CheckpointError(f"checkpoint {path} has a malformed history/evals entry")
    return Checkpoint(
        meta=meta,
        weights=weights,
        biases=biases,
        opt_state={k[4:]: v for k, v in arrays.items() if k.startswith("opt/")},
        losses=arrays.get("history/losses", np.zeros(0)),
        evals=_evals_list(evals),
        order=arrays.get("data/order"),
        ghost=_ghost(meta, arrays, path),
    )


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    """Every array of the .npz at `path`; CheckpointError in one sentence for a missing, truncated or pickled file."""
    if not path.is_file():
        raise CheckpointError(f"checkpoint {path} does not exist or is not a file")
    with path.open("rb") as f:
        if f.read(4) != b"PK\x03\x04":  # np.load would try to unpickle anything that is not a zip or .npy
            raise CheckpointError(f"checkpoint {path} is truncated or not an .npz file (no zip header)")
    try:
        with np.load(path, allow_pickle=False) as data:
            return {key: data[key] for key in data.files}
    except ValueError as e:
        if "pickle" in str(e).lower():
            raise CheckpointError(f"checkpoint {path} holds pickled objects, which nntui refuses to load") from None
        raise CheckpointError(f"checkpoint {path} is not a readable .npz file ({e})") from None
    except (OSError, zipfile.BadZipFile, EOFError, KeyError) as e:
        raise CheckpointError(f"checkpoint {path} is truncated or not an .npz file ({type(e).__name__})") from None


def _layers(arrays: dict[str, np.ndarray], sizes: list[int], path: Path) -> tuple[list, list]:
    """W and b of each layer, checked against the meta's layer sizes: present, shaped, finite floats."""
    weights, biases = [], []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        W, b = arrays.get(f"W{i}"), arrays.get(f"b{i}")
        if W is None or b is None:
            raise CheckpointError(f"checkpoint {path} is missing W{i} or b{i}")
        if W.shape != (fan_in, fan_out) or b.shape != (fan_out,):
            raise CheckpointError(
                f"checkpoint {path} has W{i} of shape {W.shape} and b{i} of shape {b.shape}, "
                f"but its meta says ({fan_in}, {fan_out})"
            )
        if W.dtype.kind != "f" or b.dtype.kind != "f" or not (np.isfinite(W).all() and np.isfinite(b).all()):
            raise CheckpointError(f"checkpoint {path} has non-finite or non-float values in layer {i}")
        weights.append(W)
        biases.append(b)
    return weights, biases


def _ghost(meta: dict, arrays: dict[str, np.ndarray], path: Path) -> GhostCurve | None:
    """The previous run's curves a session keeps (None if it has none)."""
    if "ghost" not in meta:
        return None
    losses, evals = arrays.get("ghost/losses", np.zeros(0)), arrays.get("ghost/evals", np.zeros((0, 5)))
    if losses.ndim != 1 or evals.ndim != 2 or evals.shape[1] != 5:
        raise CheckpointError(f"checkpoint {path} has a malformed ghost curve")
    return GhostCurve(str(meta["ghost"].get("label", "before")), tuple(_evals_list(evals)),
                      frozen(losses.astype(np.float64)), int(meta["ghost"].get("first_step", 1)))


def restore(trainer, ck: Checkpoint, source: str = "checkpoint") -> None:
    """Put a checkpoint's weights, optimizer state, counters, histories and data order into `trainer`."""
    restore_weights(trainer, ck, source)
    trainer.load_state_dict({**ck.meta, "losses": ck.losses, "evals": ck.evals, "order": ck.order,
                             "ghost": ck.ghost})


def restore_weights(trainer, ck: Checkpoint, source: str = "checkpoint") -> None:
    """Put only a checkpoint's weights and optimizer state (same optimizer) into `trainer` (--init-from)."""
    net = trainer.net
    if list(net.sizes) != list(ck.meta["layer_sizes"]):
        raise CheckpointError(
            f"{source} is for a {'-'.join(map(str, ck.meta['layer_sizes']))} network, "
            f"but this run builds {'-'.join(map(str, net.sizes))}"
        )
    for layer, W, b in zip(net.layers, ck.weights, ck.biases):
        layer.W[...] = W
        layer.b[...] = b
    if ck.opt_state and ck.meta.get("optimizer") == trainer.opt.name:
        try:
            trainer.opt.load_state_dict(ck.opt_state)
        except (KeyError, ValueError) as e:
            raise CheckpointError(f"{source} has optimizer state that does not fit ({e})") from None
