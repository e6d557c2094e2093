"""`nntui screenshot` and `nntui serve` check their options as `nntui train` does, before doing anything."""

from __future__ import annotations

import pytest


def test_screenshot_into_a_missing_folder_is_refused_and_not_created(run_cli, tmp_path):
    out = tmp_path / "nonexistent" / "x.svg"
    result = run_cli("screenshot", "--dataset", "xor", "--steps", "1", "-o", str(out))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"nntui: --output {out}: the folder {out.parent} does not exist\n"
    assert not out.parent.exists()


@pytest.mark.parametrize("size", ["40x12", "59x20", "60x19"])
def test_screenshot_below_the_apps_minimum_size_is_refused(run_cli, tmp_path, size):
    from nntui.tui.app import MIN_SIZE

    assert MIN_SIZE == (60, 20)
    result = run_cli("screenshot", "--dataset", "xor", "--size", size, "-o", str(tmp_path / "x.svg"))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"nntui: --size takes COLUMNSxROWS between 60x20 and 300x120, like 120x40 (got {size!r})\n"
    assert not (tmp_path / "x.svg").exists()


def test_screenshot_at_the_minimum_size_works(run_cli, tmp_path):
    out = tmp_path / "x.svg"
    assert run_cli("screenshot", "--dataset", "xor", "--steps", "1", "--size", "60x20", "-o", str(out)).code == 0
    assert out.is_file()


@pytest.mark.parametrize("args,line", [
    (["--lr", "nan"], "nntui: --lr must be a finite number greater than zero (got nan)"),
    (["--seed", "-1"], "nntui: --seed must be zero or more (got -1)"),
    (["--fps", "500"], "nntui: --fps must be between 0 and 120 (got 500.0)"),
])
def test_serve_checks_the_app_options_before_serving(run_cli, monkeypatch, args, line):
    import textual_serve.server

    served = []
    monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, *a, **kw: served.append(self))
    result = run_cli("serve", "--port", "8765", "--", *args)
    assert (result.code, result.err, served) == (2, line + "\n", [])
