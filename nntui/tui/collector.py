"""The cyclic garbage collector, told that what exists once a run is on screen lives as long as the run.

Python's collector holds the GIL while it runs, so it stops the trainer
thread too. With Textual imported, the data loaded and the panes mounted, the
app's process holds some 130,000 objects the collector tracks, and each
collection of its oldest generation walks them all: 40-80 ms on MNIST every
few seconds, all of it taken from training (benchmarks/README.md).
`gc.freeze()` moves them to a permanent generation that collections skip;
objects made later (frames, the panes' lines) are collected as before.

The app calls this 2 s after each run it shows starts (a lesson's next
chapter is a new run), once the panes have drawn and made their caches, and
only when it runs as nntui itself: tests start many apps in one process.
"""

from __future__ import annotations

import gc

SETTLE_S = 2.0  # seconds after a run starts: the first frames are drawn, the panes' caches made


def freeze_live_objects() -> None:
    """Collect what is garbage now (the last run's objects too), then leave every live object out of all later
    collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
