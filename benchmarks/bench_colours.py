"""The app's training speed in 256 colours against truecolor, run after run: issue 16's gap, measured directly.

    python benchmarks/bench_colours.py [--pairs 8] [--seconds 5] [--warmup 2] [--headless 3]

bench_ui.py gives each colour mode its own app / headless ratio, and on a
shared machine each of those pairs moves by ±0.15, far more than the 0.03
the two modes must agree within. Here the two app runs of a pair follow
each other (the order alternates from pair to pair), so the machine's drift
hits both alike: a pair's difference is the 256-colour run's samples/s minus
the truecolor run's, and the gap is the median difference over the median
of `--headless` runs of `nntui train`. SimpleNet on MNIST, 120x40; needs
NNTUI_DATA_DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_ui import environment, headless_samples_per_s, training_run  # noqa: E402

MODES = (("truecolor", True), ("256 colours", False))


def pair(args: list[str], state_dir: str, seconds: float, warmup: float, flip: bool) -> dict[str, dict]:
    """One app run in each colour mode, back to back (256 colours first when `flip`)."""
    runs = {}
    for name, truecolor in (MODES[::-1] if flip else MODES):
        run = training_run(args, environment(state_dir, truecolor), seconds, warmup)
        runs[name] = {"samples_per_s": (run["steps_per_s"] or 0.0) * 64, "steal": run["steal_share"],
                      "ui_cpu_share": run["ui_cpu_share"]}
        print(f"{name}: {runs[name]}", file=sys.stderr)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--headless", type=int, default=3, help="runs of nntui train for the denominator")
    opts = parser.parse_args()
    data_dir = os.environ.get("NNTUI_DATA_DIR")
    if not data_dir:
        sys.exit("bench_colours: set NNTUI_DATA_DIR to the folder holding mnist/")
    args = ["--dataset", "mnist", "--data-dir", data_dir, "--epochs", "1000", "--lr-decay", "1"]
    state_dir = tempfile.mkdtemp(prefix="nntui-bench-")
    pairs = [pair(args, state_dir, opts.seconds, opts.warmup, flip=k % 2 == 1) for k in range(opts.pairs)]
    headless = statistics.median(headless_samples_per_s(data_dir, state_dir) for _ in range(opts.headless))
    differences = [p["256 colours"]["samples_per_s"] - p["truecolor"]["samples_per_s"] for p in pairs]
    med = {name: statistics.median(p[name]["samples_per_s"] for p in pairs) for name, _ in MODES}
    results = {"pairs": pairs, "headless_samples_per_s": headless, "median_samples_per_s": med,
               "gap": statistics.median(differences) / headless, "differences": differences}
    print(f"{'mode':<14}{'samples/s':>11}{'÷ headless':>12}")
    for name, value in med.items():
        print(f"{name:<14}{value:>11,.0f}{value / headless:>12.3f}")
    verdict = "ok  " if abs(results["gap"]) <= 0.03 else "MISS"
    print(f"{verdict} 256 colours - truecolor, median of {len(pairs)} paired differences ÷ headless "
          f"{headless:,.0f}: {results['gap']:+.3f} (target within ±0.03)")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
