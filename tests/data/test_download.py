"""Fetching from mirrors (a local HTTP server on 127.0.0.1): success, MD5 mismatch, truncation, fallback."""

from __future__ import annotations

import numpy as np
import pytest

from nntui.data import DataError, FetchReport, fetch, load_dataset
from nntui.data.mnist import FILES


class Recorder(FetchReport):
    def __init__(self):
        self.events = []

    def file_skipped(self, name, path):
        self.events.append(("skipped", name))

    def file_failed(self, name, url, reason):
        self.events.append(("failed", name, reason))

    def file_done(self, name, path):
        self.events.append(("done", name))


@pytest.fixture
def served(tmp_path, idx_set, mirror):
    """Small IDX files served at /good/; returns their MD5 table."""
    md5 = idx_set(tmp_path / "source")
    mirror.serve_folder("good", tmp_path / "source")
    return md5


def test_fetch_downloads_verifies_and_loads(tmp_path, served, mirror):
    report = Recorder()
    folder = fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("good")], md5=served, report=report)
    assert folder == tmp_path / "data" / "mnist"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES.values())
    assert [e[0] for e in report.events] == ["done"] * 4
    ds = load_dataset("mnist", data_dir=str(tmp_path / "data"))
    assert ds.X_train.shape == (20, 784) and ds.y_test.tolist() == [0, 1, 2, 3, 4]
    again = Recorder()
    fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("good")], md5=served, report=again)
    assert [e[0] for e in again.events] == ["skipped"] * 4
    assert len(mirror.requests) == 4, "present files with the right MD5 are not downloaded again"


def test_default_target_is_the_user_cache(served, mirror, isolated_cache, no_data_dir_env):
    folder = fetch("mnist", mirrors=[mirror.url("good")], md5=served)
    assert folder == isolated_cache / "mnist"
    assert load_dataset("mnist").n_train == 20


def test_md5_mismatch_leaves_nothing(tmp_path, served, mirror):
    wrong = dict(served, **{FILES["train_images"]: "0" * 32})
    with pytest.raises(DataError) as info:
        fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("good")], md5=wrong)
    message = str(info.value)
    assert "could not download train-images-idx3-ubyte.gz" in message and "does not match" in message
    assert "\n" not in message
    assert list((tmp_path / "data" / "mnist").iterdir()) == []


def test_truncated_transfer_leaves_nothing(tmp_path, served, mirror):
    name = FILES["train_images"]
    body = (tmp_path / "source" / name).read_bytes()
    mirror.routes[f"/short/{name}"] = (200, body[: len(body) // 2], len(body))
    with pytest.raises(DataError) as info:
        fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("short")], md5=served)
    assert "could not download" in str(info.value)
    assert list((tmp_path / "data" / "mnist").iterdir()) == []


def test_first_mirror_404_then_the_second_is_used(tmp_path, served, mirror):
    report = Recorder()
    fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("missing"), mirror.url("good")],
          md5=served, report=report)
    failures = [e for e in report.events if e[0] == "failed"]
    assert len(failures) == 4 and all("HTTP 404" in e[2] for e in failures)
    assert mirror.requests[:2] == [f"/missing/{FILES['train_images']}", f"/good/{FILES['train_images']}"]
    assert load_dataset("mnist", data_dir=str(tmp_path / "data")).n_test == 5


def test_mirror_env_variable_is_comma_separated(tmp_path, served, mirror, monkeypatch):
    monkeypatch.setenv("NNTUI_MIRROR", f"{mirror.url('missing')}, {mirror.url('good')}")
    fetch("mnist", data_dir=str(tmp_path / "data"), md5=served)
    assert {r.split("/")[1] for r in mirror.requests} == {"missing", "good"}


def test_a_wrong_file_already_present_is_replaced(tmp_path, served, mirror):
    folder = tmp_path / "data" / "mnist"
    folder.mkdir(parents=True)
    (folder / FILES["train_labels"]).write_bytes(b"not the file")
    fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("good")], md5=served)
    assert np.array_equal(load_dataset("mnist", data_dir=str(tmp_path / "data")).y_train, np.arange(20) % 10)


def test_unreachable_mirror_and_unknown_name(tmp_path, mirror):
    port = mirror.server.server_port
    mirror.close()
    with pytest.raises(DataError, match="could not download .* from 1 mirror"):
        fetch("mnist", data_dir=str(tmp_path), mirrors=[f"http://127.0.0.1:{port}/"])
    with pytest.raises(DataError, match="only mnist, fashion-mnist are downloaded"):
        fetch("digits")


def test_an_interrupted_download_leaves_nothing(tmp_path, served, mirror):
    class Interrupt(FetchReport):
        def file_progress(self, received):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("good")], md5=served, report=Interrupt())
    assert list((tmp_path / "data" / "mnist").iterdir()) == []


def test_a_folder_that_cannot_be_created_is_one_sentence(tmp_path, served, mirror):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(DataError, match="cannot create .*file/mnist"):
        fetch("mnist", data_dir=str(blocker), mirrors=[mirror.url("good")], md5=served)


def test_truncation_is_named(tmp_path, served, mirror):
    name = FILES["train_images"]
    body = (tmp_path / "source" / name).read_bytes()
    mirror.routes[f"/short/{name}"] = (200, body[:10], len(body))
    report = Recorder()
    with pytest.raises(DataError):
        fetch("mnist", data_dir=str(tmp_path / "data"), mirrors=[mirror.url("short"), mirror.url("short")],
              md5=served, report=report)
    reasons = [e[2] for e in report.events if e[0] == "failed"]
    assert len(reasons) == 2 and all("stopped after 10 of" in r for r in reasons), reasons
