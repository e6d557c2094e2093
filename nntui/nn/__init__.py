"""The engine: a multi-layer perceptron in pure NumPy (no textual, no rich).

MLP holds layers, loss and a flat parameter buffer; optimizers update that
buffer; gradcheck verifies the gradients by central differences.
"""

from nntui.nn.activations import ACTIVATIONS, get_activation
from nntui.nn.losses import LOSSES, get_loss, loss_for_task
from nntui.nn.network import MLP, Record
from nntui.nn.optimizers import SGD, Adam, Momentum, Optimizer, make_optimizer

__all__ = [
    "ACTIVATIONS", "LOSSES", "MLP", "Record", "SGD", "Adam", "Momentum", "Optimizer",
    "get_activation", "get_loss", "loss_for_task", "make_optimizer",
]
