"""A record's payload: a small JSON object plus named NumPy arrays stored as `.npy` bytes (never pickle).

    payload = u32 JSON length + JSON + the arrays' .npy bytes, one after another

The JSON holds the caller's fields and `"arrays": [[name, nbytes], ...]`
in the order the arrays follow.
"""

from __future__ import annotations

import io
import json
import struct
from collections.abc import Mapping

import numpy as np

_LEN = struct.Struct("<I")


def _npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def pack(fields: Mapping, arrays: Mapping[str, np.ndarray] | None = None) -> bytes:
    """Encode fields (JSON-able) and arrays into one payload."""
    blobs = [(name, _npy(np.asarray(a))) for name, a in (arrays or {}).items()]
    head = json.dumps({**fields, "arrays": [[name, len(blob)] for name, blob in blobs]},
                      separators=(",", ":")).encode()
    return b"".join([_LEN.pack(len(head)), head, *(blob for _, blob in blobs)])


def unpack(payload: bytes | memoryview) -> tuple[dict, dict[str, np.ndarray]]:
    """(fields, arrays) of a payload written by pack."""
    payload = memoryview(payload)
    (n,) = _LEN.unpack_from(payload, 0)
    fields = json.loads(bytes(payload[4:4 + n]))
    arrays, at = {}, 4 + n
    for name, size in fields.pop("arrays"):
        arrays[name] = np.load(io.BytesIO(payload[at:at + size]), allow_pickle=False)
        at += size
    return fields, arrays
