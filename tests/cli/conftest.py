"""Run the real `nntui` entry point in-process and capture what a user would see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nntui.cli import main


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    """run_cli(*args) → CliResult; the user's state and data folders point into tmp_path."""
    monkeypatch.setenv("NNTUI_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        captured = capsys.readouterr()
        return CliResult(int(exit_info.value.code or 0), captured.out, captured.err)

    return run
