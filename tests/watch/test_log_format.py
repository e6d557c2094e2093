"""The run log read back: every record as written, column scalars, and one-sentence errors for a non-log."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from logs import write_log

from nntui.watch import frames
from nntui.watch.errors import LogError
from nntui.watch.records import LAYER_ARRAYS
from nntui.watch.run import read_run


def test_read_run_returns_what_the_recorder_wrote(tmp_path):
    written = write_log(tmp_path / "r.nnt", steps=10, every=2)
    run = read_run(tmp_path / "r.nnt")
    assert run.meta.layer_sizes == (2, 3, 1)
    assert run.meta.activations == ("relu", "sigmoid")
    assert run.meta.input_names == ("temperature", "rain") and run.meta.class_names == ("no", "yes")
    assert run.scalars.steps.tolist() == list(range(1, 11))
    assert run.scalars["loss"].tolist() == [written["loss"][s] for s in range(1, 11)]  # float64 kept exactly
    assert run.scalars["lr"].dtype == np.float64 and np.all(run.scalars["lr"] == 0.1)
    assert [s.step for s in run.snapshots] == [2, 4, 6, 8, 10]
    for snap in run.snapshots:
        for got, want in zip(snap.layers, written["snapshots"][snap.step]):
            for name in LAYER_ARRAYS:
                np.testing.assert_array_equal(getattr(got, name), want[name])
    assert [(e.step, e.values) for e in run.evals] == [(10, {"test_acc": 0.75})]
    assert run.end.step == 10 and run.dropped == 0 and run.damage is None


def test_a_float32_scalar_is_stored_in_four_bytes_and_read_back_exactly(tmp_path):
    from nntui.watch.writer import scalar_batch

    batch = scalar_batch([(1, {"loss": float(np.float32(0.1))}), (2, {"loss": float(np.float32(0.2)), "x": 0.1})])
    assert batch.columns["loss"].dtype == np.float32 and batch.columns["x"].dtype == np.float64
    assert batch.columns["loss"].tolist() == [float(np.float32(0.1)), float(np.float32(0.2))]
    assert np.isnan(batch.columns["x"][0]) and batch.columns["x"][1] == 0.1


def test_a_file_that_is_not_a_log_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a run log\n")
    with pytest.raises(LogError) as info:
        read_run(path)
    message = str(info.value)
    assert message == f"{path} is not an nntui run log (it does not start with NNTUILOG)."


def test_a_log_of_a_newer_format_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "new.nnt"
    write_log(path)
    data = bytearray(path.read_bytes())
    data[len(frames.MAGIC):frames.HEADER_SIZE] = struct.pack("<I", frames.VERSION + 1)
    path.write_bytes(bytes(data))
    with pytest.raises(LogError) as info:
        read_run(path)
    assert str(info.value) == (f"{path} is a run log of format {frames.VERSION + 1}, newer than this nntui reads "
                               f"(up to {frames.VERSION}); upgrade nntui to read it.")


def test_an_empty_file_is_not_a_log(tmp_path):
    path = tmp_path / "empty.nnt"
    path.write_bytes(b"")
    with pytest.raises(LogError, match="is not an nntui run log"):
        read_run(path)


def test_a_missing_log_is_one_sentence(tmp_path):
    with pytest.raises(LogError) as info:
        read_run(tmp_path / "nope.nnt")
    assert str(info.value) == f"cannot read the run log {tmp_path / 'nope.nnt'}: No such file or directory."


def test_a_steps_values_logged_into_two_records_read_back_as_one_row():
    from nntui.watch.run import Scalars
    from nntui.watch.writer import scalar_batch

    scalars = Scalars()
    scalars.add(scalar_batch([(1, {"lr": 0.5, "loss": 2.0}), (2, {"lr": 0.5})]))
    scalars.add(scalar_batch([(2, {"loss": 1.5}), (3, {"lr": 0.25, "loss": 1.0})]))
    assert scalars.steps.tolist() == [1, 2, 3] and len(scalars) == 3
    assert scalars["lr"].tolist() == [0.5, 0.5, 0.25] and scalars["loss"].tolist() == [2.0, 1.5, 1.0]
