"""Bad input across every command: exit 2, exactly one line on stderr, never a traceback.

Corrupt checkpoints go through the real CLI (`--init-from` and `--resume`):
truncated, wrong shapes, and an object array whose unpickling would create a
file. The file never appears, so nothing was unpickled.
"""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

MARKER = "unpickled-marker"


class _TouchOnUnpickle:
    """Pickles to a call of Path.touch: unpickling it creates the marker file."""

    def __init__(self, path: pathlib.Path):
        self.path = path

    def __reduce__(self):
        return (pathlib.Path.touch, (self.path,))


@pytest.fixture
def files(run_cli, tmp_path):
    """Bad files next to one good xor checkpoint; `files[name]` is a path as a string."""
    good = tmp_path / "good.npz"
    assert run_cli("train", "--dataset", "xor", "--steps", "3", "--checkpoint-out", str(good)).code == 0
    arrays = dict(np.load(good))
    made = {"good": good}

    made["truncated"] = tmp_path / "truncated.npz"
    made["truncated"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])

    made["wrong_shapes"] = tmp_path / "wrong_shapes.npz"
    np.savez(made["wrong_shapes"], **{**arrays, "W0": arrays["W0"].T.copy()})

    made["pickled"] = tmp_path / "pickled.npz"
    payload = np.empty(1, dtype=object)
    payload[0] = _TouchOnUnpickle(tmp_path / MARKER)
    np.savez(made["pickled"], **{**arrays, "W0": payload})  # savez pickles object arrays

    made["raw_pickle"] = tmp_path / "raw_pickle.npz"
    np.save(made["raw_pickle"].with_suffix(""), payload, allow_pickle=True)  # a .npy holding a pickle
    made["raw_pickle"].with_suffix(".npy").rename(made["raw_pickle"])

    made["nan_weights"] = tmp_path / "nan_weights.npz"
    np.savez(made["nan_weights"], **{**arrays, "W1": np.full_like(arrays["W1"], np.nan)})

    made["no_config"] = tmp_path / "no_config.npz"
    np.savez(made["no_config"], **{k: v for k, v in arrays.items() if k != "meta"})

    made["text_csv"] = tmp_path / "text.csv"
    made["text_csv"].write_text("a,b,label\nx,y,1\nz,w,0\n")
    made["empty_csv"] = tmp_path / "empty.csv"
    made["empty_csv"].write_text("")
    made["folder"] = tmp_path
    made["gone_csv"] = tmp_path / "gone.csv"
    made["gone_csv"].write_text("x,y,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    made["csv_session"] = tmp_path / "csv_session.npz"  # a session whose CSV has since been deleted
    assert run_cli("train", "--data", str(made["gone_csv"]), "--steps", "1",
                   "--checkpoint-out", str(made["csv_session"])).code == 0
    made["gone_csv"].unlink()
    return {name: str(path) for name, path in made.items()}


# (arguments with {file} placeholders, words the one line must contain)
BAD = [
    (["train", "--init-from", "{truncated}"], "truncated or not an .npz"),
    (["train", "--init-from", "{wrong_shapes}"], "has W0 of shape (4, 2)"),
    (["train", "--init-from", "{pickled}"], "pickled objects"),
    (["train", "--init-from", "{raw_pickle}"], "not an .npz file"),
    (["train", "--init-from", "{nan_weights}"], "non-finite"),
    (["train", "--dataset", "spiral", "--init-from", "{good}"], "is for a 2-4-1 network"),
    (["--init-from", "{pickled}"], "pickled objects"),
    (["--resume", "{truncated}"], "truncated or not an .npz"),
    (["--resume", "{wrong_shapes}"], "has W0 of shape (4, 2)"),
    (["--resume", "{pickled}"], "pickled objects"),
    (["--resume", "{raw_pickle}"], "not an .npz file"),
    (["--resume", "{no_config}"], "no valid 'meta' entry"),
    (["--resume", "{folder}/missing.npz"], "does not exist"),
    (["--resume", "{csv_session}"], "gone.csv"),
    (["--resume"], "there is no saved session to resume"),
    (["--resume", "{good}", "--lr", "0.1"], "--lr cannot be given with it"),
    (["--resume", "{good}", "--hidden", "8"], "--hidden cannot be given with it"),
    (["--resume", "{good}", "--metrics-out", "{folder}"], "is a folder"),
    (["train", "--data", "{text_csv}"], "text.csv"),
    (["train", "--data", "{empty_csv}"], "empty.csv"),
    (["train", "--data", "{gone_csv}"], "gone.csv"),
    (["train", "--dataset", "xor", "--metrics-out", "{folder}/no/such/dir/m.jsonl"], "does not exist"),
    (["train", "--dataset", "xor", "--checkpoint-out", "{folder}"], "is a folder"),
    (["--fps", "0"], "--fps must be between 0 and 120"),
    (["--speed", "-1"], "--speed must be zero or more"),
    (["--dataset", "nope"], "nope"),
    (["--lr", "inf"], "--lr must be a finite number"),
    (["datasets", "fetch", "nope"], "nope"),
    (["datasets", "list", "--bogus"], "No such option"),
    (["screenshot", "--size", "5x5"], "--size takes COLUMNSxROWS"),
    (["screenshot", "--init-from", "{pickled}"], "pickled objects"),
    (["frobnicate"], "No such command"),
]


@pytest.mark.parametrize("args,expected", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_exit_2_and_one_line(run_cli, files, tmp_path, args, expected):
    result = run_cli(*(arg.format(**files) for arg in args))
    assert result.code == 2, result
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("nntui: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.err + result.out
    assert not (tmp_path / MARKER).exists()


def test_the_pickle_payload_is_live(files, tmp_path):
    """The check above means something: loading the file with pickle allowed does create the marker."""
    with np.load(files["pickled"], allow_pickle=True) as data:
        data["W0"]
    assert (tmp_path / MARKER).exists()
