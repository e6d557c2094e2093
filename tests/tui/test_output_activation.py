"""The Activations pane names the output's real activation (issue 16, item 23): a net with no hidden layer shows
its output, whose a is sigmoid(z) for a yes/no answer and softmax(z) over classes, never "linear"."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import pane_line

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.widgets.activations import ActivationsPane


@pytest.mark.parametrize(("dataset", "expected", "link"), [
    ("weather", "L1 sigmoid output  1 unit", lambda z: 1 / (1 + np.exp(-z))),
    ("digits", "L1 softmax output  10 units",
     lambda z: np.exp(z - z.max(1, keepdims=True)) / np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True)),
    ("sine", "L1 linear output  1 unit", lambda z: z),
])
async def test_a_net_without_hidden_layers_shows_its_outputs_real_activation(dataset, expected, link):
    config = RunConfig(dataset=dataset, hidden=())
    loop = TrainerLoop(config, dataset=load_dataset(dataset, seed=0), paused=True)
    app = make_app(config, loop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        out = app.frame.layers[-1]
        assert np.allclose(out.a, link(np.asarray(out.z, np.float64)), atol=1e-6)  # what the label names
        assert pane_line(app.query_one(ActivationsPane), 0).rstrip() == expected
