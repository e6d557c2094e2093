"""KeptWidgets: the app's widgets found once and kept until they leave the DOM.

The app shows several frames a second, and every frame goes to the status
line, the step readout and each pane. `query_one` walks the whole DOM (some
fifty widgets) each time; under the GIL that time is taken from the trainer
thread. A kept widget is looked up again only once it is no longer attached
(the app recomposed its panes for a new run, or is shutting down).
"""

from __future__ import annotations

from textual.widget import Widget


class KeptWidgets:
    """Mixed into the App: `kept(selector)` is `query_one(selector)`, remembered while the widget is attached."""

    def kept(self, selector) -> Widget:
        """The one widget matching `selector` (a CSS selector or a widget class); NoMatches if there is none."""
        found: dict = self.__dict__.setdefault("_kept_widgets", {})
        widget = found.get(selector)
        if widget is None or not widget.is_attached:
            widget = found[selector] = self.query_one(selector)
        return widget

    def has_kept(self, selector) -> bool:
        """True if a widget matches `selector` (it is kept for the next call of `kept`)."""
        found = self.__dict__.get("_kept_widgets", {}).get(selector)
        if found is not None and found.is_attached:
            return True
        matches = self.query(selector)
        if not matches:
            return False
        self.__dict__.setdefault("_kept_widgets", {})[selector] = matches.first()
        return True
