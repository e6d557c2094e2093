"""An image frame says which probe row its picture is (the panes follow that sample)."""

from __future__ import annotations

import numpy as np

from nntui.config import RunConfig
from nntui.training.data_views import SAMPLE_EVERY_STEPS
from nntui.training.loop import TrainerLoop


def test_the_image_view_names_the_probe_row_it_shows():
    loop = TrainerLoop(RunConfig(dataset="digits", speed=0.0), paused=True)
    loop.trainer.train_steps(3 * SAMPLE_EVERY_STEPS)
    frame = loop.first_frame()
    row = frame.data_view.probe_row
    assert row == 3 % len(frame.probe_x)
    np.testing.assert_array_equal(frame.data_view.image.reshape(-1), frame.probe_x[row])
    assert frame.data_view.true_label == int(frame.probe_y[row])
