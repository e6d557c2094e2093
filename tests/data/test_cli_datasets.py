"""`nntui datasets list|fetch` through click: plain output off a terminal, exit 2 and one line on errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from nntui.cli.datasets import datasets_group
from nntui.data.mnist import FILES, MNIST


@pytest.fixture
def run(no_data_dir_env):
    def invoke(*args: str):
        return CliRunner().invoke(datasets_group, list(args))

    return invoke


def test_list_prints_every_dataset_plainly(run):
    result = run("list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["name", "task", "inputs"]
    rows = {line.split()[0]: line for line in lines if line and not line.startswith(" ")}
    assert "2 → 2 classes" in rows["weather"] and "320 / 80" in rows["weather"]
    assert "784 (28×28) → 10 classes" in rows["mnist"] and "60000 / 10000" in rows["mnist"]
    assert "1 → 1 value" in rows["sine"]
    assert "run `nntui datasets fetch mnist`" in result.output
    assert "weather.csv" in result.output and "\x1b[" not in result.output


def test_list_says_where_present_files_are(run, tmp_path, idx_set):
    idx_set(tmp_path / "mnist")
    result = run("list", "--data-dir", str(tmp_path))
    assert f"files in {tmp_path / 'mnist'}" in result.output
    assert "run `nntui datasets fetch fashion-mnist`" in result.output


def test_fetch_through_the_cli(run, tmp_path, idx_set, mirror, monkeypatch):
    md5 = idx_set(tmp_path / "source")
    mirror.serve_folder("m", tmp_path / "source")
    for name, digest in md5.items():
        monkeypatch.setitem(MNIST.md5, name, digest)
    result = run("fetch", "mnist", "--mirror", mirror.url("nothing"), "--mirror", mirror.url("m"),
                 "--data-dir", str(tmp_path / "data"))
    assert result.exit_code == 0, result.output
    assert f"mnist is ready in {tmp_path / 'data' / 'mnist'}" in result.output
    assert "HTTP 404" in result.stderr
    assert sorted(p.name for p in (tmp_path / "data" / "mnist").iterdir()) == sorted(FILES.values())


@pytest.mark.parametrize("args,words", [
    (("fetch", "digits"), "only mnist, fashion-mnist are downloaded"),
    (("fetch", "mnist", "--mirror", "http://127.0.0.1:9/"), "could not download"),
])
def test_errors_exit_2_with_one_line(run, tmp_path, args, words):
    result = run(*args, "--data-dir", str(tmp_path))
    assert result.exit_code == 2
    err = [line for line in result.stderr.splitlines() if not line.startswith("train-images")]
    assert len(err) == 1 and words in err[0] and "Traceback" not in result.output


def test_the_real_entry_point_prints_one_line(tmp_path, monkeypatch, capsys):
    from nntui.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        main(["datasets", "fetch", "nope"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and err.count("\n") == 1 and err.startswith("nntui: cannot fetch 'nope'")
