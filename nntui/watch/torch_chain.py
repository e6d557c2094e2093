"""Which models nntui.watch can show, and their dense path: a chain of nn.Linear layers with activations between.

The chain is found by running the model once on the probe batch with a
forward hook on every nn.Linear: each must run once, and the input of each
one after the first must be an activation of the one before's output
(relu, leaky_relu with slope 0.01, sigmoid, tanh, or none). That is how an
activation written as a function in `forward` (`torch.relu(...)`), which no
module hook sees, is found. Anything else raises WatchError naming the module.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from nntui.watch.errors import WatchError

# nntui's activation names, in the order they are tried
CANDIDATES = {
    "relu": torch.relu,
    "leaky_relu": F.leaky_relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "linear": lambda z: z,
}


@dataclass(frozen=True)
class Chain:
    names: tuple[str, ...]  # module names of the nn.Linear layers, in the order they run
    linears: tuple[nn.Linear, ...]
    activations: tuple[str, ...]  # after each layer; the last is the output's

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        return (self.linears[0].in_features, *(lin.out_features for lin in self.linears))


@contextmanager
def eval_mode(model: nn.Module):
    """model.eval() for a moment (no dropout, so no RNG is drawn); every module's own mode comes back after."""
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training


@contextmanager
def hooked(linears):
    """Forward hooks recording (input, z) per layer and how often each ran.

    The hook hands a copy of z downstream, so an in-place activation after it
    (nn.ReLU(inplace=True)) cannot overwrite the z recorded here.
    """
    seen: list[list] = [[] for _ in linears]
    order: list[int] = []

    def hook_for(k):
        def hook(module, inputs, z):
            seen[k].append((inputs[0], z))
            order.append(k)
            return z.clone()
        return hook

    handles = [lin.register_forward_hook(hook_for(k)) for k, lin in enumerate(linears)]
    try:
        yield seen, order
    finally:
        for h in handles:
            h.remove()


def _refuse_unsupported(model: nn.Module) -> list[tuple[str, nn.Linear]]:
    linears = [(name or "model", m) for name, m in model.named_modules() if isinstance(m, nn.Linear)]
    for name, m in model.named_modules():
        if not isinstance(m, nn.Linear) and any(True for _ in m.parameters(recurse=False)):
            raise WatchError(f"nntui.watch shows nets of nn.Linear layers and activations, "
                             f"but '{name or 'model'}' is a {type(m).__name__}.")
    if not linears:
        raise WatchError(f"the model {type(model).__name__} has no nn.Linear layer, "
                         "and nntui.watch shows nets of nn.Linear layers.")
    return linears


def match_activation(z: torch.Tensor, a: torch.Tensor) -> str | None:
    """The name of the candidate f with f(z) == a (to float rounding), or None."""
    if a.shape != z.shape:
        return None
    for name, f in CANDIDATES.items():
        if torch.allclose(f(z), a, rtol=1e-5, atol=1e-6):
            return name
    return None


def find_chain(model: nn.Module, x: torch.Tensor) -> Chain:
    """The model's dense path, checked on the probe batch x; WatchError naming the module otherwise."""
    named = _refuse_unsupported(model)
    first_name, first = named[0]
    if x.ndim < 2 or x[0].numel() != first.in_features:
        raise WatchError(f"the probe batch has shape {tuple(x.shape)}, but the first nn.Linear '{first_name}' "
                         f"takes {first.in_features} inputs per sample.")
    with eval_mode(model), torch.no_grad(), hooked([m for _, m in named]) as (seen, order):
        try:
            out = model(x)
        except Exception as e:  # the user's forward: say what it said, in one line
            raise WatchError(f"the model's forward failed on the probe batch: {str(e).splitlines()[0]}") from None
    for (name, _), calls in zip(named, seen):
        if len(calls) != 1:
            raise WatchError(f"the nn.Linear '{name}' runs {len(calls)} times in one forward pass, "
                             "and nntui.watch needs each to run once, in a chain.")
    chain = [named[k] for k in order]
    z = [seen[k][0] for k in order]
    activations = []
    for k in range(len(chain)):
        a = z[k + 1][0] if k + 1 < len(chain) else out
        act = match_activation(z[k][1], a) if isinstance(a, torch.Tensor) else None
        if act is None:
            after = f"the input of '{chain[k + 1][0]}'" if k + 1 < len(chain) else "the model's output"
            raise WatchError(f"{after} is not the output of '{chain[k][0]}' through relu, leaky_relu, sigmoid, "
                             "tanh or nothing (a branch or another operation between layers).")
        activations.append(act)
    return Chain(tuple(n for n, _ in chain), tuple(m for _, m in chain), tuple(activations))
