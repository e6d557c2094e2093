"""Peak memory: the resident set size of `nntui train --dataset mnist --epochs 1`, from /usr/bin/time -v.

    python benchmarks/bench_memory.py [--repeats 3] [--data-dir DIR] [--app SECONDS] [--stalled SECONDS]
                                      [--json-out FILE]

Runs the headless trainer as a child process under GNU time and reads its
"Maximum resident set size". Issue 3's target is 300 MB. With `--app S` it
also opens the app on MNIST in a private tmux server (120x40) under GNU
time, lets it train for S seconds, presses q and reads the same figure
(issue 6's target for the app is 250 MB). With `--stalled S` it runs the
app on MNIST in a 120x40 pseudo-terminal that stops reading its output for
S seconds, as a stalled SSH link does, and reads its RSS (/proc) when the
stall starts and ends: the app must not pile up frames meanwhile. Prints a
table and JSON.
The MNIST files come from --data-dir, else NNTUI_DATA_DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GNU_TIME = "/usr/bin/time"
TARGETS_MB = {"train mnist 1 epoch": 300, "app on mnist": 250, "app, terminal stalled": 250}
TMUX_SOCKET = "nntui-bench-memory"


def parse_time_v(text: str) -> dict[str, float]:
    """Peak RSS (MB), wall seconds and exit status from GNU time -v's report."""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    if not (rss and wall and status):
        raise ValueError(f"not a GNU time -v report:\n{text}")
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return {"peak_rss_mb": int(rss.group(1)) / 1024, "wall_s": seconds, "exit": int(status.group(1))}


def nntui_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nntui", *args]


def measure_train(data_dir: str) -> dict[str, float]:
    """One headless epoch of SimpleNet on MNIST under GNU time."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        cmd = [GNU_TIME, "-v", "-o", str(report),
               *nntui_command("train", "--dataset", "mnist", "--epochs", "1", "--data-dir", data_dir)]
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NNTUI_STATE_DIR": tmp})
        result = parse_time_v(report.read_text())
        if result["exit"] != 0:
            raise SystemExit(f"bench_memory: nntui train failed:\n{done.stderr}")
        result["summary"] = done.stdout.strip().splitlines()[-1]
        return result


def measure_app(data_dir: str, seconds: float) -> dict[str, float]:
    """The app on MNIST in a private tmux server, training for `seconds`, then quit with q."""
    if shutil.which("tmux") is None:
        raise SystemExit("bench_memory: --app needs tmux")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        inner = [GNU_TIME, "-v", "-o", str(report), *nntui_command("--dataset", "mnist", "--data-dir", data_dir)]
        tmux = ["tmux", "-L", TMUX_SOCKET]
        env = {**os.environ, "NNTUI_STATE_DIR": tmp}
        subprocess.run([*tmux, "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40",
                        shlex.join(inner)], check=True, env=env)
        try:
            time.sleep(seconds)
            subprocess.run([*tmux, "send-keys", "-t", "bench", "q"], check=True)
            deadline = time.monotonic() + 30
            while not (report.exists() and "Exit status" in report.read_text()):
                if time.monotonic() > deadline:
                    raise SystemExit("bench_memory: the app did not quit within 30 s of pressing q")
                time.sleep(0.2)
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
        return parse_time_v(report.read_text())


def measure_stalled(data_dir: str, seconds: float) -> dict[str, float]:
    """The app on MNIST in a pseudo-terminal that takes no output for `seconds`: its RSS as the stall starts
    and as it ends (the peak: frames piled up would only grow it)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_ui import PtyApp, environment, first_frame

    with tempfile.TemporaryDirectory() as tmp:
        app = PtyApp(["--dataset", "mnist", "--data-dir", data_dir, "--speed", "0"], environment(tmp, True)).start()
        try:
            first_frame(app)
            time.sleep(2)
            before = app.rss_mb()
            app.reading.clear()
            time.sleep(seconds)
            after = app.rss_mb()
        finally:
            app.quit()
    return {"peak_rss_mb": after, "start_mb": before, "growth_mb_per_s": (after - before) / seconds,
            "wall_s": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data-dir", default=os.environ.get("NNTUI_DATA_DIR"))
    parser.add_argument("--app", type=float, metavar="SECONDS", help="also measure the app on MNIST")
    parser.add_argument("--stalled", type=float, metavar="SECONDS", help="also the app with a stalled terminal")
    parser.add_argument("--json-out")
    args = parser.parse_args()
    if not args.data_dir:
        raise SystemExit("bench_memory: pass --data-dir DIR or set NNTUI_DATA_DIR to the folder with MNIST")
    if not Path(GNU_TIME).is_file():
        raise SystemExit(f"bench_memory: {GNU_TIME} not found (Debian: apt-get install time)")
    runs = {"train mnist 1 epoch": [measure_train(args.data_dir) for _ in range(args.repeats)]}
    if args.app:
        runs["app on mnist"] = [measure_app(args.data_dir, args.app) for _ in range(args.repeats)]
    if args.stalled:
        runs["app, terminal stalled"] = [measure_stalled(args.data_dir, args.stalled) for _ in range(args.repeats)]
    results = []
    for case, rs in runs.items():
        peak = statistics.median(r["peak_rss_mb"] for r in rs)
        results.append({"case": case, "peak_rss_mb": peak, "runs_mb": [r["peak_rss_mb"] for r in rs],
                        "wall_s": statistics.median(r["wall_s"] for r in rs),
                        "target_mb": TARGETS_MB[case], "met": peak <= TARGETS_MB[case],
                        **({"growth_mb_per_s": [r["growth_mb_per_s"] for r in rs]} if "growth_mb_per_s" in rs[0] else {})})
    print(f"{'case':<22} {'peak RSS MB':>12} {'target':>7} {'wall s':>7}")
    for r in results:
        print(f"{r['case']:<22} {r['peak_rss_mb']:>12.1f} {r['target_mb']:>7} {r['wall_s']:>7.1f}"
              f"  {'met' if r['met'] else 'MISSED'}"
              + (f"  growth {', '.join(f'{g:.2f}' for g in r['growth_mb_per_s'])} MB/s" if "growth_mb_per_s" in r else ""))
    report = {"python": sys.version.split()[0], "repeats": args.repeats, "app_seconds": args.app,
              "train_summary": runs["train mnist 1 epoch"][-1]["summary"], "results": results}
    print(json.dumps(report, indent=1))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
