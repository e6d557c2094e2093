"""The terminal's colours: how the panes draw with them, and ramps chosen from the 256-colour cube.

- Truecolor: shades are blended in RGB (render.ramp).
- 256 colours: a ramp towards a colour is a path through the 6×6×6 cube, from the
  neutral's dark (or light) corner to the full colour, one cube step of the
  colour's strongest channel per shade: CUBE_SHADES distinct colours per sign,
  each stronger than the one before. A ramp between two greys uses the grey
  ramp (24 steps). Cells are styled with palette numbers (`eight_bit`), so the
  terminal writer has no colour left to convert.
- NO_COLOR, or 16 colours or fewer: glyphs (glyphs.py) carry the meaning, and
  with NO_COLOR no colour code is written at all (`without_colour`).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

import numpy as np
from rich.color import Color, ColorSystem, ColorType
from rich.color_triplet import ColorTriplet
from textual.app import App
from textual.filter import Monochrome, NoColor

RGB = tuple[int, int, int]

CUBE_LEVELS = (0, 95, 135, 175, 215, 255)  # a cube coordinate 0..5 → its channel value (xterm's palette)
CUBE_SHADES = 5  # shades of a ramp after its neutral (the cube has 6 steps per channel)
GREY_SATURATION = 0.15  # below this HLS saturation a colour counts as a grey (as rich downgrades it)


class Drawing(Enum):
    """How a pane draws: blended colours, the 256-colour cube, or glyphs (little or no colour)."""

    TRUECOLOR = "truecolor"
    CUBE = "256"
    GLYPHS = "glyphs"


def drawing_for(no_color: bool, color_system: str | None) -> Drawing:
    """The drawing for a terminal: NO_COLOR or 16 colours or fewer → glyphs; 256 → the cube; else truecolor.

    `color_system` is rich's name of what the terminal shows (Textual's `app.console.color_system`).
    """
    if no_color or color_system not in ("truecolor", "256"):
        return Drawing.GLYPHS
    return Drawing.CUBE if color_system == "256" else Drawing.TRUECOLOR


def without_colour(app: App) -> None:
    """With NO_COLOR, write text styles only: Textual's Monochrome filter still writes greys (`ESC[38;5;253m`).

    The NoColor filter sets every colour to the terminal's default instead (SGR 39/49, no 38 or 48 codes);
    without NO_COLOR there is no Monochrome filter and nothing changes.
    """
    app._filters = [NoColor() if isinstance(f, Monochrome) else f for f in app._filters]


@lru_cache(maxsize=4096)
def _downgraded(packed: int, system: ColorSystem) -> int:
    triplet = Color.from_rgb(packed >> 16, (packed >> 8) & 255, packed & 255).downgrade(system).get_truecolor()
    return (triplet.red << 16) | (triplet.green << 8) | triplet.blue


def pack(rgb: np.ndarray) -> np.ndarray:
    """Colours (..., 3) as one int each: 0xRRGGBB."""
    rgb = np.asarray(rgb).astype(np.int64)
    return (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]


def unpack(packed: np.ndarray) -> np.ndarray:
    """The inverse of `pack`, uint8 (..., 3)."""
    return np.stack([packed >> 16, (packed >> 8) & 255, packed & 255], axis=-1).astype(np.uint8)


def snap_colors(rgb: np.ndarray, system: ColorSystem) -> np.ndarray:
    """Each colour replaced by the one the terminal will really show with `system` (e.g. the nearest of 256).

    Two shades that a 256-colour terminal shows alike then compare equal, so they cost no repaint.
    """
    packed = pack(rgb)
    unique, inverse = np.unique(packed, return_inverse=True)
    mapped = np.array([_downgraded(int(p), system) for p in unique.tolist()], np.int64)[inverse]
    return unpack(mapped.reshape(packed.shape))


def is_grey(rgb: RGB) -> bool:
    """True for a colour of little saturation (HLS), which a 256-colour terminal shows from its grey ramp."""
    top, bottom = max(rgb), min(rgb)
    if top == bottom:
        return True
    lightness = (top + bottom) / 510
    spread = (top - bottom) / 255
    saturation = spread / (2 * lightness) if lightness <= 0.5 else spread / (2 - 2 * lightness)
    return saturation < GREY_SATURATION


def _cube_index(rgb: RGB) -> np.ndarray:
    return np.array([int(np.argmin([abs(c - level) for level in CUBE_LEVELS])) for c in rgb])


@lru_cache(maxsize=256)
def cube_path(low: RGB, high: RGB) -> np.ndarray:
    """The 256-colour ramp from `low` to `high`: (CUBE_SHADES + 1, 3), entry 0 the terminal's colour for `low`.

    From a grey `low` the path starts at the cube's black corner (white on a light background) and its
    end is pushed to CUBE_SHADES steps along the colour's strongest channel, so every shade differs.
    """
    start = tuple(int(c) for c in snap_colors(np.array([low], np.uint8), ColorSystem.EIGHT_BIT)[0])
    if is_grey(low):
        anchor = np.full(3, 0 if sum(low) < 3 * 128 else 5)
    else:
        anchor = _cube_index(low)
    target = _cube_index(high)
    step = target - anchor
    j = int(np.argmax(np.abs(step)))
    if step[j]:
        target[j] = np.clip(anchor[j] + np.sign(step[j]) * CUBE_SHADES, 0, 5)
    s = np.arange(1, CUBE_SHADES + 1)[:, None] / CUBE_SHADES
    path = np.floor(anchor + (target - anchor) * s + 0.5).astype(int)  # half up: the same rounding either way
    return np.array([start, *(tuple(CUBE_LEVELS[i] for i in index) for index in path)], np.uint8)


def cube_ramp(q: np.ndarray, low: RGB | np.ndarray, high: RGB | np.ndarray) -> np.ndarray:
    """The 256-colour shade of each strength q in [0, 1] (already quantized) on the ramp `low` → `high`.

    `low` and `high` may be arrays matching q (one ramp per cell); between two greys the shade is the
    nearest of the grey ramp to the blended colour, else the nearest of the cube path's shades.
    """
    if np.ndim(low) == 1 and np.ndim(high) == 1:  # one ramp for every cell (the usual case): no search
        return _one_ramp(np.asarray(q, np.float64), tuple(int(c) for c in low), tuple(int(c) for c in high))
    cells = np.broadcast_shapes(np.shape(q), np.shape(low)[:-1], np.shape(high)[:-1])
    shape = cells + (3,)
    q = np.broadcast_to(q, cells)
    lo, hi = np.broadcast_to(np.asarray(low, np.uint8), shape), np.broadcast_to(np.asarray(high, np.uint8), shape)
    pairs, inverse = np.unique((pack(lo) << 24 | pack(hi)).ravel(), return_inverse=True)
    if not pairs.size:  # no cells (a plot with no points of a kind): nothing to shade
        return np.zeros(shape, np.uint8)
    ends = [(tuple(unpack(p >> 24).tolist()), tuple(unpack(p & 0xFFFFFF).tolist())) for p in pairs.tolist()]
    table = np.stack([cube_path(a, b) for a, b in ends])
    out = table[inverse, np.rint(np.ravel(q) * CUBE_SHADES).astype(int)].reshape(shape)
    greys = np.array([is_grey(a) and is_grey(b) for a, b in ends])[inverse].reshape(cells)
    if greys.any():
        blended = np.round(lo + (hi.astype(np.float64) - lo) * q[..., None]).astype(np.uint8)
        out[greys] = snap_colors(blended[greys], ColorSystem.EIGHT_BIT)
    return out


def _one_ramp(q: np.ndarray, low: RGB, high: RGB) -> np.ndarray:
    if is_grey(low) and is_grey(high):
        blended = np.round(np.asarray(low) + (np.asarray(high, np.float64) - low) * q[..., None]).astype(np.uint8)
        return snap_colors(blended, ColorSystem.EIGHT_BIT)
    return cube_path(low, high)[np.rint(q * CUBE_SHADES).astype(int)]


def _palette_numbers() -> dict[int, int]:
    from rich._palettes import EIGHT_BIT_PALETTE

    return {int(pack(np.array(EIGHT_BIT_PALETTE[n]))): n for n in range(16, 256)}  # 0–15 vary by terminal


PALETTE_NUMBER = _palette_numbers()  # 0xRRGGBB of the cube and the grey ramp → the palette's number


@lru_cache(maxsize=1024)
def eight_bit(packed: int) -> Color:
    """The 256-colour palette entry of colour 0xRRGGBB (which must be one of them), as a rich Color.

    It keeps its RGB triplet too, so Textual's ANSI-to-truecolor filter passes it through and a
    screenshot shows the same colour; written to the terminal it is `38;5;N`, with nothing to convert.
    """
    n = PALETTE_NUMBER[packed]
    return Color(f"color({n})", ColorType.EIGHT_BIT, number=n,
                 triplet=ColorTriplet(packed >> 16, (packed >> 8) & 255, packed & 255))
