"""Reading a run log, live or finished: a tailing reader that returns only complete, checksummed records.

`TailReader.poll()` returns the records appended since the last call and
remembers where it stopped. Bytes that are not (yet) a whole valid record are
"pending" while the run is live: the writer may be in the middle of them.
Once the run has ended (an end record was read, or the caller says so with
`poll(final=True)`), whatever is left is damage, and `damage` names it in one
line with its offset.
"""

from __future__ import annotations

import os
from pathlib import Path

from nntui.watch import frames
from nntui.watch.errors import LogError
from nntui.watch.records import End, decode

_CHUNK = 1 << 20


class TailReader:
    """Follows one run log; `poll()` → new records; `ended`, `pending`, `damage` describe where it stopped."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self._file = open(self.path, "rb")
        except OSError as e:
            raise LogError(f"cannot read the run log {self.path}: {e.strerror or e}.") from None
        self._buf = b""
        self._base = 0  # file offset of _buf[0]
        self._headed = False
        self.ended = False
        self.pending: str | None = None  # what stops the reader while the run is live
        self.damage: str | None = None  # the same, once the run has ended

    @property
    def offset(self) -> int:
        """File offset just past the last record returned."""
        return self._base

    def poll(self, final: bool = False) -> list:
        """The records appended since the last poll; final=True says the run is over (the rest is damage)."""
        self._buf += self._file.read()
        if not self._headed and not self._read_header(final):
            return []
        records = []
        at = 0
        self.pending = None
        while at < len(self._buf) and not self.ended:
            try:
                kind, payload, at_next = frames.parse(self._buf, at, self._base)
            except frames.Torn as torn:
                self.pending = torn.reason
                break
            records.append(decode(kind, payload))
            self.ended = isinstance(records[-1], End)
            at = at_next
        self._buf, self._base = self._buf[at:], self._base + at
        if self.ended and self._buf and self.pending is None:
            self.pending = f"{len(self._buf)} bytes after the end record at offset {self._base}"
        if (final or self.ended) and self.pending is not None:
            self.damage = self.pending
        return records

    def _read_header(self, final: bool) -> bool:
        if len(self._buf) < frames.HEADER_SIZE:
            if final or not frames.MAGIC.startswith(self._buf[:len(frames.MAGIC)]):
                raise LogError(f"{self.path} is not an nntui run log (it is shorter than a log's header "
                               "or does not start with NNTUILOG).")
            self.pending = "the log's header is not written yet"
            return False
        frames.check_header(self._buf, str(self.path))
        self._buf, self._base, self._headed = self._buf[frames.HEADER_SIZE:], frames.HEADER_SIZE, True
        return True

    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
