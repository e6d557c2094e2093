"""On a CSV regression the app shows errors in the target's own units, and says so (issue 16, item 11, the UI):
the network learns a standardized target, but the status line and the Loss pane give RMSE in euros."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_csv
from nntui.training.loop import TrainerLoop
from nntui.tui.app import make_app


@pytest.fixture
def houses(tmp_path):
    rng = np.random.default_rng(1)
    rooms, area = rng.integers(1, 7, 400), 30 + 0.3 * rng.permutation(400)
    price = (100_000 + 50_000 * rooms + 3_000 * area + rng.normal(0, 20_000, 400)).round()
    path = tmp_path / "houses.csv"
    path.write_text("rooms,area,price\n" + "".join(f"{r},{a},{p:.0f}\n" for r, a, p in zip(rooms, area, price)))
    return path


def rmse_text(mse: float, std: float) -> str:
    return f"{np.sqrt(mse) * std:,.0f}"


async def test_the_status_line_and_the_loss_pane_give_rmse_in_the_targets_units(houses):
    ds = load_csv(str(houses))
    config = RunConfig(data_file=str(houses), task="regression", hidden=(4,))
    app = make_app(config, TrainerLoop(config, dataset=ds, paused=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "n")  # an epoch (a test measurement), then one step more
        await wait_for(pilot, lambda: app.frame.evals and app.frame.step == app.source.trainer.steps_per_epoch + 1)
        await pilot.pause(0.2)
        std = float(ds.y_std[0])
        trainer = app.source.trainer
        window = np.mean(trainer.losses[-50:])  # the network's MSE, on the standardized target
        stats = text_of(app, "#stats")
        assert f"train RMSE {rmse_text(window, std)} price ({len(trainer.losses)}-step mean)" in stats
        assert f"test RMSE {rmse_text(app.frame.evals[-1].test_loss, std)} price" in stats
        batch = f"this batch RMSE {rmse_text(trainer.losses[-1], std)} price"
        await wait_for(pilot, lambda: batch in text_of(app, "#loss-caption"))  # (a narrow pane shows just that)
        await pilot.resize_terminal(80, 24)
        await pilot.press("tab", "tab")  # network → activations → loss
        await wait_for(pilot, lambda: "chart: standardized MSE" in text_of(app, "#loss-caption"))
        assert batch in text_of(app, "#loss-caption")
