"""LogSource: frames built from a run log (checked against the arrays written), live follow, replay, the log's end."""

from __future__ import annotations

import queue
import re
import threading
from pathlib import Path

import numpy as np
import pytest
from run_logs import Writer, finished_log

from nntui.run import commands as cmd
from nntui.run.frame import PAUSED, RUNNING, BoundaryView, CurveView, ImageView
from nntui.watch.errors import LogError
from nntui.watch.log_source import open_log

WAIT_S = 60.0


class Running:
    def __init__(self, source):
        self.source, self.frames, self.stop = source, queue.SimpleQueue(), threading.Event()
        self.thread = threading.Thread(target=source.run, args=(self.frames.put, self.stop.is_set), daemon=True)
        self.thread.start()

    def frame(self, condition):
        while True:
            frame = self.frames.get(timeout=WAIT_S)
            if condition(frame):
                return frame

    def close(self):
        self.source.close(WAIT_S)
        self.thread.join(WAIT_S)


@pytest.fixture
def finished(tmp_path):
    w = finished_log(tmp_path / "run.nnt")
    return w, tmp_path / "run.nnt"


def test_a_frame_holds_the_snapshot_and_the_scalars_up_to_its_step(finished):
    w, path = finished
    source = open_log(path)
    frame = source.first_frame()  # a finished log opens on its last snapshot
    assert frame.step == 12 and frame.state == PAUSED and frame.layer_sizes == (2, 3, 2)
    for view, written in zip(frame.layers, w.snaps[12]):
        for name in ("W", "b", "z", "blame", "dW", "db"):
            np.testing.assert_array_equal(getattr(view, name), written[name])
    out = w.snaps[12][1]["a"].astype(np.float64)  # the model's output: logits for cross_entropy
    softmax = np.exp(out) / np.exp(out).sum(axis=1, keepdims=True)  # the frame holds probabilities
    np.testing.assert_allclose(frame.layers[1].a, softmax, rtol=1e-6)
    np.testing.assert_array_equal(frame.layers[0].a, w.snaps[12][0]["a"])
    assert frame.loss_history == tuple(w.loss[s] for s in range(13))
    assert frame.lr == pytest.approx(0.12) and frame.loss_name == "softmax_cross_entropy"
    assert frame.layers[0].can_die and not frame.layers[1].can_die
    assert "the run ended at step 12" in frame.message and "snapshot 5/5 (step 12)" in frame.message
    assert source.supports == {cmd.Stop, cmd.Seek, cmd.TogglePause} and source.label == "a recorded run"


def test_seek_moves_through_the_snapshots_and_play_runs_to_the_last(finished):
    _, path = finished
    running = Running(open_log(path))
    try:
        for command, step in ((cmd.Seek(-1), 9), (cmd.Seek(-1), 6), (cmd.Seek(0, relative=False), 0),
                              (cmd.Seek(-1), 0), (cmd.Seek(-1, relative=False), 12), (cmd.Seek(1), 12),
                              (cmd.Seek(2, relative=False), 6)):
            running.source.submit(command)
            frame = running.frame(lambda f: True)
            assert frame.step == step, command
        running.source.submit(cmd.TogglePause())
        played = [running.frame(lambda f: True) for _ in range(3)]
        assert [f.step for f in played] == [6, 9, 12]  # the toggle's own frame, then one per snapshot
        assert [f.state for f in played] == [RUNNING, RUNNING, PAUSED]  # it stops at the last
    finally:
        running.close()


