"""The IDX format MNIST ships in: read a gzip or raw file into a uint8 array, checking every header field.

An IDX file is a 4-byte magic number (0, 0, type 0x08 for unsigned bytes, the
number of dimensions), one big-endian uint32 per dimension, then the values
in row-major order. Images are 0x00000803 (count, rows, cols), labels
0x00000801 (count).
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import numpy as np

from nntui.data.errors import DataError, file_error

IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801
GZIP_MAGIC = b"\x1f\x8b"


def read_bytes(path: Path) -> bytes:
    """The file's content, un-gzipped if it is gzip; DataError if it cannot be read or is corrupt."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise file_error(path, e, "an IDX file") from None
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        raise DataError(f"{path} is a truncated or corrupt gzip file; delete it and fetch it again") from None


def read_idx(path: Path, magic: int) -> np.ndarray:
    """The array in an IDX file whose magic number must be `magic`: uint8 with the file's dimensions."""
    data = read_bytes(path)
    found = int.from_bytes(data[:4], "big") if len(data) >= 4 else None
    if found != magic:
        what = f"0x{found:08x}" if found is not None else f"only {len(data)} bytes"
        raise DataError(f"{path} is not the expected IDX file: magic number 0x{magic:08x} wanted, found {what}")
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{path} is truncated: its header needs {header} bytes but the file has {len(data)}")
    dims = tuple(int(d) for d in np.frombuffer(data, ">u4", count=ndim, offset=4))
    expected = header + int(np.prod(dims, dtype=np.int64))
    if len(data) != expected:
        shape = "×".join(map(str, dims))
        raise DataError(f"{path} has {len(data)} bytes but a {shape} IDX file needs {expected}; "
                        "it is truncated or damaged")
    return np.frombuffer(data, np.uint8, offset=header).reshape(dims)


def read_images_and_labels(images_path: Path, labels_path: Path, n_classes: int
                           ) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """Flattened uint8 images (n, rows·cols), int64 labels (n,) and (rows, cols) from a matching pair of IDX files."""
    images = read_idx(images_path, IMAGES_MAGIC)
    labels = read_idx(labels_path, LABELS_MAGIC)
    if len(images) != len(labels):
        raise DataError(f"{images_path.name} holds {len(images)} images but {labels_path.name} holds "
                        f"{len(labels)} labels; they must match")
    if len(labels) and labels.max() >= n_classes:
        raise DataError(f"{labels_path} has label {labels.max()}, outside 0..{n_classes - 1}")
    return images.reshape(len(images), -1), labels.astype(np.int64), images.shape[1:]
