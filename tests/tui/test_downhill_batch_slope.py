"""The downhill view shows the next batch's slope beside the probe's (issue 16, item 23): in chapter 4 the first
real step goes uphill on the probe loss, and the batch's slope is the one the step follows."""

from __future__ import annotations

import numpy as np
import pytest
from pilot_helpers import text_of, wait_for
from test_lesson_app import app_on


async def test_chapter_4s_first_step_follows_the_batch_slope_shown_beside_the_probe_slope():
    app = app_on(4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await wait_for(pilot, lambda: app.frame.downhill is not None)
        view = app.frame.downhill
        assert (view.layer, view.i, view.j) == (0, 0, 0)
        caption = text_of(app, "#loss-caption")
        assert f"probe slope {view.slope:+.3g} · batch {view.batch_slope:+.3g}" in caption
        assert np.sign(view.slope) != np.sign(view.batch_slope)  # what chapter 4's text warns of
        w_before, lr = view.w, app.frame.lr
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 1 and app.frame.downhill is not None
                       and app.frame.downhill.w != w_before)
        after = app.frame.downhill
        assert after.w - w_before == pytest.approx(-lr * view.batch_slope, rel=1e-5)  # SGD: −lr·(batch slope)
        assert after.loss > view.loss  # uphill on the probe loss, as the probe slope's sign said it would be
        await pilot.press("q")

