"""Never losing a run, in the Pilot: divergence, --metrics-out, resume, unexpected errors, and a key fuzz."""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import asdict

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pilot_helpers import text_of, wait_for

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.run import commands as cmd
from nntui.training.checkpoint import load_checkpoint
from nntui.training.frame_maker import HISTORY_SHOWN
from nntui.run.frame import DIVERGED, PAUSED, RUNNING
from nntui.training.loop import TrainerLoop
from nntui.training.metrics import metrics_record
from nntui.training.session import resume, save_session
from nntui.tui.app import make_app
from nntui.tui.keeper import RunKeeper
from nntui.tui.keys import KEYMAP
from nntui.tui.selection import Selection
from nntui.tui.widgets.loss import LossPane

SIZE = (120, 40)


@pytest.fixture(scope="module")
def spiral():
    return load_dataset("spiral", seed=0)


def weights(loop: TrainerLoop) -> list[np.ndarray]:
    return [layer.W.copy() for layer in loop.trainer.net.layers]


async def test_lr_1000_diverges_keeps_the_weights_and_lowering_it_continues(spiral):
    config = RunConfig(dataset="spiral", lr=1000.0)  # Adam, as `nntui --lr 1000` runs
    loop = TrainerLoop(config, dataset=spiral)
    start = weights(loop)
    app = make_app(config, loop)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.frame.state == DIVERGED)
        assert text_of(app, "#state").strip() == "diverged" and app.query_one("#state").has_class("-diverged")
        assert text_of(app, "#event") == "diverged at step 1 with lr 1000: lower the lr with , then space; r resets"
        assert all(np.array_equal(layer.W, w) for layer, w in zip(app.frame.layers, start))
        await pilot.press(*["comma"] * 11)  # 1000 / 2**11 ≈ 0.49
        await wait_for(pilot, lambda: app.frame.lr == 1000 / 2**11)
        assert app.frame.state == DIVERGED and app.frame.step == 0  # lowering alone does not restart
        await pilot.press("space")
        await wait_for(pilot, lambda: app.frame.step >= 20)
        assert app.frame.state == RUNNING and app.frame.message == ""
        await pilot.press("q")


async def test_r_after_divergence_resets_and_pauses(spiral):
    config = RunConfig(dataset="spiral", lr=1000.0)
    app = make_app(config, TrainerLoop(config, dataset=spiral))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.frame.state == DIVERGED)
        await pilot.press("r")
        await wait_for(pilot, lambda: app.frame.state == PAUSED)
        assert app.frame.message == "weights re-initialized (seed 1): a fresh run" and app.frame.step == 0


async def test_metrics_out_in_the_app_writes_what_nntui_train_writes(xor, tmp_path):
    out = tmp_path / "metrics.jsonl"
    config = RunConfig(dataset="xor", metrics_out=str(out), speed=0.0)
    loop = TrainerLoop(config, dataset=xor)
    app = make_app(config, loop)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.frame.epoch >= 3)
        await pilot.press("q")
    assert loop.finished.wait(30)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    per_epoch = loop.trainer.steps_per_epoch
    assert [r["epoch"] for r in records] == list(range(1, loop.trainer.epoch + 1))
    assert [r["step"] for r in records] == [e * per_epoch for e in range(1, loop.trainer.epoch + 1)]
    assert all(r.keys() == metrics_record(loop.trainer, 0.0).keys() for r in records)
    evals = {e.step: e for e in loop.trainer.evals}
    assert all(r["test_acc"] == evals[r["step"]].test_acc for r in records)


