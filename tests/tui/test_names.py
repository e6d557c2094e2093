"""Names on screen (issue 14): the data's names for inputs, output and classes, the bias row, the legends.

Unit checks of the naming rules, then the app: chapter 1 (temperature, rain, go outside?) and a CSV with a
header (datasets/examples/weather.csv) show their names in the diagram and the Data pane, and the bias of
chapter 1 is nudged by keys.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from frames import make_frame
from pilot_helpers import pane_line, text_of, wait_for

from nntui import lessons
from nntui.cli.learn import lesson_run, lesson_source
from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.data.csvdata import load_csv
from nntui.run import commands as cmd
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.legend import legend_text
from nntui.tui.lesson_app import LessonApp
from nntui.tui.names import parameter_name
from nntui.tui.network_labels import more_text, output_labels
from nntui.tui.selection import Selection
from nntui.watch.log_commands import BIAS_REFUSED, send_to_loop

WEATHER_CSV = Path(__file__).resolve().parents[2] / "datasets" / "examples" / "weather.csv"
SMALL, GRID = (80, 24), (120, 40)


def weather_frame():
    weather = load_dataset("weather", seed=0)
    return TrainerLoop(RunConfig(dataset="weather"), dataset=weather, paused=True).make_frame()


def pane_text(pane) -> str:
    return "\n".join(pane_line(pane, y) for y in range(pane.size.height))


# -- the rules ----------------------------------------------------------------------

def test_the_bias_row_sits_below_the_last_input_row():
    shapes = [(2, 1), (1, 3)]
    last = Selection(i=1)
    below = last.moved(1, 0, shapes)
    assert (below.i, below.j, below.bias) == (1, 0, True)
    assert below.moved(1, 0, shapes) == below  # the bias row is the last row
    assert below.moved(0, 1, shapes).bias  # ← → stay in the bias row (here: one column)
    back = below.moved(-1, 0, shapes)
    assert (back.i, back.bias) == (1, False)
    assert Selection(i=0).moved(1, 0, shapes) == Selection(i=1)  # not yet the bias
    assert Selection().toggled_bias() == Selection(bias=True) and Selection(bias=True).toggled_bias() == Selection()
    assert Selection(layer=1, j=2, bias=True).address == (1, 0, 2, True)


def test_a_parameter_is_named_by_its_ends_when_the_data_names_them():
    frame = weather_frame()
    assert frame.input_names == ("temperature (tens of °C)", "rain") and frame.output_name == "go outside?"
    assert frame.class_names == ("no", "yes")
    assert parameter_name(frame, 0, 0, 0) == "W0[temperature → go outside?]"
    assert parameter_name(frame, 0, 1, 0) == "W0[rain → go outside?]"
    assert parameter_name(frame, 0, 1, 0, bias=True) == "b0[go outside?]"
    assert parameter_name(frame, 0, 0, 0, width=21) == "W0[temperature → out]"  # the shorter end that fits
    assert parameter_name(frame, 0, 0, 0, width=20) == "W0[0,0]"
    unnamed = make_frame("spiral")  # a source that names nothing (a run log without names)
    assert parameter_name(unnamed, 0, 1, 3) == "W0[1,3]" and parameter_name(unnamed, 1, 0, 2, bias=True) == "b1[2]"
    spiral = replace(unnamed, input_names=("x1", "x2"), class_names=("arm A", "arm B"), output_name="arm B?")
    assert parameter_name(spiral, 0, 1, 3) == "W0[x2 → n3]"  # hidden neurons by W's column index, as "L1 n3" elsewhere
    assert parameter_name(spiral, 1, 2, 0) == "W1[n2 → n0]"


def test_the_output_is_labelled_with_its_question_else_its_class_else_p1():
    frame = weather_frame()
    assert output_labels(frame, np.array([0.531])) == ["go outside? 53%"]
    assert output_labels(replace(frame, output_name=""), np.array([0.531])) == ["p(yes) 53%"]
    assert output_labels(replace(frame, output_name="", class_names=()), np.array([0.531])) == ["p(1) 53%"]


def test_legends_and_the_folded_count_in_words():
    assert legend_text(1.234) == "−1.2 ███ 0 ███ +1.2"
    assert legend_text(0.0537, glyphs=True) == "−0.054 ○∘·•● +0.054"
    assert legend_text(None) == "− ███ 0 ███ +"
    assert more_text(98, 8) == "+98 more" and more_text(98, 7) == "+98"


def test_a_watched_runs_control_refuses_a_bias_in_one_sentence():
    class Recording:
        def __init__(self):
            self.calls = []

        def __getattr__(self, name):
            return lambda *args: self.calls.append((name, args))

    controller = Recording()
    assert send_to_loop(controller, cmd.Nudge(0, 1, 2, 0.1, bias=True), False, np.zeros(0)) == BIAS_REFUSED
    assert send_to_loop(controller, cmd.SetWeight(0, 1, 2, 0.0, bias=True), False, np.zeros(0)) == BIAS_REFUSED
    assert controller.calls == []
    assert send_to_loop(controller, cmd.Nudge(0, 1, 2, 0.1), False, np.zeros(0)) == ""
    assert controller.calls == [("nudge", (0, 1, 2, 0.1))]


# -- the app ------------------------------------------------------------------------

def chapter_one() -> LessonApp:
    lesson = lessons.open_lesson(1)
    return LessonApp(lesson, lesson_source(lesson), opener=lesson_run)


async def test_chapter_1_nudges_its_bias_from_the_keys():
    app = chapter_one()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.frame is not None and app.frame.dataset == "weather")
        W, b = np.array(app.frame.layers[0].W), np.array(app.frame.layers[0].b)
        await pilot.press("j", "j")  # rain's weight, then the bias row
        assert app.selection.bias and app.selection.j == 0
        await pilot.press("plus")
        await wait_for(pilot, lambda: app.frame.nudge is not None)
        assert np.array_equal(np.array(app.frame.layers[0].W), W)
        assert np.array(app.frame.layers[0].b) - b == np.float32(0.1)
        assert text_of(app, "#event").strip().startswith(f"b0[go outside?] {b[0]:.4f} → {b[0] + 0.1:.4f} · ")
        await pilot.press("b", "0")  # b: back to W0[rain → go outside?], which 0 zeroes
        await wait_for(pilot, lambda: app.frame.layers[0].W[1, 0] == 0.0)
        assert app.frame.layers[0].W[0, 0] == W[0, 0] and app.frame.layers[0].b[0] == np.float32(b[0] + 0.1)


async def test_chapter_1_shows_temperature_rain_and_go_outside_in_the_diagram_at_both_sizes():
    for size, keys in ((SMALL, ("tab",)), (GRID, ())):
        app = chapter_one()
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.frame is not None and app.frame.dataset == "weather")
            await pilot.press(*keys)
            await pilot.pause(0.2)
            network = pane_text(app.query_one("#network"))
            lines = [line for line in network.splitlines() if "temperature ▸██" in line]
            assert len(lines) == 1, network  # the selected weight's input neuron, named
            assert any(line.lstrip().startswith("rain  ██") for line in network.splitlines()), network
            assert "go outside? " in network and "%" in network  # the output's label and its probability


async def test_a_csv_header_names_the_diagram_and_the_data_pane():
    data = load_csv(str(WEATHER_CSV))
    config = RunConfig(data_file=str(WEATHER_CSV))
    app = make_app(config, TrainerLoop(config, dataset=data, paused=True))
    async with app.run_test(size=GRID) as pilot:
        await pilot.pause(0.3)
        network = pane_text(app.query_one("#network"))
        assert "temperature ▸██" in network and "rain  ██" in network
        assert "go_outside" in network.splitlines()[-2]  # the output column's caption
        data_lines = pane_text(app.query_one("#data-view")).splitlines()
        assert data_lines[-2].strip() == "→ temperature · ↑ rain"
        assert data_lines[-1].strip() == "● train  ○ test · █ no  █ yes"
        weights = app.query_one("#weights")
        assert pane_line(weights, 0).startswith("W0[temperature → n0]")  # a CSV gets a hidden layer
