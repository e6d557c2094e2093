"""Meaning without colour: signs, magnitudes and classes as characters (NO_COLOR, monochrome terminals).

Textual honours NO_COLOR itself: when the variable is set (to anything) the
app's `no_color` is True and a Monochrome line filter turns every colour
into a grey of the same luminance. Blue and orange of equal brightness then
look alike; on a 256-colour terminal the faint shades fall onto a few
greyish palette entries. In both cases the panes switch to these glyphs
(still coloured where colour exists): a weight's sign is filled (positive)
or hollow (negative), its size the magnitude; each class of a decision
boundary gets its own fill, its points their class digit; negative edges of
the Network pane are dashed.
"""

from __future__ import annotations

import numpy as np

# Weights by value/scale: strong negative … strong positive.
SIGN_GLYPHS = ("○", "∘", "·", "•", "●")
SIGN_STEPS = (-0.5, -0.15, 0.15, 0.5)  # the edges between those glyphs, in units of the scale
SIGN_LEGEND = "●+ ○− ·0"
SELECTED_MARK = "◂"  # right of the selected weight's glyph
REGION_GLYPHS = ("·", "░", "▒", "▓", "╱", "╲", "┼", "╳", "═", "║")  # a decision region's fill, per class
SURE = 0.5  # sureness (0 unsure … 1 sure) from which a region is filled; below it the cell is left blank
NEGATIVE_DASH = 2  # negative edges are drawn dashed: this many dots on, this many off


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
