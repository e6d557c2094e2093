"""The key line shows every footer key of the key map at any width, wrapping whole items."""

from __future__ import annotations

import pytest
from pilot_helpers import text_of

from nntui.tui.keys import KEYMAP, LESSONS, KeySpec
from nntui.tui.widgets.keyline import fitting, key_items, pack


def test_groups_share_one_item_and_hidden_keys_are_left_out():
    items = dict(key_items())
    assert items["←→↑↓"] == "select" and items["[]"] == "layer" and items[",."] == "lr"
    assert items["?"] == "help" and items["q"] == "quit"
    assert "tab" not in items and "shift+tab" not in items


def test_pack_never_splits_an_item_and_fills_lines_greedily():
    items = [("a", "one"), ("b", "two"), ("c", "three")]
    assert pack(items, 12) == [[("a", "one"), ("b", "two")], [("c", "three")]]
    assert pack(items, 100) == [items]
    assert pack(items, 3) == [[("a", "one")], [("b", "two")], [("c", "three")]]


@pytest.mark.parametrize("size,lines,spare", [((80, 24), 2, False), ((120, 40), 2, True), ((210, 60), 1, True)])
async def test_every_footer_key_is_on_screen(fake_app, size, lines, spare):
    """The spare keys (the network's shape, b) only where they fit without another line (all of them: 204 columns)."""
    app, _ = fake_app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        keyline = app.query_one("#keys")
        shown = text_of(app, "#keys")
        assert keyline.region.height == lines and keyline.region.bottom == size[1]
        assert len(shown.splitlines()) == lines
        for spec in KEYMAP:
            if spec.footer and not spec.spare and spec.section != LESSONS:  # the lesson keys: only in `nntui learn`
                assert spec.label.split()[0] in shown, spec.label
        assert ("ix neuron" in shown, "IX layers" in shown, "H sizes" in shown) == (spare,) * 3
        assert "next ch." not in shown and "variant" not in shown


def test_each_spare_key_shows_where_it_fits_without_another_line():
    specs = [KeySpec("a", "x", "one", "a", "S", "h"), KeySpec("b", "x", "two", "b", "S", "h", spare=True),
             KeySpec("c", "x", "three", "c", "S", "h"), KeySpec("d", "x", "fourteen", "d", "S", "h", spare=True),
             KeySpec("e", "x", "ok", "e", "S", "h", spare=True)]
    # "a one  c three" is 14 columns; with "b two" 21, then "e ok" 27; "d fourteen" (+12) fits in none of these
    assert fitting(specs, 24) == [("a", "one"), ("b", "two"), ("c", "three")]
    assert fitting(specs, 27) == [("a", "one"), ("b", "two"), ("c", "three"), ("e", "ok")]
    assert fitting(specs, 14) == [("a", "one"), ("c", "three")]  # a spare key never adds a line
    assert fitting(specs, 60) == key_items(specs)


async def test_g_the_downhill_view_is_on_the_key_line_at_80_columns(fake_app):
    app, _ = fake_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "g downhill" in text_of(app, "#keys")
