"""FrameReady: frames coming up from the source's thread (the panes' own messages live on their widgets).

The source's thread hands its frames to a `FrameMailbox`, which posts a
`FrameReady` (`post_message`: thread safe, never blocks on the UI) only
when the app has taken in the one before: one frame is in flight, and the
app shows the newest when it gets to it. A UI thread held up (a stalled SSH
link blocks its writes, so Textual's writer and then the app wait) holds
one frame however long it waits, not every frame the trainer made
meanwhile: on MNIST those came to 2.5 MB a second, a lost run within hours.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.message import Message

from nntui.run.frame import Frame


class FrameReady(Message):
    """A new Frame from the run `source` (the app drops frames of a source it has replaced)."""

    def __init__(self, frame: Frame, source: object = None) -> None:
        super().__init__()
        self.frame, self.source = frame, source

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FrameReady)


class FrameMailbox:
    """The newest frame of a source, and whether a FrameReady for it is on its way to the app."""

    def __init__(self, post: Callable[[Message], object]):
        self._post = post
        self._lock = threading.Lock()
        self._newest: FrameReady | None = None  # left by the source's thread, not yet taken in

    def put(self, frame: Frame, source: object) -> None:
        """Leave `frame` as the newest (the source's thread); post a FrameReady unless one is on its way."""
        message = FrameReady(frame, source)
        with self._lock:
            in_flight, self._newest = self._newest is not None, message
        if not in_flight and not self._post(message):  # the app is closing: nothing is on its way
            with self._lock:
                if self._newest is message:
                    self._newest = None

    def take(self, message: FrameReady) -> FrameReady:
        """The newest frame to show for `message` (the app's thread); the source may post again."""
        with self._lock:
            newest, self._newest = self._newest, None
        return newest or message
