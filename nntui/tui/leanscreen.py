"""LeanScreen: the app's screen, whose updates render only the lines of the widgets under a change.

Textual 8 (pinned exactly in pyproject.toml) renders a partial screen update
by asking every visible widget that overlaps the changed regions' bounding
box for all its lines, and then keeps the changed lines. The status line at
the top changes with every frame; when a pane or the step readout further
down changes too, that box is the whole screen, so all fifty-odd widgets
render every line, and the UI thread's time is taken from the trainer thread
under the GIL (benchmarks/bench_overrides.py measures what this screen
saves; the README's SSH section has the numbers).

`LeanCompositor` asks a widget only for its rows that a changed region
crosses, and not at all when none does. The output is the same: Textual
writes only the cells of the changed regions, and each of those cells lies
in a row asked of every widget under it. tests/tui/test_leanscreen.py
compares a partial update's cells with a full render's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen


class Changes:
    """The changed cells of a partial update: per row, its merged column spans; and their bounding box."""

    def __init__(self, regions: Iterable[Region]):
        regions = list(regions)
        self.box = Region.from_union(regions) if regions else Region()
        self.spans: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in Compositor._regions_to_spans(regions):
            self.spans.setdefault(y, []).append((x1, x2))

    def rows(self, shown: Region) -> Iterator[tuple[int, int]]:
        """(top, bottom) row ranges of `shown` in which a changed span crosses its columns, merged, top first."""
        if not self.box.overlaps(shown):
            return
        left, right = shown.x, shown.right
        top = None
        for y in range(max(shown.y, self.box.y), min(shown.bottom, self.box.bottom)):
            crossed = any(x1 < right and x2 > left for x1, x2 in self.spans.get(y, ()))
            if crossed and top is None:
                top = y
            elif not crossed and top is not None:
                yield top, y
                top = None
        if top is not None:
            yield top, min(shown.bottom, self.box.bottom)


class LeanCompositor(Compositor):
    """A Compositor whose partial renders ask each widget only for the rows a change crosses."""

    def __init__(self) -> None:
        super().__init__()
        self._changed: Changes | None = None  # set while a partial render runs

    def render_partial_update(self):
        self._changed = Changes(self._dirty_regions)  # (the parent empties the set)
        try:
            return super().render_partial_update()
        finally:
            self._changed = None

    def _get_renders(self, crop: Region | None = None):
        if crop is None or self._changed is None:
            yield from super()._get_renders(crop)
            return
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            for top, bottom in self._changed.rows(shown):
                part = Region(shown.x, top, shown.width, bottom - top)
                yield region, part, widget.render_lines(part.translate((-region.x, -region.y)))


class LeanScreen(Screen):
    """The default Screen with a LeanCompositor."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = LeanCompositor()
