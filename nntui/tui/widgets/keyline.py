"""Key line: every footer key of the key map, wrapped over as many lines as the width needs.

Textual's Footer is one line that scrolls sideways, so at 80 columns most keys
were cut off. This widget packs "key description" items (keys of one footer
group share an item: "←→↑↓ select") into lines without splitting an item, so
every key stays visible at any width: two lines at 80 columns, one from
about 160 (each `spare` key shows only where it fits without another line). Keys come from `keys.KEYMAP`, so a new binding shows up here by itself;
an item whose keys the run source does not support is dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from nntui.tui.keys import KEYMAP, KeySpec, offered, refused

GAP = "  "


def key_items(specs: Iterable[KeySpec] = KEYMAP) -> list[tuple[str, str]]:
    """(keys, description) for the footer, in key-map order, one item per footer group."""
    items: list[tuple[str, str]] = []
    groups: dict[str, int] = {}
    for spec in specs:
        if not spec.footer:
            continue
        key = spec.label.split()[0]
        if spec.group is None:
            items.append((key, spec.description))
        elif spec.group in groups:
            index = groups[spec.group]
            items[index] = (items[index][0] + key, items[index][1])
        else:
            groups[spec.group] = len(items)
            items.append((key, spec.group))
    return items


def pack(items: list[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """Greedy line packing: as many whole items per line as fit in `width` (at least one)."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, description in items:
        size = len(key) + 1 + len(description)
        need = size if not lines[-1] else used + len(GAP) + size
        if lines[-1] and need > width:
            lines.append([])
            need = size
        lines[-1].append((key, description))
        used = need
    return lines


def fitting(specs: list[KeySpec], width: int) -> list[tuple[str, str]]:
    """The footer items of `specs`: every key that is not spare, and each spare one, in order, that fits in
    `width` without another line."""
    kept = [spec for spec in specs if not spec.spare]
    lines = len(pack(key_items(kept), width))
    for spare in (spec for spec in specs if spec.spare):
        tried = [spec for spec in specs if spec in kept or spec is spare]
        if len(pack(key_items(tried), width)) <= lines:
            kept = tried
    return key_items(kept)


class KeyLine(Widget):
    """The keys, bold, each followed by what it does; wraps instead of cutting keys off."""

    COMPONENT_CLASSES = {"keyline--key", "keyline--dim"}
    DEFAULT_CSS = "KeyLine { height: auto; }"

    def items(self, width: int) -> list[tuple[str, str]]:
        """The footer items of the keys this app has (the lesson keys only in `nntui learn`); the spare ones
        only if they fit in `width` without another line."""
        return fitting([spec for spec in KEYMAP if offered(spec, self.app)], width)

    def dimmed(self) -> set[str]:
        """The descriptions of the items none of whose keys the run source supports."""
        specs = [spec for spec in KEYMAP if spec.footer and offered(spec, self.app)]
        live = {spec.group or spec.description for spec in specs if refused(spec, self.app) is None}
        return {spec.group or spec.description for spec in specs} - live

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(pack(self.items(max(1, width)), max(1, width)))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keyline--key")
        dim_style, dimmed = self.get_component_rich_style("keyline--dim"), self.dimmed()
        text = Text(no_wrap=True, overflow="ellipsis")
        width = max(1, self.size.width)
        for n, line in enumerate(pack(self.items(width), width)):
            if n:
                text.append("\n")
            for m, (key, description) in enumerate(line):
                dim = description in dimmed
                text.append(GAP if m else "")
                text.append(key, dim_style if dim else key_style)
                text.append(" " + description, dim_style if dim else None)
        return text
