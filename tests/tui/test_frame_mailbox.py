"""One frame in flight: a UI thread that is held up holds the newest frame, not every frame made meanwhile."""

from __future__ import annotations

import time
from dataclasses import replace

from pilot_helpers import wait_for

from nntui.run.frame import RUNNING
from nntui.tui.messages import FrameMailbox, FrameReady

SIZE = (160, 48)


def test_frames_left_while_one_is_on_its_way_post_nothing_and_the_newest_is_taken(spiral_frame):
    posted = []
    mailbox = FrameMailbox(lambda message: posted.append(message) or True)
    frames = [replace(spiral_frame, step=step) for step in range(100)]
    for frame in frames:
        mailbox.put(frame, "run")
    assert [m.frame.step for m in posted] == [0]
    taken = mailbox.take(posted[0])
    assert taken.frame is frames[-1] and taken.source == "run"
    mailbox.put(frames[0], "run")  # taken in: the next frame is posted
    assert [m.frame.step for m in posted] == [0, 0] and mailbox.take(posted[1]).frame is frames[0]


def test_a_message_posted_by_hand_is_shown_as_it_is_when_nothing_waits(spiral_frame):
    mailbox = FrameMailbox(lambda message: True)
    message = FrameReady(spiral_frame)
    assert mailbox.take(message) is message


def test_a_post_the_app_refuses_leaves_nothing_in_flight(spiral_frame):
    answers, posted = [False, True], []
    mailbox = FrameMailbox(lambda message: posted.append(message) or answers.pop(0))
    mailbox.put(spiral_frame, None)
    mailbox.put(spiral_frame, None)
    assert len(posted) == 2


async def test_a_stalled_ui_queues_one_frame_and_then_shows_the_newest(fake_app, spiral_frame):
    app, loop = fake_app
    async with app.run_test(size=SIZE) as pilot:
        posted = []
        post = app._mailbox._post
        app._mailbox._post = lambda message: posted.append(message.frame.step) or post(message)
        for step in range(100, 400):
            loop.publish(replace(spiral_frame, step=step, state=RUNNING))
        deadline = time.monotonic() + 30
        while not loop._outbox.empty() and time.monotonic() < deadline:
            time.sleep(0.01)  # the app's loop is held up here, as by a terminal that takes no output
        time.sleep(0.05)  # the source's thread hands over the frame it took last
        assert loop._outbox.empty() and posted == [100]
        await wait_for(pilot, lambda: app.frame.step == 399)
        assert posted == [100]
