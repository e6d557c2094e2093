"""How much memory a run's network needs, against what the machine has: checked before anything is allocated.

The estimate is the parameters × bytes per float × (weights + gradients +
optimizer state), plus the batch buffers: for every row of a training batch
and of an evaluation chunk of the test set, each layer's z, a and blame, each hidden layer's
dL/da, and the input row.
"""

from __future__ import annotations

import os

from nntui.nn.reshape import n_params
from nntui.training.evaluation import EVAL_CHUNK
from nntui.training.trainer import model_spec

# Network-sized arrays an optimizer keeps besides the weights and gradients (Adam: m, v and a scratch buffer).
OPTIMIZER_STATE = {"sgd": 0, "momentum": 1, "adam": 3}


class TooBig(ValueError):
    """The network would not fit in memory; the message is one sentence."""


def network_bytes(sizes, itemsize: int, optimizer: str, rows: int) -> int:
    """Bytes for the parameters and their copies, plus buffers for `rows` batch rows in flight."""
    copies = 2 + OPTIMIZER_STATE[optimizer]
    per_row = 3 * sum(sizes[1:]) + sum(sizes[1:-1]) + sizes[0]
    return itemsize * (n_params(sizes) * copies + per_row * rows)


def machine_bytes() -> int:
    """Memory available to a new allocation: MemAvailable from /proc/meminfo, else all physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def gib(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:,.1f} GiB"
    return f"{n / 2**20:,.0f} MiB" if n >= 2**20 else f"{n / 2**10:,.0f} KiB"


def bytes_needed(config, dataset) -> tuple[tuple[int, ...], int]:
    """(layer sizes, bytes) of the network `config` builds for `dataset`, its state and batch buffers."""
    import numpy as np

    config = config.resolve()
    sizes = model_spec(config, dataset).sizes
    batch = min(config.batch_size, dataset.n_train)
    rows = batch + min(EVAL_CHUNK, dataset.n_test)  # a training batch and an evaluation chunk of the test set
    return sizes, network_bytes(sizes, np.dtype(config.dtype).itemsize, config.optimizer, rows)


def check_fits(config, dataset) -> None:
    """TooBig, saying what the network needs and what the machine has, when it would not fit."""
    sizes, need = bytes_needed(config, dataset)
    have = machine_bytes()
    if need > have:
        raise TooBig(f"a {'-'.join(map(str, sizes))} network with {config.resolve().optimizer} needs {gib(need)} "
                     f"(weights, gradients, optimizer state and batch buffers) but this machine has {gib(have)} "
                     "available; choose smaller --hidden sizes")
