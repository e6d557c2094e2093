"""The run log's gradients over time, per snapshot: |ΔW|/|W| between snapshots from the weights written, mean
|dL/dz| of the probe blame written, histograms equal to np.histogram of the hidden activations written; a replay's
view ends at the snapshot shown; a log with no snapshot has no view (the pane says it was not recorded)."""

from __future__ import annotations

import numpy as np
from run_logs import Writer, finished_log

from nntui.watch.log_source import LogSource


def test_the_view_is_per_snapshot_from_what_the_log_holds(tmp_path):
    w = finished_log(tmp_path / "run.nnt")
    source = LogSource(tmp_path / "run.nnt", wait=5.0)
    view = source.first_frame().over_time
    steps = sorted(w.snaps)
    assert view.per == "snapshot" and view.steps.tolist() == steps == [0, 3, 6, 9, 12]
    for k in range(2):
        W = [w.snaps[s][k]["W"].astype(np.float64) for s in steps]
        expected = [np.nan] + [np.linalg.norm(b - a) / np.linalg.norm(a) for a, b in zip(W, W[1:])]
        np.testing.assert_allclose(view.update_ratio[k], expected, rtol=1e-6)
        blame = [np.abs(w.snaps[s][k]["blame"].astype(np.float64)).mean() for s in steps]
        np.testing.assert_allclose(view.mean_blame[k], blame, rtol=1e-6)
    assert view.hist_steps.tolist() == steps and view.hist_edges[0][0] == 0.0  # a ReLU layer: bins from 0
    for c, s in enumerate(steps):
        np.testing.assert_array_equal(view.hist_counts[0, c], np.histogram(w.snaps[s][0]["a"], view.hist_edges[0])[0])
    source.close(5.0)


def test_a_replay_shows_the_view_up_to_its_snapshot_and_an_empty_log_none(tmp_path):
    finished_log(tmp_path / "run.nnt")
    source = LogSource(tmp_path / "run.nnt", wait=5.0)
    source.index = 2  # the third snapshot, step 6
    view = source.first_frame().over_time
    assert view.steps.tolist() == [0, 3, 6] and view.hist_steps.tolist() == [0, 3, 6]
    source.close(5.0)
    empty = Writer(tmp_path / "empty.nnt")
    empty.rec.close()
    assert LogSource(tmp_path / "empty.nnt", wait=5.0).first_frame().over_time is None
