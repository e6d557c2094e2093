"""Fixtures for the data tests: isolated data folders, small IDX files, and a local HTTP mirror."""

from __future__ import annotations

import gzip
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from nntui.data.mnist import FILES


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch, tmp_path) -> Path:
    """The user cache points into tmp_path; no mirror override leaks in from the environment."""
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("NNTUI_MIRROR", raising=False)
    return cache / "nntui"


@pytest.fixture
def no_data_dir_env(monkeypatch):
    """Only the (empty, temporary) user cache is searched."""
    monkeypatch.delenv("NNTUI_DATA_DIR", raising=False)


@pytest.fixture
def unreadable(monkeypatch):
    """unreadable(path): reading `path` fails with "permission denied", even for root."""

    def make(path: Path) -> None:
        path.chmod(0)
        for method in ("read_bytes", "read_text", "open"):
            original = getattr(Path, method)

            def refuse(self, *args, _original=original, **kwargs):
                if self == path:
                    raise PermissionError(13, "Permission denied", str(path))
                return _original(self, *args, **kwargs)

            monkeypatch.setattr(Path, method, refuse)

    return make


def idx_bytes(array: np.ndarray) -> bytes:
    """An uint8 array as an IDX file: magic 0x0000080<ndim>, big-endian dims, the values."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + np.ascontiguousarray(array, np.uint8).tobytes()


@pytest.fixture
def idx_set():
    """idx_set(folder, n_train=20, n_test=5, gz=True) writes the four files; returns {file name: gzip MD5}.

    Images are seeded random pixels, labels cycle through 0..9, so the
    content is known: train label i is i % 10.
    """

    def make(folder: Path, n_train: int = 20, n_test: int = 5, gz: bool = True) -> dict[str, str]:
        rng = np.random.default_rng(7)
        arrays = {
            "train_images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
            "train_labels": (np.arange(n_train) % 10).astype(np.uint8),
            "test_images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
            "test_labels": (np.arange(n_test) % 10).astype(np.uint8),
        }
        folder.mkdir(parents=True, exist_ok=True)
        md5 = {}
        for role, name in FILES.items():
            data = idx_bytes(arrays[role])
            packed = gzip.compress(data, mtime=0)
            md5[name] = hashlib.md5(packed).hexdigest()
            if gz:
                (folder / name).write_bytes(packed)
            else:
                (folder / name.removesuffix(".gz")).write_bytes(data)
        return md5

    return make


class Mirror:
    """A tiny HTTP server on 127.0.0.1: `routes` maps a URL path to (status, body, declared length or None)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, int | None]] = {}
        self.requests: list[str] = []
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                mirror.requests.append(self.path)
                status, body, length = mirror.routes.get(self.path, (404, b"not found", None))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def url(self, prefix: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/{prefix.strip('/')}/"

    def serve_folder(self, prefix: str, folder: Path) -> None:
        """Serve every file of `folder` under /prefix/."""
        for path in folder.iterdir():
            self.routes[f"/{prefix}/{path.name}"] = (200, path.read_bytes(), None)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def mirror():
    server = Mirror()
    yield server
    server.close()
