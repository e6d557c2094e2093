"""Snapshots: the app fed a fixed frame at 80x24 (one pane, tabs) and 160x48 (all five panes).

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from frames import make_frame

from nntui.config import RunConfig
from nntui.tui.app import make_app

# At 80x24 one pane shows: each data kind shows a different one.
SMALL_PANE_KEYS = {"spiral": (), "sine": ("shift+tab",), "mnist": ("tab", "tab", "tab")}


@pytest.mark.parametrize("kind", ["spiral", "sine", "mnist"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot(snap_compare, kind, size):
    app = make_app(RunConfig(dataset=kind), frame=make_frame(kind))
    press = SMALL_PANE_KEYS[kind] if size == (80, 24) else ()
    assert snap_compare(app, press=press, terminal_size=size)
