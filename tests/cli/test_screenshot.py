"""`nntui screenshot`: a deterministic SVG of the app after N steps, and one-line errors."""

from __future__ import annotations

import re

import pytest


def _svg_text(path) -> str:
    """The visible text of a Textual SVG screenshot (spans joined, entities decoded)."""
    svg = path.read_text()
    text = "".join(re.findall(r">([^<>]*)</text>", svg))
    return text.replace("&#160;", " ").replace("&amp;", "&")


def test_writes_the_app_after_exactly_n_steps(run_cli, tmp_path):
    out = tmp_path / "xor.svg"
    result = run_cli("screenshot", "--dataset", "xor", "--steps", "7", "--size", "100x30", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.strip() == f"wrote {out} (100x30, step 7)"
    text = _svg_text(out)
    assert "step 7" in text and "xor" in text and "paused" in text


def test_the_same_options_give_the_same_picture(run_cli, tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for path in (a, b):
        assert run_cli("screenshot", "--dataset", "sine", "--steps", "20", "-o", str(path)).code == 0
    assert _svg_text(a) == _svg_text(b)


@pytest.mark.parametrize("args,words", [
    (("--size", "12x3"), "--size takes COLUMNSxROWS between 60x20 and 300x120"),
    (("--size", "wide"), "--size takes COLUMNSxROWS"),
    (("-o", "shot.png"), "--output must name an .svg file"),
    (("--lr", "1000", "--dataset", "spiral"), "training diverged at step"),
])
def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path, args, words):
    result = run_cli("screenshot", *args, *([] if "-o" in args else ["-o", str(tmp_path / "x.svg")]))
    assert result.code == 2
    assert words in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err
