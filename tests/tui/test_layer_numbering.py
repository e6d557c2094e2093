"""One layer numbering (issue 16, item 15): layer 0 is the inputs and W{k} feeds layer k+1, in the help screen,
the Activations pane and the step strip alike."""

from __future__ import annotations

import re

from pilot_helpers import pane_line, text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.screens.help import help_text
from nntui.tui.widgets.activations import ActivationsPane

SIZE = (120, 40)


def help_rule() -> tuple[str, str]:
    """The layers the help screen says W{k}[i,j] joins, as written for k (the weight's from and to layer)."""
    found = re.search(r"W\{k\}\[i,j\] is the weight from neuron i of layer L\{(k[^}]*)\} to neuron j of L\{(k[^}]*)\}",
                      help_text().plain)
    assert found, "the help screen states how W{k} joins the layers"
    return found.group(1), found.group(2)


def highlighted(pane: ActivationsPane, y: int) -> list[int]:
    """The x of every cell on line y drawn in the pane's selection colour."""
    x, cells = 0, []
    for segment in pane.line_slice(y, 0, pane.size.width):
        if segment.style and segment.style.color and segment.style.color.triplet == pane.palette.highlight:
            cells.append(x)
        x += len(segment.text)
    return cells


async def test_help_activations_and_the_step_strip_name_the_same_layer_for_one_selection():
    assert help_rule() == ("k", "k+1")
    config = RunConfig(dataset="xor", hidden=(4,), activation="tanh", batch_size=1)
    app = make_app(config, TrainerLoop(config, dataset=load_dataset("xor", seed=0), paused=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "right", "right", "p")  # W0[1,2]: neuron 1 of layer 0 (x) → neuron 2 of layer 1
        await wait_for(pilot, lambda: app.frame.phase is not None)
        await pilot.pause(0.2)
        strip = text_of(app, "StepReadout")
        assert "z1[2] = Σ w·x + b" in strip and "a1[2] = tanh(z)" in strip
        assert "dL/dz1[2]: the blame reaches layer 1" in strip
        pane = app.query_one(ActivationsPane)
        assert pane_line(pane, 0).startswith("L1 tanh")
        bars = max(y for y in range(1, 8) if highlighted(pane, y))  # the bars' bottom line
        assert highlighted(pane, bars) == [2 * 2]  # bar 2 of L1 (a bar every second column)
        await pilot.press("right_square_bracket", "up")  # W1[0,0]: neuron 0 of layer 1 → the output, layer 2
        await wait_for(pilot, lambda: highlighted(pane, bars) == [0])
        strip = text_of(app, "StepReadout")
        assert "dL/dW1[0,0]" in strip and "z2[0]: layer 2 is computed" in strip
