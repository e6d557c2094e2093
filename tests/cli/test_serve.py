"""`nntui serve`: a real server on a free loopback port serves the page and runs the app over its websocket."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from nntui.cli.serve import INSTALL_HINT, PAGE_TITLE, _is_loopback, app_command

BOUNDED_TRIES = 600  # polls of 0.05 s while the server starts: bounded, never a timing assertion


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return None


async def _app_output(port: int, wanted: bytes) -> bytes:
    """Open the page's websocket as the browser does and collect the app's output until `wanted` shows."""
    import aiohttp

    seen = b""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=120&height=40") as ws:
            for _ in range(BOUNDED_TRIES):
                message = await ws.receive(timeout=30)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
                if wanted in seen:
                    break
    return seen


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = dict(os.environ, NNTUI_STATE_DIR=str(tmp_path / "state"))
    process = subprocess.Popen(
        [sys.executable, "-m", "nntui", "serve", "--host", "127.0.0.1", "--port", str(port), "--", "--steps", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )
    yield process, port
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    process.communicate(timeout=30)


def test_serve_page_and_app_over_websocket(server):
    process, port = server
    page = None
    for _ in range(BOUNDED_TRIES):
        page = _get(f"http://127.0.0.1:{port}/")
        if page is not None or process.poll() is not None:
            break
        time.sleep(0.05)
    assert page is not None, process.stderr.read().decode() if process.poll() is not None else "no answer"
    status, body = page
    assert status == 200
    assert PAGE_TITLE in body
    assert f"ws://127.0.0.1:{port}/ws" in body
    output = asyncio.run(_app_output(port, b"spiral"))
    assert b"spiral" in output  # the status line of the app itself, rendered for the browser
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=30) is not None


def test_default_host_is_loopback_and_a_busy_port_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.listen()
        result = subprocess.run([sys.executable, "-m", "nntui", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"nntui: cannot listen on 127.0.0.1:{port}:")


def test_missing_textual_serve_names_the_extra(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if not installed
    result = run_cli("serve")
    assert result.code == 2
    assert result.err == f"nntui: {INSTALL_HINT}\n"


def test_bad_app_option_fails_before_serving(run_cli):
    result = run_cli("serve", "--", "--bogus")
    assert result.code == 2
    assert result.err == "nntui: No such option '--bogus'.\n"


def test_loopback_and_command():
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("example.org")
    assert app_command(("--dataset", "moons")) == f"{sys.executable} -m nntui --dataset moons"
