"""The RunSource contract, checked against every source (see conftest.py: one Kit per source)."""

from __future__ import annotations

import queue
import threading

import pytest

from nntui.run import commands as cmd
from nntui.run.frame import Frame
from nntui.run.source import RunSource, refusal

EVERY_COMMAND = sorted(cmd.EVERY_COMMAND, key=lambda t: t.__name__)
WAIT_S = 30.0


class Running:
    """`source.run` in its own thread; the frames it publishes, and the thread that published each."""

    def __init__(self, source: RunSource):
        self.source, self.frames, self.stop = source, queue.SimpleQueue(), threading.Event()
        self.thread = threading.Thread(target=source.run, args=(self._publish, self.stop.is_set), daemon=True)
        self.thread.start()

    def _publish(self, frame: Frame) -> None:
        self.frames.put((frame, threading.get_ident()))

    def next_frame(self, condition=lambda frame: True) -> tuple[Frame, int]:
        while True:
            frame, ident = self.frames.get(timeout=WAIT_S)
            if condition(frame):
                return frame, ident


def test_it_is_a_run_source_that_describes_itself(kit):
    source = kit.source
    assert isinstance(source, RunSource)
    assert isinstance(source.label, str) and source.label and isinstance(source.trains, bool)
    assert cmd.Stop in source.supports and source.supports <= set(EVERY_COMMAND)


def test_the_first_frame_is_consistent_and_read_only(kit):
    frame = kit.source.first_frame()
    assert isinstance(frame, Frame)
    assert [layer.W.shape for layer in frame.layers] == list(zip(frame.layer_sizes, frame.layer_sizes[1:]))
    assert frame.probe_x.shape[1] == frame.layer_sizes[0]
    for layer in frame.layers:
        assert not layer.W.flags.writeable and not layer.a.flags.writeable
        assert layer.z.shape == layer.a.shape == (frame.probe_x.shape[0], layer.W.shape[1])


def test_frames_are_published_from_the_run_thread_and_show_a_supported_command(kit):
    first = kit.source.first_frame()
    running = Running(kit.source)
    kit.source.submit(kit.command)
    frame, ident = running.next_frame(lambda f: kit.effect(first, f))
    assert ident == running.thread.ident != threading.get_ident()
    assert frame.seq > first.seq


@pytest.mark.parametrize("command_type", EVERY_COMMAND, ids=lambda t: t.__name__)
def test_an_unsupported_command_is_refused_in_one_sentence(kit, command_type):
    why = refusal(kit.source, command_type)
    if command_type in kit.source.supports:
        assert why is None
    else:
        assert why == f"{kit.source.label} cannot {command_type.REFUSED}"


def test_save_writes_a_file_or_says_it_cannot(kit):
    path = kit.source.save({"layer": 0, "i": 1, "j": 0})
    assert (path is not None and path.is_file()) if kit.can_save else path is None


def test_save_while_running_then_close_ends_the_run(kit):
    running = Running(kit.source)
    path = kit.source.save({})
    assert (path is not None and path.is_file()) == kit.can_save
    assert kit.source.close(WAIT_S) is True
    running.thread.join(WAIT_S)
    assert not running.thread.is_alive()


def test_close_before_running_is_true_at_once(kit):
    assert kit.source.close(WAIT_S) is True


def test_should_stop_ends_the_run_cleanly(kit):
    running = Running(kit.source)
    running.stop.set()
    running.thread.join(WAIT_S)
    assert not running.thread.is_alive()


def test_the_stop_command_ends_the_run(kit):
    running = Running(kit.source)
    kit.source.submit(cmd.Stop())
    running.thread.join(WAIT_S)
    assert not running.thread.is_alive()
