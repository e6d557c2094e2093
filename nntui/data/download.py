"""Fetch MNIST-like files from public mirrors into a cache folder, MD5-verified, never half-written.

Each file streams into a temporary `.part` file beside its final name, is
hashed on the way, and is renamed into place only when its size and MD5 are
right; anything else deletes the partial file and tries the next mirror.
Progress goes to a `FetchReport`, so this module stays free of UI libraries.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nntui import __version__
from nntui.data.errors import DataError
from nntui.data.mnist import FILES, IDX_SETS, IdxSet, md5_of
from nntui.data.paths import resolve_data_dirs

MIRROR_ENV = "NNTUI_MIRROR"
CHUNK = 1 << 16
TIMEOUT = 30.0


class FetchReport:
    """Hears about a fetch as it goes; this base class stays silent."""

    def file_skipped(self, name: str, path: Path) -> None:
        """`name` was already present with the right MD5."""

    def file_started(self, name: str, url: str, total: int | None) -> None:
        """Downloading `name` from `url`; `total` bytes if the server said."""

    def file_progress(self, received: int) -> None:
        """`received` more bytes of the current file arrived."""

    def file_failed(self, name: str, url: str, reason: str) -> None:
        """This mirror did not work for `name`; the next one will be tried."""

    def file_done(self, name: str, path: Path) -> None:
        """`name` was downloaded, verified and put in place."""


class _BadDownload(Exception):
    """One mirror gave a wrong or incomplete file."""


def idx_set(name: str) -> IdxSet:
    """The fetchable dataset called `name`, or DataError listing those there are."""
    key = name.strip().lower().replace("_", "-")
    for spec in IDX_SETS:
        if spec.name == key:
            return spec
    known = ", ".join(s.name for s in IDX_SETS)
    raise DataError(f"cannot fetch {name!r}: only {known} are downloaded (the other datasets are built in)")


def mirror_list(spec: IdxSet, mirrors: list[str] | None = None) -> list[str]:
    """Mirrors to try in order: those given, else $NNTUI_MIRROR (comma-separated), else the built-in list."""
    if not mirrors:
        mirrors = os.environ.get(MIRROR_ENV, "").split(",")
    chosen = [m.strip() for m in mirrors if m.strip()]
    return chosen or list(spec.mirrors)


def target_folder(spec: IdxSet, data_dir: str | None = None) -> Path:
    """Where a fetch writes: <first data folder>/<name>/ (the user cache unless told otherwise)."""
    return resolve_data_dirs(data_dir)[0] / spec.name


def fetch(name: str, *, data_dir: str | None = None, mirrors: list[str] | None = None,
          md5: dict[str, str] | None = None, report: FetchReport | None = None) -> Path:
    """Download the four files of `name` unless already present; returns the folder they are in.

    `md5` (file name → hex digest) replaces the dataset's published checksums.
    """
    spec = idx_set(name)
    folder = target_folder(spec, data_dir)
    checksums = md5 or spec.md5
    report = report or FetchReport()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataError(f"cannot create {folder}: {e.strerror or e}") from None
    for file_name in FILES.values():
        _fetch_file(file_name, folder, checksums[file_name], mirror_list(spec, mirrors), report)
    return folder


def _fetch_file(file_name: str, folder: Path, md5: str, mirrors: list[str], report: FetchReport) -> None:
    final = folder / file_name
    if final.is_file() and md5_of(final) == md5:
        report.file_skipped(file_name, final)
        return
    reasons = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + file_name
        try:
            _download(url, final, md5, report)
        except _BadDownload as e:
            reasons.append(str(e))
            report.file_failed(file_name, url, str(e))
            continue
        report.file_done(file_name, final)
        return
    raise DataError(f"could not download {file_name} from {len(mirrors)} mirror(s) "
                    f"(last error: {reasons[-1]}); check the connection or pass --mirror URL")


def _download(url: str, final: Path, md5: str, report: FetchReport) -> None:
    """Stream `url` into a .part file beside `final`; rename it only if complete with the right MD5.

    Network trouble and a wrong file raise _BadDownload; a disk error raises
    DataError; whatever the report raises passes through untouched.
    """
    part = final.with_name(f".{final.name}.{os.getpid()}.part")
    response = _open(url)
    try:
        with _disk_errors(part):
            out = part.open("wb")
        with out:
            total = response.length
            report.file_started(final.name, url, total)
            digest, received = hashlib.md5(), 0
            for chunk in _chunks(response):
                with _disk_errors(part):
                    out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                report.file_progress(len(chunk))
        if total is not None and received < total:
            raise _BadDownload(f"the transfer stopped after {received} of {total} bytes")
        if digest.hexdigest() != md5:
            raise _BadDownload(f"MD5 {digest.hexdigest()} does not match the expected {md5}")
        with _disk_errors(part):
            part.replace(final)
    finally:
        response.close()
        part.unlink(missing_ok=True)


def _open(url: str):
    request = urllib.request.Request(url, headers={"User-Agent": f"nntui/{__version__}"})
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as e:
        raise _BadDownload(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise _BadDownload(str(e.reason)) from None
    except (http.client.HTTPException, OSError, ValueError) as e:
        raise _BadDownload(str(e) or type(e).__name__) from None


def _chunks(response) -> Iterator[bytes]:
    """The response body in pieces; a broken connection raises _BadDownload."""
    while True:
        try:
            chunk = response.read(CHUNK)
        except http.client.IncompleteRead:
            return  # the size check after the loop names the shortfall
        except (http.client.HTTPException, OSError) as e:
            raise _BadDownload(str(e) or type(e).__name__) from None
        if not chunk:
            return
        yield chunk


@contextmanager
def _disk_errors(path: Path):
    """Turn an OSError writing `path` into DataError."""
    try:
        yield
    except OSError as e:
        raise DataError(f"cannot write {path.parent}: {e.strerror or e}") from None
