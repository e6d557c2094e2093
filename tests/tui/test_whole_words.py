"""Nothing in a pane is cut mid-word at 80x24 and 120x40, on every data set.

The rule: a text a pane writes is either shown whole or shortened by `fit_words` (cut at a break,
ending in "…"). Every write to a pane's Canvas is watched: one whose letters run past the pane's
right edge (so the terminal would show "grad -" or "L1 n0 receptiv") fails the test. Covers the
panes drawn cell by cell (Network, Activations, Weights, Data); the status line, captions and plots
are Textual widgets and are not checked here.
"""

from __future__ import annotations

import pytest

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app
from nntui.tui.render import ELLIPSIS, Canvas, fit_words

DATASETS = ("weather", "xor", "circles", "gaussians", "spiral", "moons", "sine", "digits", "mnist")
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
TABS = 5  # at 80x24 one pane shows at a time: tab through all of them


@pytest.mark.parametrize("text, width, shown", [
    ("2×16  ±2.3  grad -0.0506", 30, "2×16  ±2.3  grad -0.0506"),
    ("2×16  ±2.3  grad -0.0506", 21, "2×16  ±2.3…"),  # fields are cut whole: never "grad -"
    ("L1 n0 receptive field", 14, "L1 n0…"),
    ("L1 n0 receptive field", 17, "L1 n0 receptive…"),
    ("mixed up: 3→8 11, 6→4 11, 7→5 10", 30, "mixed up: 3→8 11, 6→4 11…"),
    ("L1 relu  dead 0/16 (0%)  active 49%", 33, "L1 relu  dead 0/16 (0%)…"),
    ("true 7 · predicted 7 (98%)", 16, "true 7…"),
    ("receptive", 5, "rece…"),  # one word longer than the room: cut, and marked
    ("x", 0, ""),
])
def test_fit_words(text, width, shown):
    assert fit_words(text, width) == shown
    assert len(shown) <= width


def _watch_cuts(monkeypatch) -> list[str]:
    cuts: list[str] = []
    text = Canvas.text

    def watched(self, y, x, s, *args, **kwargs):
        visible = s[max(0, -x): max(0, self.width - x)]
        if 0 <= y < self.height and len(visible) < len(s) and any(c.isalpha() for c in s) and visible:
            if not visible.endswith(ELLIPSIS):
                cuts.append(f"{s!r} shown as {visible!r}")
        return text(self, y, x, s, *args, **kwargs)

    monkeypatch.setattr(Canvas, "text", watched)
    return cuts


def _frame(name: str, data_dir):
    config = RunConfig(dataset=name)
    loop = TrainerLoop(config, dataset=load_dataset(name, seed=0, data_dir=data_dir), paused=True)
    loop.trainer.train_steps(3)
    return config, loop.make_frame()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", DATASETS)
async def test_no_pane_text_is_cut_mid_word(monkeypatch, request, name, size):
    data_dir = request.getfixturevalue("mnist_dir") if name == "mnist" else None
    config, frame = _frame(name, data_dir and str(data_dir))
    cuts = _watch_cuts(monkeypatch)
    app = make_app(config, frame=frame)
    async with app.run_test(size=SIZES[size]) as pilot:
        await pilot.pause()
        for _ in range(TABS if size == "80x24" else 0):
            await pilot.press("tab")
            await pilot.pause()
    assert cuts == []
