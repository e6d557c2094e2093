"""The weight selected first: for images, one from the centre pixel (a corner pixel is always black)."""

from __future__ import annotations

import numpy as np

from nntui.tui.selection import Selection


def test_images_start_at_the_centre_pixel_other_data_at_the_first_input():
    assert Selection.first((28, 28)) == Selection(i=14 * 28 + 14)
    assert Selection.first((8, 8)) == Selection(i=4 * 8 + 4)
    assert Selection.first(None) == Selection()


def test_the_first_mnist_weight_gets_a_gradient(mnist_dir):
    from nntui.config import RunConfig
    from nntui.training.setup import build_trainer

    trainer = build_trainer(RunConfig(dataset="mnist", data_dir=str(mnist_dir)))
    X, y = trainer.next_batch()
    record = trainer.net.record(X, y)
    view = Selection.first(trainer.dataset.image_shape)
    assert np.all(X[:, 0] == 0) and np.all(record.dW[0][0] == 0)  # the corner pixel: no gradient, ever
    assert record.dW[0][view.i, view.j] != 0
    assert (trainer.dataset.X_train[:, view.i] > 0).mean() > 0.5  # the centre pixel is inked in most digits


def test_a_saved_bias_selection_comes_back_and_an_older_session_without_one_selects_the_weight():
    from nntui.cli.resume import saved_selection

    assert saved_selection({"layer": 1, "i": 2, "j": 0, "delta": 0.4, "log_scale": True, "bias": True}) == \
        Selection(layer=1, i=2, j=0, delta=0.4, log_scale=True, bias=True)
    assert saved_selection({"layer": 1, "i": 2, "j": 0, "delta": 0.4, "log_scale": True}).bias is False
