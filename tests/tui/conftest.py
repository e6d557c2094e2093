"""Fixtures for the UI tests: fixed frames, a fake run source, an app built through make_app.

`async def` tests here run under asyncio.run (no pytest plugin needed): Textual's
`App.run_test` is an async context manager.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest
from frames import make_frame
from fake_source import FakeSource

from nntui.config import RunConfig
from nntui.tui.app import make_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture(autouse=True)
def truecolor_terminal(monkeypatch):
    """Every app here sees a truecolor terminal with colour on (the panes snap colours to what a terminal shows)."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def spiral_frame():
    return make_frame("spiral")


@pytest.fixture
def fake_app(spiral_frame):
    """(app, loop): the app driving a FakeSource that starts on the spiral frame."""
    loop = FakeSource(spiral_frame)
    return make_app(RunConfig(dataset="spiral"), loop), loop