async def test_resume_brings_back_the_run_and_the_selected_weight(xor, state_dir):
    config = RunConfig(dataset="xor")
    loop = TrainerLoop(config, dataset=xor, paused=True)
    loop.trainer.train_steps(37)
    view = Selection(layer=1, i=3, j=0, delta=0.4, log_scale=True)
    path = save_session(loop.trainer, asdict(view))
    trainer, selection, _ = resume(path, dataset=xor)
    assert trainer.step == 37 and list(trainer.losses) == list(loop.trainer.losses)
    resumed = TrainerLoop(trainer.config, trainer=trainer, paused=True)
    app = make_app(trainer.config, resumed, selection=Selection(**selection))
    async with app.run_test(size=SIZE) as pilot:
        assert app.selection == view
        assert app.frame.step == 37 and "step 37" in text_of(app, "#stats")
        assert all(np.array_equal(a.W, b.W) for a, b in zip(app.frame.layers, loop.trainer.net.layers))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 38)


async def test_a_failing_pane_is_switched_off_logged_and_the_run_autosaved(xor, state_dir, monkeypatch):
    def broken(self, frame, view):
        raise ZeroDivisionError("the loss pane divided by zero")

    monkeypatch.setattr(LossPane, "show", broken)
    config = RunConfig(dataset="xor")
    loop = TrainerLoop(config, dataset=xor, paused=True)
    app = make_app(config, loop)
    app.keeper = RunKeeper(lambda: loop, lambda: asdict(app.selection))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: app.frame.step == 1)  # the app goes on, the other panes too
        [error] = app.errors
        assert error.startswith("internal error in the loss pane (ZeroDivisionError: the loss pane divided by zero)")
        assert text_of(app, "#event") == error
        assert app.broken_panes == {"loss"}
        await pilot.press("q")
    log = (state_dir / "nntui.log").read_text()
    assert "Traceback" in log and "ZeroDivisionError: the loss pane divided by zero" in log
    [saved] = (state_dir / "sessions").glob("*.npz")
    assert f"run saved to {saved}" in error and load_checkpoint(saved).meta["step"] == 0


async def test_a_failing_trainer_thread_is_shown_logged_and_its_run_saved(xor, state_dir, monkeypatch):
    config = RunConfig(dataset="xor")
    loop = TrainerLoop(config, dataset=xor, paused=True)
    loop.trainer.train_steps(5)

    def broken_step():
        raise MemoryError("no memory for step 6")

    monkeypatch.setattr(loop.trainer, "train_step", broken_step)
    app = make_app(config, loop)
    app.keeper = RunKeeper(lambda: loop, lambda: asdict(app.selection))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: app.errors)
        [saved] = (state_dir / "sessions").glob("*.npz")
        assert app.errors == [f"training stopped: no memory for step 6 · run saved to {saved} · "
                              f"details in {state_dir / 'nntui.log'}"]
        assert text_of(app, "#event") == app.errors[0]
    assert load_checkpoint(saved).meta["step"] == 5
    assert "MemoryError: no memory for step 6" in (state_dir / "nntui.log").read_text()


async def test_an_error_in_the_app_itself_ends_it_with_one_line_and_saves(xor, state_dir, monkeypatch):
    config = RunConfig(dataset="xor")
    loop = TrainerLoop(config, dataset=xor, paused=True)
    app = make_app(config, loop)
    app.keeper = RunKeeper(lambda: loop, lambda: asdict(app.selection))

    def broken_action():
        raise RuntimeError("an action went wrong")

    monkeypatch.setattr(app, "action_step", broken_action)
    async with app.run_test(size=SIZE):
        app.simulate_key("n")
        for _ in range(1000):  # the app's own message loop has stopped: wait for it to close
            if app.return_code is not None:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 1
    [saved] = (state_dir / "sessions").glob("*.npz")
    assert app.fatal_error == (f"internal error in NntuiApp (RuntimeError: an action went wrong); run saved to "
                               f"{saved}; details in {state_dir / 'nntui.log'}")
    assert loop.finished.is_set()  # the trainer was stopped before the save


