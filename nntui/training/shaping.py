"""The commands that change a TrainerLoop's network shape, and the fresh runs (r, a, a new shape) they start.

`ShapeCommands` is mixed into CommandHandling (handling.py); the Trainer
does the work (changes.py), this half words what happened for the status line
and labels the ghost with what the replaced run was.
"""

from __future__ import annotations

from nntui.run import commands as cmd
from nntui.training.changes import Refused, shape_name

NEW_LAYER_SIZE = 4  # a hidden layer added to a network that has none


def hidden_label(hidden: tuple[int, ...]) -> str:
    """How a ghost's label names a run's hidden layers: "2 hidden units", "hidden 8-8", "no hidden layer"."""
    if not hidden:
        return "no hidden layer"
    return f"{hidden[0]} hidden units" if len(hidden) == 1 else f"hidden {shape_name(hidden)}"


class ShapeCommands:
    """Add or remove a neuron or a hidden layer, set the sizes; restart the run (mixed into CommandHandling)."""

    def _reshape(self, command) -> None:
        """Add or remove a neuron (training goes on) or a hidden layer, or set the sizes (a fresh run)."""
        trainer, hidden = self.trainer, list(self.trainer.config.hidden)
        match command:
            case cmd.AddNeuron(layer=k):
                trainer.add_neuron(k)
                self._after_reinit(f"L{k + 1} has {trainer.net.sizes[k + 1]} neurons: the new one starts small, "
                                   "training goes on")
                return
            case cmd.RemoveNeuron(layer=k, index=j):
                trainer.remove_neuron(k, j)
                self._after_reinit(f"neuron {j} of L{k + 1} removed with its edges: training goes on")
                return
            case cmd.AddLayer(after=k):
                at = min(k + 1, len(hidden))  # after the layer W_k feeds (the output layer: before it)
                hidden.insert(at, hidden[at - 1] if at else NEW_LAYER_SIZE)
            case cmd.RemoveLayer(layer=k):
                if not 0 <= k < len(hidden):
                    raise Refused(f"W{k} feeds the output layer, which stays: select a hidden layer's weights")
                del hidden[k]
            case cmd.SetHidden(sizes=sizes):
                hidden = list(sizes)
        self._restart(f"before: {hidden_label(trainer.config.hidden)}", hidden=tuple(hidden))
        self._after_reinit(f"{shape_name(trainer.net.sizes)}: a fresh run with new weights from step 0")

    def _restart(self, label: str, **change) -> None:
        """A fresh run (trainer.restart): the per-run state of the loop starts afresh too."""
        self.trainer.restart(label, **change)
        self.frames.forget()
