"""Meaning without colour: signs, magnitudes and classes as characters (NO_COLOR, 16 colours or fewer).

With NO_COLOR set the app writes no colour at all (colours.without_colour),
and 16 colours cannot tell faint blues from faint oranges. In both cases the
panes switch to these glyphs (still coloured where colour exists; 256
colours draw with the cube's ramps instead): a weight's sign is filled (positive)
or hollow (negative), its size the magnitude; each class of a decision
boundary gets its own fill, its points their class digit; negative edges of
the Network pane are dashed; images (the digit, the network's input) are
drawn in shade characters, two pixel rows per cell.
"""

from __future__ import annotations

import numpy as np

# Weights by value/scale: strong negative … strong positive.
SIGN_GLYPHS = ("○", "∘", "·", "•", "●")
SIGN_STEPS = (-0.5, -0.15, 0.15, 0.5)  # the edges between those glyphs, in units of the scale
SIGN_LEGEND = "●+ ○− ·0"
SELECTED_MARK = "◂"  # right of the selected weight's glyph
SELECTED_PIXEL = "◆"  # the selected input pixel of an image drawn in shades
REGION_GLYPHS = ("·", "░", "▒", "▓", "╱", "╲", "┼", "╳", "═", "║")  # a decision region's fill, per class
SURE = 0.5  # sureness (0 unsure … 1 sure) from which a region is filled; below it the cell is left blank
NEGATIVE_DASH = 2  # negative edges are drawn dashed: this many dots on, this many off
SHADES = (" ", "░", "▒", "▓", "█")  # an image's brightness 0 … 1


def sign_glyphs(values: np.ndarray, scale: float) -> np.ndarray:
    """One glyph per value: SIGN_GLYPHS by value/scale (NaN counts as 0)."""
    t = np.nan_to_num(np.asarray(values, np.float64)) / scale
    return np.array(SIGN_GLYPHS)[np.searchsorted(SIGN_STEPS, t, side="right")]


def region_glyphs(classes: np.ndarray, sureness: np.ndarray) -> np.ndarray:
    """The fill of each cell of a decision boundary: its class's glyph where sure enough, else a blank."""
    fill = np.array(REGION_GLYPHS)[np.asarray(classes, int) % len(REGION_GLYPHS)]
    return np.where(np.asarray(sureness) >= SURE, fill, " ")


def class_digits(labels: np.ndarray) -> np.ndarray:
    """Each label as its last digit (classes 0–9 read as themselves)."""
    return np.array([str(int(k) % 10) for k in np.asarray(labels).ravel()]).reshape(np.shape(labels))


def row_pairs(image: np.ndarray) -> np.ndarray:
    """The mean of each pair of rows (a cell shows two pixel rows); an odd last row stands alone."""
    image = np.asarray(image, np.float64)
    even = image[: image.shape[0] // 2 * 2].reshape(image.shape[0] // 2, 2, *image.shape[1:]).mean(axis=1)
    return np.concatenate([even, image[image.shape[0] // 2 * 2 :]])


def shade_glyphs(brightness: np.ndarray) -> np.ndarray:
    """One shade character per value in [0, 1] (clipped; NaN counts as 0)."""
    t = np.clip(np.nan_to_num(np.asarray(brightness, np.float64)), 0.0, 1.0)
    return np.array(SHADES)[np.rint(t * (len(SHADES) - 1)).astype(int)]
