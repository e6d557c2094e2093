"""The engine, data and training layers never import textual or rich (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["nntui.nn", "nntui.data", "nntui.training.loop", "nntui.training.headless_core"])
def test_module_imports_no_ui_library(module):
    if module.endswith("headless_core"):
        module = "nntui.training.trainer"
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_nntui_and_its_watch_api_import_no_torch():
    code = (
        "import sys, nntui\n"
        "nntui.Recorder, nntui.read_run, nntui.WatchError, nntui.watch\n"
        "import nntui.watch.recorder, nntui.watch.run, nntui.watch.control\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'textual', 'rich'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
