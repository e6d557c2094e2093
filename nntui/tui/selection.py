"""Selection: what the UI alone owns — the selected weight or bias, the nudge size δ, the log-scale, downhill and
map flags.

Below a layer's last input row sits its bias row: ↓ from the last row
selects the bias b[layer][j] of the same output neuron j, ↑ goes back (the
`b` key toggles between W[i, j] and b[j]).

None of it touches the run; the trainer only hears about the selection when a
key sends a command that names it (Nudge, SetWeight). Held in one frozen
dataclass so the app can keep it in a reactive and panes can compare it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

DEFAULT_DELTA = 0.1
MIN_DELTA, MAX_DELTA = 1 / 2**20, 2.0**10

Shapes = Sequence[tuple[int, int]]  # W's (fan_in, fan_out) per layer


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


@dataclass(frozen=True)
class Selection:
    """The selected weight W[layer][i, j] (or, with `bias`, b[layer][j]) and the view options."""

    layer: int = 0
    i: int = 0  # row: the input neuron (fan_in side)
    j: int = 0  # column: the output neuron (fan_out side)
    delta: float = DEFAULT_DELTA
    log_scale: bool = False
    downhill: bool = False  # the Loss pane shows the downhill view of the selected weight
    over_time: bool = False  # the Activations pane shows the gradients over time (key o)
    bias: bool = False  # the bias b[layer][j] is selected (i stays: ↑ goes back to W[i, j]'s row)
    looks: bool = False  # the image Data pane shows what the selected weight's output neuron looks for (`f`)
    neuron_maps: bool = False  # m: the Network pane shows every hidden neuron's map, Data the selected one's

    @classmethod
    def first(cls, image_shape: tuple[int, int] | None) -> Selection:
        """The selection a run starts with: for images, a weight from the centre pixel (corners are blank)."""
        if image_shape is None:
            return cls()
        rows, cols = image_shape
        return cls(i=(rows // 2) * cols + cols // 2)

    @property
    def downhill_target(self) -> tuple[int, int, int, bool] | None:
        """The parameter the trainer's downhill curve should follow, (layer, i, j, bias), or None when it is off."""
        return self.address if self.downhill else None

    @property
    def looks_target(self) -> tuple[int, int] | None:
        """The neuron (layer, j) the source should describe, or None when the view is off."""
        return (self.layer, self.j) if self.looks else None

    def clamped(self, shapes: Shapes) -> Selection:
        """The same selection moved inside the network's shapes."""
        if not shapes:
            return replace(self, layer=0, i=0, j=0)
        layer = _clamp(self.layer, 0, len(shapes) - 1)
        rows, cols = shapes[layer]
        return replace(self, layer=layer, i=_clamp(self.i, 0, rows - 1), j=_clamp(self.j, 0, cols - 1))

    def moved(self, di: int, dj: int, shapes: Shapes) -> Selection:
        """Move the cursor; ↓ past the last input row selects the bias row, ↑ from it the last row again."""
        if not shapes:
            return self.clamped(shapes)
        rows = shapes[_clamp(self.layer, 0, len(shapes) - 1)][0]
        if self.bias:
            bias = di >= 0
            i = rows - 1 if di < 0 else self.i
        else:
            bias = di > 0 and self.i + di >= rows
            i = self.i + di
        return replace(self, i=i, j=self.j + dj, bias=bias).clamped(shapes)

    def toggled_bias(self) -> Selection:
        """W[i, j] ↔ b[j] of the same output neuron."""
        return replace(self, bias=not self.bias)

    def with_layer(self, step: int, shapes: Shapes) -> Selection:
        return replace(self, layer=self.layer + step).clamped(shapes)

    def scaled_delta(self, factor: float) -> Selection:
        return replace(self, delta=min(MAX_DELTA, max(MIN_DELTA, self.delta * factor)))

    @property
    def address(self) -> tuple[int, int, int, bool]:
        """(layer, i, j, bias): what a Nudge, SetWeight or Downhill names."""
        return self.layer, self.i, self.j, self.bias