def test_a_live_log_is_followed_until_its_end_record(tmp_path):
    path = tmp_path / "live.nnt"
    w = Writer(path)
    w.steps(0, 4)
    source = open_log(path)
    assert source.live and source.label == "a run watched without control=True"
    assert source.supports == {cmd.Stop, cmd.Seek}  # no control file: nothing reaches the loop
    running = Running(source)
    try:
        w.steps(5, 6)
        frame = running.frame(lambda f: f.layers[0].W[0, 0] == w.snaps[6][0]["W"][0, 0])
        assert frame.step == 6 and frame.state == RUNNING and "following the run" in frame.message
        w.steps(7, 8)  # scalars only: the step count and the loss move on, the panes keep snapshot 6
        frame = running.frame(lambda f: f.step == 8)
        np.testing.assert_array_equal(frame.layers[0].W, w.snaps[6][0]["W"])
        assert frame.train_loss == pytest.approx(np.mean([w.loss[s] for s in range(9)]))
        w.rec.close()
        frame = running.frame(lambda f: "ended" in f.message)
        assert frame.message.startswith("the run ended at step 8") and frame.state == PAUSED
        assert cmd.TogglePause in source.supports and source.label == "a recorded run"
    finally:
        running.close()


def test_bytes_after_the_end_record_are_named_in_one_line(finished):
    _, path = finished
    size = path.stat().st_size
    with open(path, "ab") as f:
        f.write(b"\x07torn")
    frame = open_log(path).first_frame()
    assert frame.message.startswith(f"damaged log: 5 bytes after the end record at offset {size}")


def test_a_digit_log_shows_the_probe_image_and_its_class_bars(tmp_path):
    w = Writer(tmp_path / "digits.nnt", sizes=(784, 4, 10), p=3, y=np.array([7, 2, 1]))
    w.steps(0, 3)
    w.rec.close()
    frame = open_log(tmp_path / "digits.nnt").first_frame()
    view = frame.data_view
    assert isinstance(view, ImageView) and frame.image_shape == (28, 28) and view.probe_row == 0
    pixels = w.x[0].reshape(28, 28)
    np.testing.assert_allclose(view.image, (pixels - pixels.min()) / (pixels.max() - pixels.min()), rtol=1e-6)
    z = w.snaps[3][1]["a"][0].astype(np.float64)
    np.testing.assert_allclose(view.probs, np.exp(z) / np.exp(z).sum(), rtol=1e-6)
    assert view.true_label == 7 and view.predicted_label == int(z.argmax())
    assert view.class_names == tuple(str(c) for c in range(10))


def test_a_two_input_log_shows_the_decision_boundary_of_its_grid(tmp_path):
    axes = (np.linspace(-1, 1, 4, dtype=np.float32), np.linspace(0, 2, 3, dtype=np.float32))
    w = Writer(tmp_path / "plane.nnt", grid=axes)
    out = np.random.default_rng(5).normal(size=(3, 4, 2)).astype(np.float32)  # rows: the second input
    w.steps(0, 3, out=out)
    w.rec.close()
    view = open_log(tmp_path / "plane.nnt").first_frame().data_view
    assert isinstance(view, BoundaryView)
    assert view.x_range == (-1.0, 1.0) and view.y_range == (0.0, 2.0)
    np.testing.assert_array_equal(view.grid_class, out.argmax(axis=2))
    e = np.exp(out.astype(np.float64))
    np.testing.assert_allclose(view.grid_conf, (e / e.sum(axis=2, keepdims=True)).max(axis=2), rtol=1e-6)
    np.testing.assert_array_equal(view.train_xy, w.x)


def test_a_one_input_regression_log_shows_the_fitted_curve(tmp_path):
    axis = np.linspace(-2, 2, 7, dtype=np.float32)
    y = np.linspace(0, 1, 5, dtype=np.float32)[:, None]
    w = Writer(tmp_path / "curve.nnt", sizes=(1, 3, 1), y=y, grid=(axis,))
    out = (axis ** 2)[:, None]
    w.steps(0, 3, out=out)
    w.rec.close()
    frame = open_log(tmp_path / "curve.nnt").first_frame()
    assert isinstance(frame.data_view, CurveView) and frame.task == "regression"
    np.testing.assert_array_equal(frame.data_view.x, axis)
    np.testing.assert_array_equal(frame.data_view.y_pred, axis ** 2)
    np.testing.assert_array_equal(frame.data_view.train_y, y[:, 0])


