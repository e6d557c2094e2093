"""Run logs for the viewer's tests, written through the real Recorder (NumPy only); they remember what went in."""

from __future__ import annotations

import numpy as np

from nntui.watch.recorder import Recorder


def random_layers(rng, sizes, p):
    return [{name: rng.normal(size=shape).astype(np.float32)
             for name, shape in (("W", (i, o)), ("b", (o,)), ("z", (p, o)), ("a", (p, o)), ("blame", (p, o)),
                                 ("dW", (i, o)), ("db", (o,)))}
            for i, o in zip(sizes, sizes[1:])]


class Writer:
    """A run log written step by step through the real Recorder; remembers what went in."""

    def __init__(self, path, sizes=(2, 3, 2), p=5, y=None, every=3, activations=None, **kw):
        self.rng = np.random.default_rng(0)
        self.sizes, self.p = sizes, p
        self.x = self.rng.normal(size=(p, sizes[0])).astype(np.float32)
        y = np.arange(p) % sizes[-1] if y is None else y
        activations = activations or ("relu",) * (len(sizes) - 2) + ("linear",)
        self.rec = Recorder(path, layer_sizes=sizes, activations=activations,
                            loss="cross_entropy", probe=(self.x, y), every=every, max_mb_per_hour=None,
                            queue_size=256, **kw)
        self.loss, self.snaps = {}, {}

    def steps(self, first, last, out=None):
        for step in range(first, last + 1):
            self.loss[step] = float(self.rng.random())
            self.rec.log(step, loss=self.loss[step], lr=0.01 * step)
            if step % self.rec.meta.every == 0:
                self.snapshot(step, out)

    def snapshot(self, step, out=None):
        self.snaps[step] = random_layers(self.rng, self.sizes, self.p)
        self.rec.snapshot(step, self.snaps[step], loss=self.loss[step], out=out)


def finished_log(path, last: int = 12) -> Writer:
    """A finished log of a 2-3-2 net: steps 0..last, a snapshot every 3 steps (0, 3, ..., 12), then the end."""
    w = Writer(path)
    w.steps(0, last)
    w.rec.close()
    return w
