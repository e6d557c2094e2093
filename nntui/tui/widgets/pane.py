"""CanvasPane: the base of the panes drawn cell by cell (Line API).

A pane (a PaneWidget, widgets/base.py) paints a `Canvas` and keeps the Strips.
Only the runs of cells that changed since the last paint are marked for
repaint, so a frame that changes nothing visible costs no terminal output.
The content is shown through a few side-by-side `Band` widgets, because
Textual rewrites a changed line from the left edge of its widget: bands keep
a change at the right from resending the whole line. A hidden pane (another
tab, a tiny terminal) draws nothing until it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widget import Widget

from nntui.run.frame import Frame
from nntui.tui.colours import Drawing, drawing_for
from nntui.tui.render import FEWER_COLORS, RGB, Canvas, component_rgb, filtered
from nntui.tui.selection import Selection
from nntui.tui.widgets.base import PaneWidget


@dataclass(frozen=True)
class Palette:
    """The pane's colours, read from app.tcss (component classes `pane--…`)."""

    text: RGB
    background: RGB
    positive: RGB  # positive weights / activations
    negative: RGB
    neutral: RGB  # zero
    highlight: RGB  # the selection
    muted: RGB  # captions, axes
    dead: RGB  # dead units


class Band(Widget):
    """A vertical slice of a CanvasPane's content.

    Textual 8 repaints a changed line of a widget from the widget's left edge
    to the end of the change; slicing a pane into bands bounds that cost by a
    band's width, so a neuron changing colour at the right costs a few cells.

    A band hands the compositor its slices of the pane's lines itself, cut
    once per change, instead of going through Textual's per-widget styles
    cache (a band has no border, padding or CSS effects of its own), whose
    cost per changed line and band the trainer thread would pay under the
    GIL (benchmarks/README.md).
    """

    DEFAULT_CSS = "Band { width: 1fr; height: 1fr; }"

    def __init__(self, pane: CanvasPane) -> None:
        super().__init__()
        self.pane = pane
        self._slices: dict[int, Strip] = {}  # line y → this band's cells of it, filtered
        self._cut: tuple | None = None  # ((x in the pane, width), filters) the slices were made with

    @property
    def offset_in_pane(self) -> int:
        return self.region.x - self.pane.content_region.x

    def forget(self, y: int) -> None:
        """Line `y` of the pane changed: cut this band's slice again when it is next rendered."""
        self._slices.pop(y, None)

    def render_lines(self, crop: Region) -> list[Strip]:
        cut = (self.offset_in_pane, self.size.width)
        filters = tuple(self.get_line_filters())
        if (cut, filters) != self._cut:
            self._slices.clear()
            self._cut = (cut, filters)
        strips, background = [], None
        for y in crop.line_range:
            strip = self._slices.get(y)
            if strip is None:
                if background is None and filters:
                    background = self.background_colors[1]
                strip = self._slices[y] = filtered(self, self.pane.line_slice(y, *cut), filters, background)
            strips.append(strip)
        if crop.column_span != (0, cut[1]):
            strips = [strip.crop(*crop.column_span) for strip in strips]
        return strips


class CanvasPane(PaneWidget, Widget):
    """A bordered pane whose content is a Canvas, redrawn run of cells by run of cells."""

    DEFAULT_CSS = "CanvasPane { layout: horizontal; }"
    BANDS = 6  # slices: fewer bytes written than one band (benchmarks/README.md)

    COMPONENT_CLASSES = {
        "pane--positive", "pane--negative", "pane--neutral", "pane--highlight", "pane--muted", "pane--dead",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines: list[Strip] = []
        self._canvas: Canvas | None = None  # what is on screen, to repaint only what changes
        self._palette: Palette | None = None
        self._style: Style | None = None  # the pane's own style, read once per redraw (a read is not free)

    def compose(self) -> ComposeResult:
        for _ in range(self.BANDS):
            yield Band(self)

    # -- drawing ------------------------------------------------------------

    def redraw(self) -> None:
        """Paint the current frame and mark the changed lines for repaint."""
        if self.frame is None or not self.region.area:
            return
        width, height = self.size
        palette = self._palette = self.read_palette()
        self._style = self.rich_style
        canvas = Canvas(width, height, palette.text, palette.background)
        try:
            self.draw(canvas, self.frame, self.selection)
        finally:
            self._palette = None
        system = FEWER_COLORS.get(self.app.console.color_system or "")  # the terminal shows 256 colours or 16
        if system is not None:
            canvas.snap(system)
        spans = canvas.changes(self._canvas)
        if spans:
            self._lines = canvas.to_strips(self._lines, sorted({y for y, _, _ in spans}))
        self._canvas = canvas
        for band in self.query_children(Band):
            x0, w = band.offset_in_pane, band.size.width
            changed = [Region(max(start, x0) - x0, y, min(stop, x0 + w) - max(start, x0), 1)
                       for y, start, stop in spans if max(start, x0) < min(stop, x0 + w)]
            for region in changed:
                band.forget(region.y)
            if changed:  # one call a band: each marks the band dirty at some cost, whatever the regions
                band.refresh(*changed)

    def draw(self, canvas: Canvas, frame: Frame, selection: Selection) -> None:
        """Paint `frame` onto `canvas` (the pane's content size). Subclasses implement this."""
        raise NotImplementedError

    # -- Textual --------------------------------------------------------------

    @property
    def drawing(self) -> Drawing:
        """Truecolor, the 256-colour cube, or glyphs (NO_COLOR, 16 colours or fewer): see colours.py."""
        return drawing_for(self.app.no_color, self.app.console.color_system)

    @property
    def glyphs(self) -> bool:
        """Show signs, magnitudes and classes by characters (glyphs.py), not by colour alone."""
        return self.drawing is Drawing.GLYPHS

    @property
    def cube(self) -> bool:
        """Take the ramps' shades from the 256-colour cube (render.ramp's `cube`)."""
        return self.drawing is Drawing.CUBE

    @property
    def palette(self) -> Palette:
        """The colours of the redraw in progress (read once per redraw, so a theme change shows next time)."""
        return self._palette or self.read_palette()

    def read_palette(self) -> Palette:
        _, _, background, text = self.colors
        names = ("positive", "negative", "neutral", "highlight", "muted", "dead")
        return Palette(text.rgb, background.rgb, *(component_rgb(self, f"pane--{name}") for name in names))

    def click_offset(self, event: events.Click) -> Offset | None:
        """Where a click (received by one of the bands) falls in the pane's content, or None if outside."""
        if event.screen_offset not in self.content_region:
            return None
        return event.screen_offset - self.content_region.offset

    def line_slice(self, y: int, x: int, width: int) -> Strip:
        """Cells x .. x+width of line y (what a Band shows)."""
        if self._style is None:  # read once until the next redraw or change of style (a plain Style is falsy)
            self._style = self.rich_style
        if y < len(self._lines):
            return self._lines[y].crop_extend(x, x + width, self._style)
        return Strip.blank(width, self._style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None  # a class or theme change: the lines' background is read again

    def on_resize(self) -> None:
        self._canvas = None
        self.redraw()

    def on_show(self) -> None:
        self._canvas = None
        self.redraw()
