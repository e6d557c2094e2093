"""What watching costs a user's PyTorch loop: throughput, log size per hour, and write-to-readable latency.

    python benchmarks/bench_watch.py [--repeats 5] [--seconds 3] [--size-seconds 120] [--threads 1] [--json-out F]

The MLP of examples/watch_mnist.py (784-128-64-10, functional ReLU) on real
MNIST (nntui's reader; NNTUI_DATA_DIR), batch 64, SGD with momentum, CPU.

1. Throughput: windows of --seconds of three loops in turn in one process:
   unwatched, watched (default `every` and byte budget), and watched with
   every snapshot taken (no byte budget: one every 50 steps); the ratio is
   the median watched ÷ the median unwatched samples/s, per
   wall-clock second and per CPU second of the whole process (the writer
   thread included), which other processes on a shared machine move less.
2. Log size: one watched run of --size-seconds; MB per hour from the bytes
   written after its first 10 s (the burst the budget allows at the start
   is spent by then), plus that burst, as the first hour's total.
3. Latency: a tailing reader thread polls the log every 5 ms during run 2
   and in a 10 s run without a byte budget (a snapshot every 50 steps, the
   queue full): time from a snapshot being handed to the recorder to its
   record being returned by the reader.

Prints a table, then JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

import torch
import torch.nn.functional as F

import nntui
from nntui.watch.reader import TailReader
from nntui.watch.records import Snapshot

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "watch_mnist.py"
BATCH = 64


def example():
    spec = importlib.util.spec_from_file_location("watch_mnist", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Loop:
    """The user's loop over shuffled MNIST batches, run for a number of seconds at a time."""

    def __init__(self, ex, data):
        torch.manual_seed(0)
        self.x, self.y, self.x_test, self.y_test = data
        self.model = ex.MLP()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.05, momentum=0.9)
        self.batches = iter(())

    def run(self, seconds: float, watch=None) -> tuple[float, float]:
        """Train for `seconds`; samples per wall-clock second and per CPU second of the process (all threads)."""
        steps, start, cpu = 0, time.perf_counter(), time.process_time()
        while (elapsed := time.perf_counter() - start) < seconds:
            for _ in range(50):
                batch = next(self.batches, None)
                if batch is None:
                    self.batches = iter(torch.randperm(len(self.x)).split(BATCH)[:-1])
                    batch = next(self.batches)
                self.optimizer.zero_grad()
                loss = F.cross_entropy(self.model(self.x[batch]), self.y[batch])
                loss.backward()
                self.optimizer.step()
                value = loss.item()  # both loops read the loss, as a user's loop does
                if watch is not None:
                    watch.log(loss=value)
                steps += 1
        return steps * BATCH / elapsed, steps * BATCH / (time.process_time() - cpu)

    def watch(self, path, **kw):
        return nntui.watch(self.model, self.optimizer, probe=(self.x_test[:64], self.y_test[:64]), path=path, **kw)


def throughput(ex, data, repeats: int, seconds: float, tmp: Path) -> dict:
    """Windows of an unwatched loop, a watched one (default budget) and one watched without a budget, in turn.

    Each loop has its own model; the watches live through the whole run, as a
    user's would, after a warm-up that spends the budget's starting burst.
    Ratios are of the medians, per wall-clock and per CPU second.
    """
    loops = {name: Loop(ex, data) for name in ("unwatched", "watched", "watched_every_snapshot")}
    watches = {"unwatched": None, "watched": loops["watched"].watch(tmp / "t.nnt"),
               "watched_every_snapshot": loops["watched_every_snapshot"].watch(tmp / "u.nnt", max_mb_per_hour=None)}
    for name, loop in loops.items():
        loop.run(2.0, watches[name])  # warm-up
    runs = {name: [] for name in loops}
    for _ in range(repeats):
        for name, loop in loops.items():
            runs[name].append(loop.run(seconds, watches[name]))
    for name, w in watches.items():
        if w is not None:
            w.close()
            runs[f"{name}_dropped"] = w.recorder.dropped
    median = {name: [statistics.median(r[i] for r in runs[name]) for i in (0, 1)] for name in loops}
    for name in ("watched", "watched_every_snapshot"):
        runs[f"{name}_ratio"] = median[name][0] / median["unwatched"][0]
        runs[f"{name}_ratio_cpu"] = median[name][1] / median["unwatched"][1]
    runs["median_samples_s"] = {name: m[0] for name, m in median.items()}
    return runs


