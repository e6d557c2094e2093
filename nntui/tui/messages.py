"""Messages: frames coming up from the source's thread, and clicks going up from the panes.

`FrameReady` is posted from the worker thread with `post_message` (thread
safe, never blocks on the UI). A newer FrameReady waiting in the queue
replaces an older one, so a slow terminal shows the latest frame instead of
working through a backlog.
"""

from __future__ import annotations

from textual.message import Message

from nntui.run.frame import Frame


class FrameReady(Message):
    """A new Frame from the run `source` (the app drops frames of a source it has replaced)."""

    def __init__(self, frame: Frame, source: object = None) -> None:
        super().__init__()
        self.frame, self.source = frame, source

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FrameReady)


class NeuronClicked(Message):
    """Neuron `index` of the network's column `column` (0 = inputs) was clicked."""

    def __init__(self, column: int, index: int) -> None:
        super().__init__()
        self.column, self.index = column, index


class WeightClicked(Message):
    """W[layer][i, j] was clicked in the heatmap."""

    def __init__(self, layer: int, i: int, j: int) -> None:
        super().__init__()
        self.layer, self.i, self.j = layer, i, j


class PaneChosen(Message):
    """A pane's tab was clicked (small terminals show one pane at a time)."""

    def __init__(self, pane_id: str) -> None:
        super().__init__()
        self.pane_id = pane_id
