"""Small run logs for the format tests, written through the real Recorder (NumPy only)."""

from __future__ import annotations

import numpy as np

from nntui.watch.recorder import Recorder

SIZES = (2, 3, 1)


def layers(rng, n: int = 4) -> list[dict]:
    out = []
    for fan_in, fan_out in zip(SIZES, SIZES[1:]):
        out.append(dict(W=rng.normal(size=(fan_in, fan_out)).astype(np.float32),
                        b=rng.normal(size=fan_out).astype(np.float32),
                        z=rng.normal(size=(n, fan_out)).astype(np.float32),
                        a=rng.normal(size=(n, fan_out)).astype(np.float32),
                        blame=rng.normal(size=(n, fan_out)).astype(np.float32),
                        dW=rng.normal(size=(fan_in, fan_out)).astype(np.float32),
                        db=rng.normal(size=fan_out).astype(np.float32)))
    return out


def write_log(path, steps: int = 10, every: int = 2, seed: int = 0, **kw) -> dict:
    """A finished log; returns what went in (losses by step, snapshot layers by step)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(4, 2)).astype(np.float32)
    rec = Recorder(path, layer_sizes=SIZES, activations=("relu", "sigmoid"), loss="binary_cross_entropy",
                   probe=(x, np.array([0, 1, 0, 1])), every=every, input_names=("temperature", "rain"),
                   class_names=("no", "yes"), max_mb_per_hour=None, **kw)
    written = {"loss": {}, "snapshots": {}}
    for step in range(1, steps + 1):
        loss = float(rng.random())
        rec.log(step, loss=loss)
        rec.log(step, lr=0.1)
        written["loss"][step] = loss
        if rec.snapshot_due(step):
            snap = layers(rng)
            rec.snapshot(step, snap, loss=loss)
            written["snapshots"][step] = snap
    rec.log_eval(steps, test_acc=0.75)
    rec.close()
    return written
