"""Growing and shrinking a hidden layer: a network one neuron larger or smaller, every other weight kept.

A hidden layer k is the output side of W_k (fan_in, n) and the input side of
W_{k+1} (n, fan_out). A new neuron is a new column of W_k and entry of b_k
(its incoming weights) and a new row of W_{k+1} (its outgoing ones); a
removed neuron takes its column, its bias and its row with it.

`param_map` says, for every entry of the new flat parameter buffer, which
entry of the old one it is (-1: a new one). The same map carries the
optimizer's state (momentum, Adam's m and v) over, so every kept weight keeps
its own history and a new one starts from zero.
"""

from __future__ import annotations

import numpy as np

from nntui.nn.init import weight_std
from nntui.nn.network import MLP

NEW_NEURON_SCALE = 0.1  # a new neuron's weights: this times the layer's default initial std (small: the loss barely moves)


def n_params(sizes) -> int:
    """Weights and biases of an MLP with layer sizes `sizes`."""
    return sum((fan_in + 1) * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def _layer_views(sizes, flat: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(W, b) views of `flat` laid out as an MLP with `sizes` lays out its parameters."""
    views, start = [], 0
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        n = fan_in * fan_out
        views.append((flat[start:start + n].reshape(fan_in, fan_out), flat[start + n:start + n + fan_out]))
        start += n + fan_out
    return views


def param_map(sizes, k: int, old_of_new: np.ndarray) -> np.ndarray:
    """The old flat index of every new parameter (-1 for a new one) when hidden layer k's neurons become
    `old_of_new` (for each new neuron, the old neuron it is, or -1)."""
    sizes = list(sizes)
    new_sizes = sizes[:k + 1] + [len(old_of_new)] + sizes[k + 2:]
    old = _layer_views(sizes, np.arange(n_params(sizes)))
    out = np.full(n_params(new_sizes), -1, np.int64)
    new = _layer_views(new_sizes, out)
    kept = old_of_new >= 0
    for layer, ((W_old, b_old), (W_new, b_new)) in enumerate(zip(old, new)):
        if layer == k:  # the layer's columns (incoming weights) and biases
            W_new[:, kept], b_new[kept] = W_old[:, old_of_new[kept]], b_old[old_of_new[kept]]
        elif layer == k + 1:  # the next layer's rows (outgoing weights)
            W_new[kept, :], b_new[...] = W_old[old_of_new[kept], :], b_old
        else:
            W_new[...], b_new[...] = W_old, b_old
    return out


def carried(values: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """`values` of the old layout in the new one: kept entries as they were, new ones zero."""
    out = np.zeros(len(mapping), values.dtype)
    kept = mapping >= 0
    out[kept] = values[mapping[kept]]
    return out


def _resized(net: MLP, k: int, old_of_new: np.ndarray) -> tuple[MLP, np.ndarray]:
    """A copy of `net` with hidden layer k's neurons `old_of_new`, and the parameter map (new neurons zero)."""
    if not 0 <= k < len(net.layers) - 1:
        raise ValueError(f"layer {k} is not a hidden layer of a {len(net.layers)}-layer network")
    sizes = net.sizes[:k + 1] + [len(old_of_new)] + net.sizes[k + 2:]
    grown = MLP(sizes, net.activations, net.loss.name, dtype=net.dtype, l1=net.l1, l2=net.l2, init=net.init)
    mapping = param_map(net.sizes, k, old_of_new)
    grown.set_params(carried(net.params, mapping))
    return grown, mapping


def with_neuron_added(net: MLP, k: int, rng: np.random.Generator) -> tuple[MLP, np.ndarray]:
    """`net` with one more neuron at the end of hidden layer k: small random weights in and out, bias 0."""
    n = net.sizes[k + 1]
    grown, mapping = _resized(net, k, np.append(np.arange(n), -1))
    into, out_of = grown.layers[k], grown.layers[k + 1]
    for layer, W in ((into, into.W[:, n]), (out_of, out_of.W[n, :])):  # its incoming column, its outgoing row
        std = NEW_NEURON_SCALE * weight_std(None, layer.fan_in, layer.fan_out, layer.activation.relu_family)
        W[...] = rng.standard_normal(W.shape) * std
    return grown, mapping


def with_neuron_removed(net: MLP, k: int, j: int) -> tuple[MLP, np.ndarray]:
    """`net` without neuron j of hidden layer k (its incoming column, bias and outgoing row go with it)."""
    n = net.sizes[k + 1]
    if not 0 <= j < n or n < 2:
        raise ValueError(f"cannot remove neuron {j} of a layer of {n}")
    return _resized(net, k, np.delete(np.arange(n), j))
