"""The status line's event line holds one event: the latest replaces the one before, and moving the selection
clears it (issue 16, item 16)."""

from __future__ import annotations

from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.widgets.status import HINT

SIZE = (120, 40)


async def event_after(app, pilot, *keys: str, before: str | None = None) -> str:
    """The event line once the keys' effect shows (it differs from `before`, the line before the keys)."""
    before = text_of(app, "#event") if before is None else before
    await pilot.press(*keys)
    await wait_for(pilot, lambda: text_of(app, "#event") != before)
    await pilot.pause(0.1)  # the frame that answers the last key, if it came later
    return text_of(app, "#event").strip()


async def test_each_event_replaces_the_last_and_a_selection_move_clears_it():
    config = RunConfig(dataset="xor", hidden=(4,), lr=0.01)
    app = make_app(config, TrainerLoop(config, dataset=load_dataset("xor", seed=0), paused=True))
    async with app.run_test(size=SIZE) as pilot:
        nudged = await event_after(app, pilot, "plus")
        assert nudged.startswith("W0[x1 → n0] ") and " → " in nudged  # W0[0,0]: from input x1 to hidden neuron n0
        assert (await event_after(app, pilot, "u")).endswith(" · undid the change")
        assert await event_after(app, pilot, "u") == "nothing to undo"
        assert await event_after(app, pilot, "comma") == "learning rate 0.005"
        assert await event_after(app, pilot, "right") == HINT
        assert await event_after(app, pilot, "u") == "nothing to undo"  # the same words again: a new event
        assert await event_after(app, pilot, "down") == HINT
