"""Where the app's UI thread spends its time while training, part by part, timed from inside the app.

    python benchmarks/bench_ui_thread.py [--repeats 3] [--seconds 8] [--warmup 3] [--colours 256] [run options]

Runs `nntui` (MNIST by default, at full speed) in a 120x40 pseudo-terminal as
bench_ui.py does, with the UI thread's parts timed in its own CPU time
(`time.thread_time`: neither the machine's load nor its steal time moves it):

- screen updates (Textual's compositor and the write to the terminal), those
  of the status line alone apart from the others (a pane, the step readout);
- pane redraws, per pane;
- frames taken in from the trainer (`on_frame_ready`, the panes' `show`);
- the garbage collector's collections (wall time; it holds the GIL, so the
  trainer waits for every one), per generation.

Under the GIL the trainer thread loses the UI thread's time almost one for
one: these are the parts of that loss. Medians over `--repeats` runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

CHILD = "--child"
STATUS_ROWS = 2  # the status bar's lines, at the top


class Clock:
    """Thread CPU time per part while measuring; GC collections by generation."""

    def __init__(self) -> None:
        self.on = False
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.gc_ms: dict[int, list[float]] = defaultdict(list)
        self._gc_start = 0.0

    def timed(self, fn, part):
        """`fn` with its thread CPU time added to `part` (a name, or a function of the call's first argument)."""
        def wrapper(*args, **kwargs):
            if not self.on:
                return fn(*args, **kwargs)
            start = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                name = part(args[0]) if callable(part) else part
                self.cpu[name] += time.thread_time() - start
                self.calls[name] += 1
        return wrapper

    def collected(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self.on:
            self.gc_ms[info["generation"]].append(1000 * (time.perf_counter() - self._gc_start))


def instrument(clock: Clock, out: Path, warmup: float, seconds: float) -> None:
    """Wrap the UI's parts in `clock`, measure from `warmup` seconds after mount for `seconds`, write `out`."""
    from textual.screen import Screen

    from nntui.tui.app import NntuiApp
    from nntui.tui.leanscreen import LeanCompositor
    from nntui.tui.throttle import Throttle

    kind = {"update": "screen update, status line only"}
    partial = LeanCompositor.render_partial_update

    def classified(compositor):
        alone = all(region.bottom <= STATUS_ROWS for region in compositor._dirty_regions)
        kind["update"] = "screen update, status line only" if alone else "screen update, panes and others"
        return partial(compositor)

    LeanCompositor.render_partial_update = classified
    Screen._compositor_refresh = clock.timed(Screen._compositor_refresh, lambda screen: kind["update"])
    Throttle.run_now = clock.timed(Throttle.run_now, lambda throttle: f"redraw {type(throttle.owner).__name__}")
    NntuiApp.on_frame_ready = clock.timed(NntuiApp.on_frame_ready, "frames taken in")
    gc.callbacks.append(clock.collected)
    mounted = NntuiApp.on_mount

    def on_mount(app) -> None:
        mounted(app)
        started = {}

        def start() -> None:
            clock.on, started["wall"], started["cpu"] = True, time.perf_counter(), time.thread_time()

        def stop() -> None:
            clock.on = False
            wall = time.perf_counter() - started["wall"]
            out.write_text(json.dumps({
                "wall_s": wall, "ui_cpu_ms_per_s": 1000 * (time.thread_time() - started["cpu"]) / wall,
                "parts": {name: {"ms_per_s": 1000 * cpu / wall, "per_s": clock.calls[name] / wall,
                                 "ms_each": 1000 * cpu / clock.calls[name]} for name, cpu in clock.cpu.items()},
                "gc": {str(g): {"per_s": len(ms) / wall, "ms_per_s": sum(ms) / wall} for g, ms in clock.gc_ms.items()},
            }))

        app.set_timer(warmup, start)
        app.set_timer(warmup + seconds, stop)

    NntuiApp.on_mount = on_mount


def child(argv: list[str]) -> None:
    """In the app's process: `--child OUT WARMUP SECONDS -- nntui options`."""
    out, warmup, seconds, _, *args = argv
    instrument(Clock(), Path(out), float(warmup), float(seconds))
    from nntui.cli import main

    main(args)


def one_run(args: list[str], truecolor: bool, warmup: float, seconds: float) -> dict:
    """Launch the instrumented app, wait for its numbers, quit; the numbers."""
    from bench_ui import PtyApp, environment, first_frame

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "parts.json"
        app = PtyApp(args, environment(tmp, truecolor),
                     launch=(__file__, CHILD, str(out), str(warmup), str(seconds), "--")).start()
        try:
            first_frame(app)
            deadline = time.perf_counter() + warmup + seconds + 30
            while not out.exists() and time.perf_counter() < deadline:
                time.sleep(0.2)
            time.sleep(0.2)
            return json.loads(out.read_text())
        finally:
            app.quit()


def medians(runs: list[dict]) -> dict:
    """Per part, the median over runs (a part absent from a run counts as 0)."""
    med = statistics.median
    parts = sorted({name for run in runs for name in run["parts"]})
    generations = sorted({g for run in runs for g in run["gc"]})
    zero = {"ms_per_s": 0.0, "per_s": 0.0, "ms_each": 0.0}
    return {
        "ui_cpu_ms_per_s": med(run["ui_cpu_ms_per_s"] for run in runs),
        "parts": {name: {key: med(run["parts"].get(name, zero)[key] for run in runs) for key in zero}
                  for name in parts},
        "gc": {g: {key: med(run["gc"].get(g, {"per_s": 0.0, "ms_per_s": 0.0})[key] for run in runs)
                   for key in ("per_s", "ms_per_s")} for g in generations},
    }


def report(result: dict, runs: int) -> None:
    print(f"UI thread CPU while training: {result['ui_cpu_ms_per_s']:.1f} ms/s (median of {runs} runs)")
    print(f"{'part':<40}{'ms/s':>8}{'per s':>8}{'ms each':>9}")
    for name, r in sorted(result["parts"].items(), key=lambda kv: -kv[1]["ms_per_s"]):
        print(f"{name:<40}{r['ms_per_s']:>8.1f}{r['per_s']:>8.1f}{r['ms_each']:>9.2f}")
    for g, r in result["gc"].items():
        print(f"{'garbage collection, generation ' + g:<40}{r['ms_per_s']:>8.1f}{r['per_s']:>8.1f}")
    print(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds after mount before measuring")
    parser.add_argument("--colours", choices=("truecolor", "256"), default="truecolor")
    opts, run_args = parser.parse_known_args()
    data_dir = os.environ.get("NNTUI_DATA_DIR")
    if not run_args and not data_dir:
        sys.exit("bench_ui_thread: set NNTUI_DATA_DIR (MNIST), or give run options")
    run_args = run_args or ["--dataset", "mnist", "--data-dir", data_dir, "--epochs", "1000", "--lr-decay", "1"]
    run_args = [*run_args, "--speed", "0"]
    runs = [one_run(run_args, opts.colours == "truecolor", opts.warmup, opts.seconds) for _ in range(opts.repeats)]
    report(medians(runs), len(runs))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == CHILD:
        child(sys.argv[2:])
    else:
        main()
