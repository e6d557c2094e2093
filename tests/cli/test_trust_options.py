"""Run options that make no sense end in one sentence and exit 2, before any data is loaded."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args,line", [
    (["train", "--dataset", "xor", "--seed", "-1"], "nntui: --seed must be zero or more (got -1)"),
    (["train", "--dataset", "xor", "--hidden", "0"],
     "nntui: --hidden sizes must be ≥ 1; '' means no hidden layer (got '0')"),
    (["train", "--dataset", "xor", "--hidden", "8,0"],
     "nntui: --hidden sizes must be ≥ 1; '' means no hidden layer (got '8,0')"),
    (["--dataset", "xor", "--hidden", "-3"],
     "nntui: --hidden sizes must be ≥ 1; '' means no hidden layer (got '-3')"),
])
def test_bad_seed_and_hidden_sizes(run_cli, args, line):
    result = run_cli(*args)
    assert (result.code, result.err) == (2, line + "\n")


def test_empty_hidden_still_means_no_hidden_layer(run_cli):
    result = run_cli("train", "--dataset", "xor", "--hidden", "", "--steps", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].startswith("done: xor 2-1 ")
