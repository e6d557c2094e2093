"""FrameReady: frames coming up from the source's thread (the panes' own messages live on their widgets).

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
