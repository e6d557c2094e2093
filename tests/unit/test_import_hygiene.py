"""Layers import only what they may (each checked in a fresh interpreter, through `sys.modules`).

The engine, data, the run seam and training never import textual or rich;
the run seam imports no training code either; and no module of the app
(nntui.tui) imports nntui's training code: the CLI builds the run source and
hands it to the app.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import nntui.tui

UI_LIBRARIES = ("textual", "rich")
TUI_MODULES = sorted(m.name for m in pkgutil.walk_packages(nntui.tui.__path__, "nntui.tui."))


def imported_by(module: str, then: str = "") -> set[str]:
    """Every module in `sys.modules` after importing `module` (and running `then`) in a fresh interpreter."""
    code = f"import sys, {module}\n{then}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def under(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.mark.parametrize("module", ["nntui.nn", "nntui.data", "nntui.run.source", "nntui.training.loop",
                                    "nntui.training.session", "nntui.training.headless"])
def test_module_imports_no_ui_library(module):
    assert under(imported_by(module), *UI_LIBRARIES) == []


def test_the_run_seam_imports_no_training_code():
    assert under(imported_by("nntui.run.source"), "nntui.training", "torch") == []


def test_the_list_of_app_modules_is_complete():
    assert {"nntui.tui.app", "nntui.tui.keeper", "nntui.tui.lesson_app", "nntui.tui.screenshot",
            "nntui.tui.widgets.network"} <= set(TUI_MODULES)


@pytest.mark.parametrize("module", TUI_MODULES)
def test_no_app_module_imports_the_training_code(module):
    assert under(imported_by(module), "nntui.training") == []


def test_import_nntui_and_its_watch_api_import_no_torch():
    modules = imported_by("nntui, nntui.watch.recorder, nntui.watch.run, nntui.watch.control",
                          then="nntui.Recorder, nntui.read_run, nntui.WatchError, nntui.watch")
    assert under(modules, "torch", *UI_LIBRARIES) == []
