"""LookingActions: the keys of "what a neuron looks for" (f) and of tracing one sample (t T w escape).

Mixed into NntuiApp. `f` is view state (Selection.looks): while it is on, the
app tells the source which neuron to describe (Describe) whenever the
selected weight's output neuron changes, and only if the source supports it
(a source that does not says so once, when `f` is pressed). The traced sample
lives in the source; the frame says which one it is (frame.trace).
"""

from __future__ import annotations

from dataclasses import replace

from nntui.run import commands as cmd
from nntui.tui.selection import Selection
from nntui.tui.widgets.status import StatusBar

NOT_IMAGES = "f shows what a neuron looks for on image data; this data is not images"


class LookingActions:
    """f, t, T, w, escape (mixed into NntuiApp, before App)."""

    def action_toggle_looks(self) -> None:
        if self.refuses(cmd.Describe):
            return
        if self.frame.image_shape is None:
            self.query_one(StatusBar).show_note(NOT_IMAGES)
            return
        self.selection = replace(self.selection, looks=not self.selection.looks)
        if self.selection.looks and self.tabbed:
            self.pane = "data"

    def follow_looks(self, old: Selection, new: Selection) -> None:
        """Tell the source which neuron to describe when that changes (silently nothing if it cannot)."""
        if old.looks_target == new.looks_target or self.source is None or cmd.Describe not in self.source.supports:
            return
        self.source.submit(cmd.Describe(*new.looks_target) if new.looks else cmd.Describe(None))

    def action_trace(self, step: int) -> None:
        trace = self.frame.trace
        self.send(cmd.Trace(trace.split if trace is not None else "train", step, relative=True))

    def action_trace_worst(self) -> None:
        self.send(cmd.TraceWorst())

    def action_stop_trace(self) -> None:
        if self.frame.trace is not None:  # escape means nothing else here: quiet when not tracing
            self.send(cmd.Trace(None))
