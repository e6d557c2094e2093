"""Changing a Trainer's run: a neuron more or fewer (training goes on), or a fresh run (new weights, new shape).

`RunChanges` is mixed into Trainer. Adding or removing a neuron keeps every
other weight and its optimizer state (nn/reshape.py). A restart (`r`, `a`, a
hidden layer added or removed, new hidden sizes) starts the run again from
step 0 with fresh weights on the same data and options; the run it replaces
becomes the ghost the Loss pane draws beside the new one.
A shape the app cannot draw or this machine cannot hold is refused with
`Refused` (one sentence) before anything changes.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import replace

import numpy as np

from nntui.config import MAX_HIDDEN_LAYERS
from nntui.nn import MLP, make_optimizer
from nntui.nn.reshape import carried, with_neuron_added, with_neuron_removed
from nntui.run.frame import GhostCurve, frozen


class Refused(ValueError):
    """A change the run cannot take; the message is one sentence for the status line."""


def shape_name(sizes) -> str:
    return "-".join(map(str, sizes))


class RunChanges:
    """Re-initializing, restarting and reshaping a Trainer (mixed into Trainer)."""

    def reinitialize(self, seed: int | None = None) -> None:
        """New weights (same shapes), fresh optimizer state, counters and histories kept."""
        self.init_seed = self.init_seed + 1 if seed is None else seed
        self.net.initialize(self.init_seed)
        self.opt.reset()
        self.loss_ceiling = math.inf

    def check_hidden(self, hidden: tuple[int, ...]) -> None:
        """Refused if a network with these hidden sizes cannot be drawn or would not fit in memory."""
        from nntui.training.memory import bytes_needed, gib, machine_bytes

        if len(hidden) > MAX_HIDDEN_LAYERS:
            raise Refused(f"the Network pane draws at most {MAX_HIDDEN_LAYERS} hidden layers: "
                          f"the network stays {shape_name(self.net.sizes)}")
        sizes, need = bytes_needed(replace(self.config, hidden=hidden), self.dataset)
        have = machine_bytes()
        if need > have:
            raise Refused(f"a {shape_name(sizes)} network needs {gib(need)}, more than the {gib(have)} free: "
                          f"the network stays {shape_name(self.net.sizes)}")

    def restart(self, label: str, *, hidden: tuple[int, ...] | None = None, activation: str | None = None) -> None:
        """A fresh run on the same data and options from step 0: new weights (the next init seed) for `hidden`
        sizes and `activation` (None: as now), fresh optimizer state (the learning rate kept). The run it
        replaces becomes the ghost, labelled `label`; one that took no step leaves the ghost as it was."""
        from nntui.training.trainer import model_spec

        hidden = self.config.hidden if hidden is None else tuple(hidden)
        if hidden != self.config.hidden:
            self.check_hidden(hidden)
        if self.step:
            self.ghost = GhostCurve(label, tuple(self.evals), frozen(np.asarray(self.losses, np.float64)))
        self.config = replace(self.config, hidden=hidden, activation=activation or self.config.activation)
        self.spec = model_spec(self.config, self.dataset)
        self.init_seed += 1
        self.net = self._build_net(self.init_seed)
        self.opt = make_optimizer(self.config.optimizer, self.net.params.size, self.opt.lr,
                                  momentum=self.config.momentum, dtype=self.dtype)
        self.loss_ceiling = math.inf
        self.step, self.epoch, self.losses, self.test_confusion = 0, 0, array("d"), None
        self.runs += 1
        self.evals.clear()
        self.grad_history.clear()
        self._start_epoch()

    def _hidden_layer(self, k: int) -> None:
        """Refused unless W_k feeds a hidden layer (the output layer's size is the data's)."""
        if not 0 <= k < len(self.net.sizes) - 2:
            raise Refused(f"W{k} feeds the output layer, whose size the data sets: select a hidden layer's weights")

    def add_neuron(self, k: int) -> None:
        """One more neuron at the end of hidden layer k (the outputs of W_k), small random weights in and out."""
        self._hidden_layer(k)
        hidden = list(self.config.hidden)
        hidden[k] += 1
        self.check_hidden(tuple(hidden))
        self._reshaped(*with_neuron_added(self.net, k, self.grow_rng))

    def remove_neuron(self, k: int, j: int) -> None:
        """Hidden layer k without its neuron j and that neuron's edges."""
        self._hidden_layer(k)
        if self.net.sizes[k + 1] < 2:
            raise Refused(f"L{k + 1} has one neuron left: remove the layer instead")
        self._reshaped(*with_neuron_removed(self.net, k, j))

    def _reshaped(self, net: MLP, mapping: np.ndarray) -> None:
        """Take `net` (the parameters laid out by `mapping`) and carry the optimizer state over the same way."""
        self.net = net
        self.config = replace(self.config, hidden=tuple(net.sizes[1:-1]))
        self.spec = replace(self.spec, sizes=tuple(net.sizes))
        self.opt.resize(lambda state: carried(state, mapping))
