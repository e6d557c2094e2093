"""LeanScreen: the app's screen, whose updates render only the widgets under the changed region.

Textual 8 (pinned exactly in pyproject.toml) renders a partial screen update
by asking every visible widget whose clip (for most widgets: the screen)
overlaps the changed region's bounding box for all its lines, and then keeps
the changed lines. With about fifty widgets on screen that is paid at every
frame even when only the status line changed, and the UI thread's time is
taken from the trainer thread under the GIL (benchmarks/bench_overrides.py
measures what this screen saves; the README's SSH section has the numbers).

`LeanCompositor` narrows the widgets offered to that render to those whose
own region overlaps the bounding box. The output is the same: Textual writes
only the cells of the changed regions, and a widget outside the bounding box
has no cell there. The snapshot tests compare whole screens drawn this way.
"""

from __future__ import annotations

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget


class LeanCompositor(Compositor):
    """A Compositor whose partial renders skip the widgets outside the changed region."""

    def __init__(self) -> None:
        super().__init__()
        self._render_crop: Region | None = None  # set while a partial render runs

    @property
    def visible_widgets(self) -> dict[Widget, tuple[Region, Region]]:
        widgets = super().visible_widgets
        crop = self._render_crop
        if crop is None:
            return widgets
        return {widget: (region, clip) for widget, (region, clip) in widgets.items() if crop.overlaps(region)}

    def _get_renders(self, crop: Region | None = None):
        self._render_crop = crop
        try:
            yield from super()._get_renders(crop)
        finally:
            self._render_crop = None


class LeanScreen(Screen):
    """The default Screen with a LeanCompositor."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = LeanCompositor()
