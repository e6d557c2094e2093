"""A torn or damaged log: the reader returns every complete record before the damage and names it in one line."""

from __future__ import annotations

import pytest
from logs import write_log

from nntui.watch import frames
from nntui.watch.reader import TailReader
from nntui.watch.records import Snapshot
from nntui.watch.run import read_run


def boundaries(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, type) of every record, found by an independent walk over the length fields."""
    out, at = [], frames.HEADER_SIZE
    while at < len(data):
        length, _, kind = frames.FRAME.unpack_from(data, at)
        out.append((at, at + frames.FRAME_SIZE + length, kind))
        at = out[-1][1]
    return out


@pytest.fixture(scope="module")
def log_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("log") / "r.nnt"
    write_log(path, steps=2, every=2)
    return path.read_bytes()


def read(path, final=True):
    with TailReader(path) as reader:
        records = reader.poll(final=final)
        return records, reader


def test_truncated_at_every_byte_of_its_last_record(tmp_path, log_bytes):
    records = boundaries(log_bytes)
    start, end, kind = max((r for r in records if r[2] == frames.SNAPSHOT), key=lambda r: r[0])
    path = tmp_path / "cut.nnt"
    for cut in range(start, end):
        path.write_bytes(log_bytes[:cut])
        got, reader = read(path)
        assert len(got) == records.index((start, end, kind))
        assert reader.offset == start
        if cut == start:  # the file ends between two records: nothing is damaged
            assert reader.damage is None
            continue
        assert reader.damage.startswith("a torn ") and f"offset {start}:" in reader.damage
        assert "\n" not in reader.damage
    path.write_bytes(log_bytes[:end])
    got, reader = read(path)
    assert isinstance(got[-1], Snapshot) and reader.damage is None


def test_a_live_reader_waits_on_a_torn_tail_then_reads_the_record_once_complete(tmp_path, log_bytes):
    start, end, _ = boundaries(log_bytes)[-1]
    path = tmp_path / "live.nnt"
    path.write_bytes(log_bytes[:start + 5])
    with TailReader(path) as reader:
        first = reader.poll()
        assert reader.pending.startswith("a torn") and reader.damage is None and not reader.ended
        assert reader.poll() == []  # nothing new: still pending, still no damage
        with path.open("ab") as f:
            f.write(log_bytes[start + 5:])
        last = reader.poll()
        assert len(first) + len(last) == len(boundaries(log_bytes))
        assert reader.ended and reader.pending is None and reader.damage is None


def test_the_header_still_being_written_is_pending_not_an_error(tmp_path, log_bytes):
    path = tmp_path / "h.nnt"
    path.write_bytes(log_bytes[:5])
    with TailReader(path) as reader:
        assert reader.poll() == [] and reader.pending == "the log's header is not written yet"


def test_a_flipped_byte_anywhere_in_a_record_stops_the_reader_there(tmp_path, log_bytes):
    records = boundaries(log_bytes)
    index = next(i for i, r in enumerate(records) if r[2] == frames.SNAPSHOT)
    start, end, _ = records[index]
    path = tmp_path / "flip.nnt"
    # every byte of the frame (length, CRC, type), then every 13th byte of the payload and its last one
    for at in [*range(start, start + frames.FRAME_SIZE), *range(start + frames.FRAME_SIZE, end, 13), end - 1]:
        data = bytearray(log_bytes)
        data[at] ^= 0xFF
        path.write_bytes(bytes(data))
        run = read_run(path)
        assert len(run.snapshots) == 0 and run.end is None  # the first snapshot and all after it are not read
        assert run.meta is not None and len(run.scalars) > 0  # the records before it are
        assert f"offset {start}" in run.damage and "\n" not in run.damage


def test_bytes_after_the_end_record_are_named(tmp_path, log_bytes):
    path = tmp_path / "extra.nnt"
    path.write_bytes(log_bytes + b"junk")
    run = read_run(path)
    assert run.end is not None
    assert run.damage == f"4 bytes after the end record at offset {len(log_bytes)}"
