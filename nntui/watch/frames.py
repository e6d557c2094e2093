"""The run log's framing: a versioned header, then records of (length, CRC32, type, payload).

Layout, all integers little-endian:

    header  = b"NNTUILOG" + u32 format version                      (12 bytes)
    record  = u32 payload length + u32 CRC32 + u8 type + payload     (9 bytes + payload)

The CRC32 (zlib) covers the type byte and the payload. A record is only
ever appended whole, so a reader can trust every record whose length fits in
the file and whose checksum matches, and must stop at the first that does not.
"""

from __future__ import annotations

import struct
import zlib

from nntui.watch.errors import LogError

MAGIC = b"NNTUILOG"
VERSION = 1
HEADER = MAGIC + struct.pack("<I", VERSION)
HEADER_SIZE = len(HEADER)
FRAME = struct.Struct("<IIB")
FRAME_SIZE = FRAME.size
MAX_PAYLOAD = 1 << 30  # a length beyond this is damage, not a record still being written

# record types
META, SCALARS, EVAL, SNAPSHOT, DROPPED, EVENT, END = 1, 2, 3, 4, 5, 6, 7
TYPE_NAMES = {META: "meta", SCALARS: "scalars", EVAL: "eval", SNAPSHOT: "snapshot",
              DROPPED: "dropped", EVENT: "event", END: "end"}


def frame(kind: int, payload: bytes) -> bytes:
    """One record, ready to append."""
    crc = zlib.crc32(payload, zlib.crc32(bytes((kind,))))
    return FRAME.pack(len(payload), crc, kind) + payload


def check_header(head: bytes, name: str) -> None:
    """Raise LogError when `head` (the file's first bytes, at least HEADER_SIZE) is not a log this code reads."""
    if head[:len(MAGIC)] != MAGIC:
        raise LogError(f"{name} is not an nntui run log (it does not start with {MAGIC.decode()}).")
    (version,) = struct.unpack_from("<I", head, len(MAGIC))
    if version > VERSION:
        raise LogError(f"{name} is a run log of format {version}, newer than this nntui reads "
                       f"(up to {VERSION}); upgrade nntui to read it.")


class Torn(Exception):
    """The bytes at an offset are not (yet) a whole, valid record; `reason` says what is there."""

    def __init__(self, offset: int, reason: str):
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def parse(buf: bytes | memoryview, offset: int, base: int) -> tuple[int, memoryview, int]:
    """(type, payload, next offset) of the record at buf[offset:]; Torn when it is incomplete or damaged.

    `base` is the file offset of buf[0], used only to name offsets in messages.
    """
    at = base + offset
    have = len(buf) - offset
    if have < FRAME_SIZE:
        raise Torn(at, f"a torn record at offset {at}: {have} of its {FRAME_SIZE} header bytes are present")
    length, crc, kind = FRAME.unpack_from(buf, offset)
    if length > MAX_PAYLOAD or kind not in TYPE_NAMES:
        raise Torn(at, f"a damaged record header at offset {at} (type {kind}, length {length})")
    end = offset + FRAME_SIZE + length
    if end > len(buf):
        raise Torn(at, f"a torn {TYPE_NAMES[kind]} record at offset {at}: "
                       f"{have - FRAME_SIZE} of its {length} payload bytes are present")
    payload = memoryview(buf)[offset + FRAME_SIZE:end]
    if zlib.crc32(payload, zlib.crc32(bytes((kind,)))) != crc:
        raise Torn(at, f"a damaged {TYPE_NAMES[kind]} record at offset {at}: its CRC32 does not match "
                       f"its {length} bytes")
    return kind, payload, end
