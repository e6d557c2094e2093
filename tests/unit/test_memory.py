"""A network too large for the machine is refused in one sentence, before anything is allocated."""

from __future__ import annotations

import tracemalloc

import pytest

from nntui.config import RunConfig
from nntui.training import memory
from nntui.training.trainer import Trainer

GIB = 2**30


def expected_bytes(sizes, itemsize, state_copies, rows):
    """params × bytes × (weights + gradients + optimizer state), plus z, a, blame (and dL/da) per row in flight."""
    params = sum((i + 1) * o for i, o in zip(sizes[:-1], sizes[1:]))
    per_row = sum(3 * n for n in sizes[1:]) + sum(sizes[1:-1]) + sizes[0]
    return itemsize * (params * (1 + 1 + state_copies) + per_row * rows)


@pytest.mark.parametrize("optimizer,state", [("sgd", 0), ("momentum", 1), ("adam", 3)])
def test_the_estimate_is_the_formula_and_matches_what_a_run_allocates(optimizer, state):
    from nntui.data import load_dataset

    digits = load_dataset("digits")  # 784 inputs, 10 classes, 10000 train / 2000 test
    config = RunConfig(dataset="digits", hidden=(1024, 512), optimizer=optimizer)
    rows = 64 + 2000  # a training batch and the test set (under one evaluation chunk of 2048)
    estimate = memory.network_bytes([784, 1024, 512, 10], 4, optimizer, rows)
    assert estimate == expected_bytes([784, 1024, 512, 10], 4, state, rows)
    tracemalloc.start()
    try:
        trainer = Trainer(config, digits)
        trainer.train_step()
        trainer.evaluate()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert trainer.batch_size == 64
    assert 0.95 < estimate / peak < 1.05


def test_machine_memory_is_memavailable():
    with open("/proc/meminfo") as f:
        available = next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    assert abs(memory.machine_bytes() - available) < 256 * 2**20  # read a moment apart


def _never_started(monkeypatch) -> list:
    """Networks built and apps started from here on (each recorded, none run): [] when the check refused first."""
    import nntui.cli.learn
    import nntui.tui.app
    import nntui.tui.screenshot
    from nntui.training import trainer

    seen = []
    monkeypatch.setattr(trainer, "MLP", lambda *a, **kw: seen.append("MLP") or pytest.fail("a network was built"))
    for module, name in ((nntui.tui.app, "run_app"), (nntui.cli.learn, "run_lesson_app"),
                         (nntui.tui.screenshot, "render_screenshot")):
        monkeypatch.setattr(module, name, lambda *a, _name=name, **kw: seen.append(_name) or 0)
    return seen


@pytest.mark.parametrize("command", [["train"], [], ["screenshot", "-o", "{tmp}/x.svg"]])
def test_a_huge_network_is_refused_before_it_is_allocated(run_cli, monkeypatch, tmp_path, command):
    monkeypatch.setattr(memory, "machine_bytes", lambda: 8 * GIB)
    allocated = _never_started(monkeypatch)
    from nntui.data import load_dataset

    n_test = load_dataset("spiral").n_test
    assert n_test < 2048
    need = expected_bytes([2, 100000, 100000, 1], 4, 3, 16 + n_test)  # spiral: adam, batch 16, its whole test set
    args = [a.format(tmp=tmp_path) for a in command]
    result = run_cli(*args, "--dataset", "spiral", "--hidden", "100000,100000")
    assert (result.code, result.out, allocated) == (2, "", [])
    assert result.err == (f"nntui: a 2-100000-100000-1 network with adam needs {need / GIB:,.1f} GiB (weights, "
                          "gradients, optimizer state and batch buffers) but this machine has 8.0 GiB available; "
                          "choose smaller --hidden sizes\n")


def test_a_lesson_goes_through_the_same_check(run_cli, monkeypatch):
    monkeypatch.setattr(memory, "machine_bytes", lambda: 1000)
    started = _never_started(monkeypatch)
    result = run_cli("learn", "1")
    assert (result.code, started) == (2, [])
    assert result.err.startswith("nntui: a 2-1 network with sgd needs ") and "but this machine has 1 KiB" in result.err


def test_a_network_far_beyond_any_machine_is_refused_for_real(run_cli):
    from nntui.data import load_dataset

    result = run_cli("train", "--dataset", "spiral", "--hidden", "10000000,10000000")
    need = expected_bytes([2, 10**7, 10**7, 1], 4, 3, 16 + load_dataset("spiral").n_test)
    assert result.code == 2
    assert result.err.startswith(f"nntui: a 2-10000000-10000000-1 network with adam needs {need / GIB:,.1f} GiB")
