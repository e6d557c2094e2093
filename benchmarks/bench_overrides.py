"""Do nntui's overrides of Textual's private APIs still pay? nntui with and without each, back to back.

    NNTUI_DATA_DIR=… python benchmarks/bench_overrides.py [--repeats 3] [--seconds 8] [--presses 30] [--json-out F]

The variants (benchmarks/ui_variants.py): `app` (nntui as it is), `no-lean`
(the default Screen instead of LeanScreen, tui/leanscreen.py), `no-guard`
(Textual's exception handling instead of ErrorGuard's, tui/guard.py). In a
120x40 pseudo-terminal, as bench_ui.py does, each repeat runs every variant
in turn on the same cases: bytes/s while training on spiral and MNIST
(truecolor, full speed), MNIST's samples/s against `nntui train` headless run
at once after it (the ratio of each pair), and `n` while paused → the new
step on screen and → the last pane written (spiral and MNIST). Medians over
the repeats; the machine's speed drifts, so the variants are interleaved.

Those wall-clock measures need a quiet machine. The UI thread's CPU time per
partial screen update does not: in a headless app at 120x40 (spiral, MNIST)
the same update is rendered with LeanScreen's compositor and with Textual's
own (thread CPU time, best of `--repeats` runs of 200): the status line's two
lines, as at every frame, one line of the Weights pane, and the whole Network
pane, as its redraws change.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_ui import environment, headless_samples_per_s, key_latency, training_run

VARIANTS = ("app", "no-lean", "no-guard")
UPDATES = 200  # partial updates rendered per timing run


def launch(variant: str) -> tuple[str, ...]:
    """What the interpreter runs for `variant`, before nntui's options."""
    return ("-m", "nntui") if variant == "app" else (str(Path(__file__).with_name("ui_variants.py")), variant)


def one_repeat(variant: str, cases: dict[str, list[str]], opts, data_dir: str | None, state_dir: str) -> dict:
    """Every measure of one variant, once: {measure: value}."""
    out, env, how = {}, environment(state_dir, truecolor=True), launch(variant)
    for name, args in cases.items():
        run = training_run(["--speed", "0", *args], env, opts.seconds, opts.warmup, how)
        out[f"{name} bytes/s"] = run["bytes_per_s"]
        if name == "mnist":
            out["mnist ui/headless"] = (run["steps_per_s"] or 0.0) * 64 / headless_samples_per_s(data_dir, state_dir)
    for name, args in cases.items():
        shown, written = key_latency(args, env, opts.presses, how)  # (it adds --speed 0)
        out[f"{name} key→step s"] = statistics.median(shown)
        out[f"{name} key→all written s"] = statistics.median(written)
    return out


async def update_cpu_us(config, repeats: int) -> dict[str, dict[str, float]]:
    """µs of UI-thread CPU per partial update: {region: {"lean": …, "plain": …}}."""
    from textual._compositor import Compositor
    from textual.geometry import Region

    from nntui.training.loop import TrainerLoop
    from nntui.tui.app import make_app
    from nntui.tui.leanscreen import LeanCompositor

    app = make_app(config, frame=TrainerLoop(config, paused=True).first_frame())
    out: dict[str, dict[str, float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        compositor, weights = app.screen._compositor, app.query_one("#weights").content_region
        regions = {"status line": Region(0, 0, 120, 2), "a Weights line": Region(*weights.offset, weights.width, 1),
                   "the Network pane": app.query_one("#network").content_region}
        for name, crop in regions.items():
            lines = set(crop.line_range).__contains__
            for kind, cls in (("lean", LeanCompositor), ("plain", Compositor)):
                compositor.__class__ = cls  # LeanCompositor only narrows which widgets a partial render asks
                runs = []
                for _ in range(repeats):
                    start = time.thread_time()
                    for _ in range(UPDATES):
                        compositor._render_chops(crop, lines)
                    runs.append((time.thread_time() - start) / UPDATES * 1e6)
                out.setdefault(name, {})[kind] = min(runs)
            compositor.__class__ = LeanCompositor
        await pilot.press("q")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--presses", type=int, default=30, help="key presses per variant, case and repeat")
    parser.add_argument("--json-out")
    opts = parser.parse_args()
    data_dir = os.environ.get("NNTUI_DATA_DIR")
    state_dir = tempfile.mkdtemp(prefix="nntui-bench-")
    cases = {"spiral": []}  # nntui's options besides --speed 0
    if data_dir:  # a constant learning rate, so that the app and `nntui train` step at the same speed
        cases["mnist"] = ["--dataset", "mnist", "--data-dir", data_dir, "--epochs", "1000", "--lr-decay", "1"]
    from nntui.config import RunConfig

    cpu = {name: asyncio.run(update_cpu_us(RunConfig(dataset=name, data_dir=data_dir), opts.repeats))
           for name in cases}
    for name, regions in cpu.items():
        for region, r in regions.items():
            print(f"{name} {region}: {r['lean']:.0f} µs of UI CPU per update with LeanScreen, "
                  f"{r['plain']:.0f} µs without")
    runs: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for repeat in range(opts.repeats):
        for variant in VARIANTS:
            runs[variant].append(one_repeat(variant, cases, opts, data_dir, state_dir))
            print(f"[{repeat + 1}/{opts.repeats}] {variant}: {runs[variant][-1]}", file=sys.stderr)
    medians = {v: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for v, rs in runs.items()}
    measures = list(medians["app"])
    print(f"{'measure (120x40, medians)':<30}" + "".join(f"{v:>12}" for v in VARIANTS))
    for m in measures:
        scale, unit = (1 / 1024, "KiB/s") if m.endswith("bytes/s") else (1000, "ms") if m.endswith(" s") else (1, "")
        print(f"{m.replace(' s', '').replace('bytes/s', unit):<30}" + "".join(f"{medians[v][m] * scale:>12.3f}"
                                                                               for v in VARIANTS))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(uptime)
    result = {"terminal": "120x40", "repeats": opts.repeats, "update_cpu_us": cpu, "medians": medians, "runs": runs,
              "uptime": uptime}
    if opts.json_out:
        Path(opts.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
