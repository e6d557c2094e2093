"""The garbage collector: the run's objects are frozen out of collections once it is on screen (tui/collector.py),
by nntui itself only, and freezing again collects what died in between."""

from __future__ import annotations

import gc
import weakref

from frames import make_frame

import nntui.tui.app as app_module
from nntui.config import RunConfig
from nntui.tui.app import make_app
from nntui.tui.collector import freeze_live_objects


class Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_frozen_objects_are_left_alone_and_the_next_freeze_collects_those_that_died():
    node = Node()
    alive = weakref.ref(node)
    try:
        freeze_live_objects()
        assert gc.get_freeze_count() > 0
        del node
        gc.collect()
        assert alive() is not None  # frozen: a full collection skips it
        freeze_live_objects()
        assert alive() is None  # unfrozen, collected, and what lives is frozen again
    finally:
        gc.unfreeze()


async def test_nntui_itself_freezes_its_run_once_settled_and_a_test_app_does_not(monkeypatch):
    frozen = []
    monkeypatch.setattr(app_module, "freeze_live_objects", lambda: frozen.append(True))
    monkeypatch.setattr(app_module, "SETTLE_S", 0.05)
    for keeper, expected in ((None, []), (object(), [True])):
        frozen.clear()
        app = make_app(RunConfig(dataset="spiral"), frame=make_frame("spiral"))
        app.keeper = keeper  # run_kept gives nntui's own launch a RunKeeper; tests have none
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
        assert frozen == expected