class Latency:
    """Times snapshots handed to a recorder, and when a tailing reader thread first returns each."""

    def __init__(self, watch):
        self.handed, self.readable = {}, {}
        recorder, snapshot = watch.recorder, watch.recorder.snapshot

        def timed(step, *args, **kw):
            self.handed.setdefault(step, time.monotonic())
            return snapshot(step, *args, **kw)

        recorder.snapshot = timed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, args=(watch.path,), daemon=True)
        self._thread.start()

    def _follow(self, path) -> None:
        with TailReader(path) as reader:
            while not self._stop.is_set():
                for record in reader.poll():
                    if isinstance(record, Snapshot):
                        self.readable.setdefault(record.step, time.monotonic())
                time.sleep(0.005)

    def stop(self) -> list[float]:
        time.sleep(0.3)
        self._stop.set()
        self._thread.join()
        return [self.readable[s] - t for s, t in self.handed.items() if s in self.readable]


def size_and_latency(loop: Loop, seconds: float, tmp: Path, **kw) -> dict:
    """A watched run of `seconds`: log size (steady rate after its first 10 s) and snapshot latencies."""
    path = tmp / f"size{len(kw)}.nnt"
    w = loop.watch(path, **kw)
    latency = Latency(w)
    loop.run(min(10.0, seconds), w)
    at_10 = path.stat().st_size
    if seconds > 10:
        loop.run(seconds - 10.0, w)
    w.close()
    lags = latency.stop()
    size = path.stat().st_size
    result = {"seconds": seconds, "bytes": size, "snapshots": len(latency.handed), "dropped": w.recorder.dropped,
              "latency_s": sorted(lags)}
    if seconds > 10:
        steady = (size - at_10) / (seconds - 10.0) * 3600 / 1e6
        result.update(bytes_first_10s=at_10, mb_per_hour_steady=steady,
                      mb_first_hour=at_10 / 1e6 + steady * (3600 - 10) / 3600)
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--size-seconds", type=float, default=120.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--json-out")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    ex = example()
    data = ex.mnist_tensors()
    loop = Loop(ex, data)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        result = {"threads": args.threads, "torch": torch.__version__,
                  "throughput": throughput(ex, data, args.repeats, args.seconds, tmp),
                  "budgeted": size_and_latency(loop, args.size_seconds, tmp),
                  "unbudgeted": size_and_latency(loop, 10.0, tmp, max_mb_per_hour=None),
                  "loadavg": os.getloadavg()}
    report(result)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def report(r: dict) -> None:
    t, b, u = r["throughput"], r["budgeted"], r["unbudgeted"]
    m = t["median_samples_s"]
    rows = [
        ("unwatched samples/s (median)", f"{m['unwatched']:,.0f}", ""),
        ("watched samples/s (median)", f"{m['watched']:,.0f}", ""),
        ("watched ÷ unwatched, per wall-clock second", f"{t['watched_ratio']:.3f}", "≥ 0.95"),
        ("watched ÷ unwatched, per CPU second", f"{t['watched_ratio_cpu']:.3f}", "≥ 0.95"),
        ("every snapshot (no budget) ÷ unwatched, wall / CPU",
         f"{t['watched_every_snapshot_ratio']:.3f} / {t['watched_every_snapshot_ratio_cpu']:.3f}", ""),
        ("log MB per hour, steady (default budget)", f"{b['mb_per_hour_steady']:.1f}", ""),
        ("log MB in the first hour (burst + steady)", f"{b['mb_first_hour']:.1f}", "≤ 50"),
        ("snapshot → readable, median / max (budgeted)",
         f"{median(b['latency_s']) * 1e3:.0f} / {max(b['latency_s'], default=float('nan')) * 1e3:.0f} ms "
         f"({len(b['latency_s'])} snapshots)", ""),
        ("snapshot → readable, median / max (no budget)",
         f"{median(u['latency_s']) * 1e3:.0f} / {max(u['latency_s'], default=float('nan')) * 1e3:.0f} ms "
         f"({len(u['latency_s'])} snapshots, {u['dropped']} dropped)", ""),
    ]
    width = max(len(name) for name, _, _ in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>28}  {target}")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
