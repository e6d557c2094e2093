"""The Lesson panel's update sizes: lr·|dW|/|W| per layer, from a frame's weights and probe gradients."""

from __future__ import annotations

import numpy as np

from nntui.run.frame import LayerView
from nntui.tui.updates import update_line, update_sizes


def layer(W, dW) -> LayerView:
    W, dW = np.array(W, np.float32), np.array(dW, np.float32)
    empty = np.zeros((1, W.shape[1]), np.float32)
    return LayerView("sigmoid", W, np.zeros(W.shape[1], np.float32), empty, empty, empty, dW,
                     np.zeros(W.shape[1], np.float32))


LAYERS = (layer([[3.0, 4.0]], [[0.0003, 0.0004]]),  # |W| 5, |dW| 0.0005
          layer([[1.0], [0.0]], [[0.5], [0.0]]),  # |W| 1, |dW| 0.5
          layer([[0.0], [0.0]], [[1.0], [1.0]]))  # all-zero weights: no ratio


def test_update_sizes_are_lr_times_the_gradient_norm_over_the_weight_norm():
    assert np.allclose(update_sizes(0.5, LAYERS), [0.5 * 0.0005 / 5, 0.5 * 0.5 / 1, 0.0], rtol=1e-6)


class _Frame:  # update_line reads only these two fields of a Frame
    def __init__(self, lr, layers):
        self.lr, self.layers = lr, layers


def test_the_line_names_every_layer_and_how_much_less_the_first_moves_than_the_last():
    frame = _Frame(0.5, LAYERS[:2])
    assert update_line(frame) == "lr·|dW|/|W| per step: W0 5.0e-5 · W1 2.5e-1 (W0 moves 5,000× less)"


def test_no_comparison_when_the_first_layer_moves_as_much_or_cannot_be_measured():
    assert update_line(_Frame(0.5, (LAYERS[1], LAYERS[0]))) == "lr·|dW|/|W| per step: W0 2.5e-1 · W1 5.0e-5"
    assert update_line(_Frame(0.5, (LAYERS[2], LAYERS[1]))) == "lr·|dW|/|W| per step: W0 0.0e+0 · W1 2.5e-1"