def test_run_owned_runs_in_the_trainer_thread_while_it_trains(xor):
    loop = TrainerLoop(RunConfig(dataset="xor", speed=0.0), dataset=xor)
    assert loop.run_owned(lambda t: threading.current_thread()) is threading.current_thread()  # not running
    worker = threading.Thread(target=loop.run, args=(lambda frame: None, lambda: False))
    worker.start()
    assert loop.running.wait(30)
    seen = loop.run_owned(lambda t: (threading.current_thread(), t.step))
    assert seen[0] is worker
    loop.submit(cmd.Stop())
    worker.join()
    assert loop.run_owned(lambda t: t.step) == loop.trainer.step >= seen[1]


# -- the fuzz test -------------------------------------------------------------------------------

# Every key of the key map, and enter and escape to answer the sizes prompt (H) with what was typed, or not.
FUZZ_KEYS = sorted({key for spec in KEYMAP if spec.action != "quit" for key in spec.keys.split(",")}
                   | {"enter", "escape"})
FUZZ_SIZES = [(40, 12), (80, 24), (100, 30), (120, 36), (200, 60)]


async def _fuzz(xor, keys, resizes, checkpoint) -> tuple[list, TrainerLoop]:
    config = RunConfig(dataset="xor", checkpoint_out=str(checkpoint), speed=500.0)
    loop = TrainerLoop(config, dataset=xor)
    app = make_app(config, loop)
    steps: list[tuple[int, int, int]] = []  # (run, step, steps in the loss history) of every frame shown
    show_frame = app.show_frame

    def watch(frame):  # every frame the app shows
        steps.append((frame.run, frame.step, len(frame.loss_history)))
        assert frame.state == DIVERGED or all(
            np.isfinite(layer.W).all() and np.isfinite(layer.b).all() for layer in frame.layers)
        show_frame(frame)

    app.show_frame = watch
    resize_at = dict(resizes)
    async with app.run_test(size=SIZE) as pilot:
        for n, key in enumerate(keys):
            if n in resize_at:
                await pilot.resize_terminal(*resize_at[n])
            app.simulate_key(key)  # as the terminal driver sends it: no waiting for the screen to settle
            await asyncio.sleep(0.005)
        await pilot.pause()
    loop.finished.wait(30)
    return steps, loop


@settings(max_examples=2, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(keys=st.lists(st.sampled_from(FUZZ_KEYS), min_size=500, max_size=520),
       resizes=st.lists(st.tuples(st.integers(0, 499), st.sampled_from(FUZZ_SIZES)), min_size=4, max_size=6))
def test_fuzz_keys_and_resizes_while_training(xor, tmp_path_factory, keys, resizes):
    """The step count goes down only at a fresh run (r, a, a new shape), and the runs are counted up; the loss
    history always covers exactly the steps of the run shown."""
    assert {"i", "x", "I", "X", "H", "G", "enter", "escape"} <= set(FUZZ_KEYS)  # the shape keys and their prompt
    checkpoint = tmp_path_factory.mktemp("fuzz") / "ck.npz"
    steps, loop = asyncio.run(_fuzz(xor, keys, resizes, checkpoint))
    assert len(steps) > 1
    assert [(run, step) for run, step, _ in steps] == sorted((run, step) for run, step, _ in steps)
    assert all(history == min(step, HISTORY_SHOWN) for _, step, history in steps)
    assert all(np.isfinite(w).all() for w in weights(loop))  # refused steps never land


def test_segments_that_miss_a_tiny_grid_draw_nothing():
    """Found by the fuzz test: a network pane squeezed to a sliver raised IndexError."""
    from nntui.tui.render import braille_segments

    y, x, chars, owners = braille_segments(0, 8, np.array([40]), np.array([44]), np.array([1.0]), 5, 2)
    assert (y.size, x.size, chars.size, owners.size) == (0, 0, 0, 0)
    y, x, chars, owners = braille_segments(0, 3, np.array([0]), np.array([0]), np.array([1.0]), 5, 2)
    assert (y.tolist(), x.tolist(), owners.tolist()) == ([0, 0], [0, 1], [0, 0])
