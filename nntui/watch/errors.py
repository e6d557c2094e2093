"""The errors a watched run raises: WatchError for bad use of the API, LogError for a file that is not a readable log."""

from __future__ import annotations


class WatchError(Exception):
    """A model, probe or path that nntui cannot watch; the message is one sentence naming the problem."""


class LogError(WatchError):
    """A file that is not an nntui run log, or one written by a newer format version."""
