"""A Trainer's run state besides weights and optimizer: counters, histories, the data order and its rng.

`state_dict()` / `load_state_dict()` (mixed into Trainer) are what a checkpoint
stores and restores, so no other module writes the trainer's attributes.
"""

from __future__ import annotations

import math
from array import array

import numpy as np


class TrainerState:
    """state_dict / load_state_dict for Trainer (its counters, histories and data order)."""

    def state_dict(self) -> dict:
        """Plain values (JSON-able) and arrays: step, epoch, init seed, loss ceiling, histories, data order, ghost."""
        return {
            "step": self.step,
            "epoch": self.epoch,
            "init_seed": self.init_seed,
            "loss_ceiling": None if self.loss_ceiling == math.inf else self.loss_ceiling,
            "losses": np.asarray(self.losses, np.float64),
            "evals": list(self.evals),
            "order": self.order.astype(np.int64),
            "position": self.position,
            "shuffle_rng": self.shuffle_rng.bit_generator.state,
            "grow_rng": self.grow_rng.bit_generator.state,
            "ghost": self.ghost,
        }

    def load_state_dict(self, state: dict) -> None:
        """Take the values `state` has (missing ones keep theirs); a data order that does not fit is ignored."""
        self.step = int(state.get("step", 0))
        self.epoch = int(state.get("epoch", 0))
        self.init_seed = int(state.get("init_seed", self.init_seed))
        ceiling = state.get("loss_ceiling")
        self.loss_ceiling = math.inf if ceiling is None else float(ceiling)
        self.losses = array("d", np.asarray(state.get("losses", ()), np.float64))
        self.evals[:] = state.get("evals", ())
        self.ghost = state.get("ghost", self.ghost)
        if state.get("grow_rng"):
            self.grow_rng.bit_generator.state = state["grow_rng"]
        order, position, n = state.get("order"), int(state.get("position", 0)), self.dataset.n_train
        if order is not None and len(order) == n and 0 <= position < n:
            self.order = np.asarray(order).astype(np.int64)
            self.position = position
            if state.get("shuffle_rng"):
                self.shuffle_rng.bit_generator.state = state["shuffle_rng"]
