"""Activation functions: a = f(z) and the chain-rule step blame = da * f'(z).

Each activation writes into buffers the caller owns (`out=`), so a training
step allocates nothing. `backward` gets both z and a because some derivatives
are cheapest from the output (sigmoid: a(1-a), tanh: 1-a²) and some from the
input (relu: z > 0).

Each activation also states its traits, so no other module matches names:
whether a unit can die (switch off for every input: z ≤ 0 everywhere),
whether it saturates (flat for large |z|), its derivative f'(z) as the
text the step strip writes, in z and a = f(z), and the range its values lie in.
"""

from __future__ import annotations

import numpy as np

LEAKY_SLOPE = 0.01


class Activation:
    """Base: identity. Subclasses override forward and backward."""

    name = "linear"
    relu_family = False  # bends at z = 0 (He initialization, hinges)
    can_die = False  # a unit can switch off for every input (z <= 0 on all of them)
    saturates = False  # f'(z) -> 0 for large |z|
    derivative = "1"  # f'(z) as text, in z and a = f(z)
    bounds = (-np.inf, np.inf)  # the range of a = f(z) (the activation histograms' bins: run/histograms.py)

    def forward(self, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        np.copyto(out, z)
        return out

    def backward(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, out: np.ndarray) -> np.ndarray:
        """blame = dL/dz = dL/da * f'(z), written into `out`."""
        np.copyto(out, da)
        return out

    @property
    def traits(self) -> dict:
        """What a frame's LayerView carries about the activation besides its name."""
        return {"can_die": self.can_die, "saturates": self.saturates, "derivative": self.derivative}


class Linear(Activation):
    name = "linear"


class ReLU(Activation):
    name = "relu"
    relu_family = can_die = True
    bounds = (0.0, np.inf)
    derivative = "1 if z > 0 else 0"

    def forward(self, z, out):
        return np.maximum(z, 0, out=out)

    def backward(self, z, a, da, out):
        # a > 0 exactly where z > 0, and a >= 0, so sign(a) is the 0/1 mask, made float to float
        # (benchmarks/bench_choices.py times it against a comparison written into `out`).
        np.sign(a, out=out)
        return np.multiply(da, out, out=out)


class LeakyReLU(Activation):
    name = "leaky_relu"
    relu_family = can_die = True  # (a dead leaky unit still passes 1% of the blame)
    derivative = f"1 if z > 0 else {LEAKY_SLOPE:g}"

    def forward(self, z, out):
        np.multiply(z, LEAKY_SLOPE, out=out)
        return np.maximum(z, out, out=out)

    def backward(self, z, a, da, out):
        slope = np.where(z > 0, np.float32(1.0), np.float32(LEAKY_SLOPE)).astype(da.dtype, copy=False)
        return np.multiply(da, slope, out=out)


class Sigmoid(Activation):
    name = "sigmoid"
    saturates = True
    bounds = (0.0, 1.0)
    derivative = "a·(1 − a)"

    def forward(self, z, out):
        # sigmoid(z) = (1 + tanh(z/2)) / 2: never overflows, unlike 1/(1+exp(-z)).
        np.multiply(z, 0.5, out=out)
        np.tanh(out, out=out)
        out += 1
        out *= 0.5
        return out

    def backward(self, z, a, da, out):
        np.subtract(1, a, out=out)
        out *= a
        out *= da
        return out


class Tanh(Activation):
    name = "tanh"
    saturates = True
    bounds = (-1.0, 1.0)
    derivative = "1 − a²"

    def forward(self, z, out):
        return np.tanh(z, out=out)

    def backward(self, z, a, da, out):
        np.multiply(a, a, out=out)
        np.subtract(1, out, out=out)
        out *= da
        return out


ACTIVATIONS: dict[str, Activation] = {
    cls.name: cls() for cls in (ReLU, LeakyReLU, Sigmoid, Tanh, Linear)
}  # the one list of activations: the CLI's choices and the `a` key's cycle read it
HIDDEN_CYCLE: tuple[str, ...] = tuple(name for name, f in ACTIVATIONS.items() if type(f) is not Linear)


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