def test_a_sigmoid_output_is_already_a_probability(tmp_path):
    w = Writer(tmp_path / "bce.nnt", sizes=(2, 3, 1), y=np.array([0, 1, 1, 0, 1]), activations=("tanh", "sigmoid"))
    w.steps(0, 3)
    w.rec.close()
    frame = open_log(tmp_path / "bce.nnt").first_frame()
    np.testing.assert_array_equal(frame.layers[1].a, w.snaps[3][1]["a"])


def test_a_file_that_is_no_log_is_one_sentence(tmp_path):
    (tmp_path / "notes.txt").write_text("hello, this is not a log\n")
    with pytest.raises(LogError, match=r"^\S+notes.txt is not an nntui run log \(it does not start with NNTUILOG\)\.$"):
        open_log(tmp_path / "notes.txt")
    with pytest.raises(LogError, match="is a folder, not a run log"):
        open_log(tmp_path)


def test_a_live_log_gone_silent_says_so_and_names_the_torn_record_it_waits_on(tmp_path, monkeypatch):
    from nntui.watch import frames, log_status

    monkeypatch.setattr(log_status, "SILENT_AFTER", 0.2)
    path = tmp_path / "killed.nnt"
    data = Path(finished_log(path).rec.path).read_bytes()
    at = frames.HEADER_SIZE
    while (parsed := frames.parse(data, at, 0))[0] != frames.END:
        at = parsed[2]
    path.write_bytes(data[:at] + b"\x09\x00\x00")  # no end record: the trainer was killed 3 bytes into a record
    running = Running(open_log(path))
    try:
        frame = running.frame(lambda f: "no new record" in f.message)
        assert re.fullmatch(r"following the run · no new record for \d+ s \(has the run stopped\?\): "
                            f"a torn record at offset {at}: 3 of its 9 header bytes are present", frame.message)
        assert frame.state == RUNNING and running.source.live and frame.step == 12
    finally:
        running.close()


def test_control_events_become_the_nudge_readout_and_a_line(tmp_path):
    from nntui.run.frame import NudgeResult

    w = Writer(tmp_path / "events.nnt")
    w.steps(0, 3)
    w.rec.event("nudged", 3, layer=1, i=2, j=0, old=0.5, new=0.6, loss_before=0.3, loss_after=0.25)
    w.rec.event("rejected", 3, line="nudge 9 0 0 0.1", reason="there is no layer 9 (the net has 2)")
    w.rec.close()
    frame = open_log(tmp_path / "events.nnt").first_frame()
    assert frame.nudge == NudgeResult(layer=1, i=2, j=0, w_before=0.5, w_after=0.6, loss_before=0.3, loss_after=0.25)
    assert frame.message.endswith(" · the run refused 'nudge 9 0 0 0.1': there is no layer 9 (the net has 2)")


def test_a_logs_names_reach_the_frame_and_a_log_without_names_leaves_them_empty(tmp_path):
    named = Writer(tmp_path / "named.nnt", input_names=("temperature", "rain"), class_names=("no", "yes"))
    named.steps(0, 3)
    named.rec.close()
    frame = open_log(tmp_path / "named.nnt").first_frame()
    assert frame.input_names == ("temperature", "rain") and frame.class_names == ("no", "yes")
    assert frame.output_name == ""  # a log does not name its output: the screen says "out"
    finished_log(tmp_path / "plain.nnt")
    plain = open_log(tmp_path / "plain.nnt")
    assert (plain.first_frame().input_names, plain.first_frame().class_names) == ((), ())


def test_a_controlled_run_refuses_a_bias_nudge_in_one_sentence(finished):
    _, path = finished
    source = open_log(path)
    sent = []
    source.controller = type("Controller", (), {"nudge": lambda self, *args: sent.append(args)})()
    source._control(cmd.Nudge(0, 1, 2, 0.1, bias=True))
    assert sent == [] and source.tail.note == "a watched run's biases cannot be changed from here: the control " \
        "file takes weights W[L][I,J] only"
    source._control(cmd.Nudge(0, 1, 2, 0.1))
    assert sent == [(0, 1, 2, 0.1)]
