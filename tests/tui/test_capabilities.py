"""Keys whose command the run source does not support: dimmed in the key line, help and palette; pressed, they
say why in the status line and send nothing."""

from __future__ import annotations

from fake_source import WATCH_ONLY, FakeSource
from pilot_helpers import text_of

from nntui.config import RunConfig
from nntui.run import commands as cmd
from nntui.tui.app import make_app
from nntui.tui.keys import KEYMAP
from nntui.tui.palette import KeyCommands
from nntui.tui.screens.help import HelpScreen

SIZE = (120, 40)
TRAINING_ITEMS = {"pause", "step", "phase", "epoch", "nudge", "undo", "zero", "lr", "activation", "reset", "save",
                  "neuron", "layers", "sizes", "downhill"}


def recorded_app(spiral_frame, supports=WATCH_ONLY):
    source = FakeSource(spiral_frame, supports=supports, label="a recorded run")
    return make_app(RunConfig(dataset="spiral"), source), source


async def test_the_key_line_dims_exactly_the_items_the_source_refuses(spiral_frame):
    app, _ = recorded_app(spiral_frame, supports=WATCH_ONLY | {cmd.Nudge})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keyline = app.query_one("#keys")
        assert keyline.dimmed() == TRAINING_ITEMS - {"nudge"}
        text = keyline.render()
        dim = keyline.get_component_rich_style("keyline--dim")
        dimmed_text = {text.plain[s.start:s.end] for s in text.spans if s.style == dim}
        assert {"n", " step", "s", " save", ",.", " lr"} <= dimmed_text
        assert "+−" not in dimmed_text and "?" not in dimmed_text and " help" not in dimmed_text


async def test_a_source_that_supports_everything_dims_nothing(fake_app):
    app, _ = fake_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#keys").dimmed() == set() and app.refusals() == {}


async def test_a_refused_key_says_why_and_sends_nothing(spiral_frame):
    app, source = recorded_app(spiral_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        assert text_of(app, "#event") == "a recorded run cannot be nudged"
        await pilot.press("n")
        assert text_of(app, "#event") == "a recorded run cannot be stepped"
        await pilot.press("g")
        assert text_of(app, "#event") == "a recorded run cannot show the downhill view"
        assert app.selection.downhill is False
        for key in ("i", "x", "I", "X", "H"):
            await pilot.press(key)
            assert text_of(app, "#event") == "a recorded run cannot change its architecture"
        assert len(app.screen_stack) == 1  # no sizes prompt either
        await pilot.press("right", "L")  # keys that stay in the UI still work
        assert (app.selection.j, app.selection.log_scale) == (1, True)
        assert source.commands == [] and app.errors == []
        await pilot.press("q")
    assert source.commands == [cmd.Stop()]


async def test_the_note_gives_way_to_the_runs_own_news(spiral_frame):
    from dataclasses import replace

    app, source = recorded_app(spiral_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert text_of(app, "#event") == "a recorded run cannot be re-initialized"
        source.publish(replace(spiral_frame, seq=spiral_frame.seq + 1, message="reached the end of the log"))
        for _ in range(200):
            await pilot.pause(0.01)
            if "end of the log" in text_of(app, "#event"):
                break
        assert text_of(app, "#event") == "reached the end of the log"


async def test_the_help_screen_dims_refused_keys_and_says_why(spiral_frame):
    app, _ = recorded_app(spiral_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help Static").render()
        lines = {line.plain.split()[0]: line for line in text.split("\n") if line.plain.startswith("  ")}
        assert lines["+"].plain.endswith("nudge the selected weight or bias by +δ (a recorded run cannot be nudged)")
        assert [str(span.style) for span in lines["+"].spans] == ["dim"]
        assert lines["?"].plain.endswith("show every key") and lines["?"].spans == []


async def test_the_palette_dims_refused_commands_and_says_why(spiral_frame):
    app, _ = recorded_app(spiral_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = KeyCommands(app.screen)
        hits = {hit.text: hit async for hit in provider.discover()}
        nudge = hits["Nudge the selected weight or bias by +δ"]
        assert nudge.help == "a recorded run cannot be nudged"
        assert [str(span.style) for span in nudge.display.spans] == ["dim"]
        helpline = hits[next(spec.help for spec in KEYMAP if spec.action == "help").capitalize()]
        assert helpline.help == "key ?" and isinstance(helpline.display, str)
