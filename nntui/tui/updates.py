"""Each layer's update size per step, lr·|dW|/|W|, read off a frame's probe gradients.

A plain gradient step changes W by lr·dW, so lr·|dW|/|W| (Frobenius norms,
dW on the frame's probe batch) is the share of its weights one SGD step
moves a layer by. It is computed per frame, not measured between frames:
over many steps a layer that jitters back and forth shows almost no net
change, though every step moves it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nntui.run.frame import Frame, LayerView


def update_sizes(lr: float, layers: Sequence[LayerView]) -> list[float]:
    """Per layer: lr·|dW|/|W| (0 for a layer whose weights are all zero)."""
    out = []
    for layer in layers:
        norm = float(np.linalg.norm(layer.W))
        out.append(lr * float(np.linalg.norm(layer.dW)) / norm if norm else 0.0)
    return out


def update_line(frame: Frame) -> str:
    """`lr·|dW|/|W| per step: W0 1.2e-5 · … · W6 5.1e-2 (W0 moves 4,100× less)`: the first layer against the last."""
    sizes = update_sizes(frame.lr, frame.layers)
    parts = " · ".join(f"W{k} {size:.1e}".replace("e-0", "e-").replace("e+0", "e+") for k, size in enumerate(sizes))
    first, last = sizes[0], sizes[-1]
    less = f" (W0 moves {last / first:,.0f}× less)" if 0 < first < last else ""
    return f"lr·|dW|/|W| per step: {parts}{less}"
