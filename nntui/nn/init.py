"""Weight initialization schemes: he, xavier, zeros and normal:σ, and each layer's default.

A scheme is a string, as `--init` takes it. Weights are drawn from a normal
distribution with mean 0 and a standard deviation the scheme sets; biases
start at zero. None means the default per layer: He (std sqrt(2/fan_in)) for
the ReLU family, Xavier/Glorot (std sqrt(2/(fan_in+fan_out))) otherwise.
"""

from __future__ import annotations

import math

def parse_init(text: str) -> tuple[str, float | None]:
    """('he' | 'xavier' | 'zeros', None) or ('normal', σ); ValueError with one sentence if `text` is none of them."""
    name, _, arg = text.strip().lower().partition(":")
    if name in ("he", "xavier", "zeros") and not arg:
        return name, None
    if name == "normal":
        try:
            sigma = float(arg)
        except ValueError:
            sigma = math.nan
        if math.isfinite(sigma) and sigma > 0:
            return name, sigma
    raise ValueError(f"--init takes he, xavier, zeros or normal:σ with a σ above zero, like normal:0.1 (got {text!r})")


def weight_std(scheme: str | None, fan_in: int, fan_out: int, relu_family: bool) -> float:
    """The standard deviation a layer's initial weights are drawn with (0 for zeros)."""
    if scheme is None:
        scheme = "he" if relu_family else "xavier"
    name, sigma = parse_init(scheme)
    if name == "normal":
        return sigma
    if name == "zeros":
        return 0.0
    return math.sqrt(2.0 / fan_in) if name == "he" else math.sqrt(2.0 / (fan_in + fan_out))
