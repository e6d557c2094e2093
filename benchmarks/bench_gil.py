"""What a UI thread's CPU time costs the trainer thread under the GIL: SimpleNet on MNIST against pure-Python bursts.

    python benchmarks/bench_gil.py [--repeats 3] [--seconds 4]

The trainer trains in a worker thread, as in the app; the main thread stands
in for the UI: it burns pure-Python CPU in bursts (of 1, 6 and 30 ms, every
17, 100 and 500 ms: about 6% of a core each) and sleeps between them. Each
case runs right after a run with the main thread asleep, and its ratio is
the trainer's samples/s against that run's. Needs NNTUI_DATA_DIR (MNIST).
If the trainer lost exactly the UI thread's time, each ratio would be about
1 − the UI's share.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.training.setup import build_trainer

BURSTS = ((0.001, 0.017), (0.006, 0.100), (0.030, 0.500))  # (burst, period) seconds: ~6% of a core each


def ui_bursts(burst: float, period: float, until: float) -> None:
    """Burn pure-Python CPU for `burst` seconds of thread time every `period` seconds, until `until`."""
    while time.perf_counter() < until:
        start = time.thread_time()
        while time.thread_time() - start < burst:
            sum(range(200))
        time.sleep(period - burst)


def trainer_rate(trainer, seconds: float, burst: tuple[float, float] | None) -> tuple[float, float]:
    """(the trainer thread's samples/s, the main thread's CPU share) over `seconds`, with or without bursts."""
    stop, out = threading.Event(), {}

    def train() -> None:
        with threadpool_limits(1):
            seen, start = trainer.samples_seen, time.perf_counter()
            while not stop.is_set():
                trainer.train_step()
            out["rate"] = (trainer.samples_seen - seen) / (time.perf_counter() - start)

    thread = threading.Thread(target=train)
    thread.start()
    cpu, until = time.thread_time(), time.perf_counter() + seconds
    if burst is None:
        time.sleep(seconds)
    else:
        ui_bursts(*burst, until)
    share = (time.thread_time() - cpu) / seconds
    stop.set()
    thread.join()
    return out["rate"], share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    opts = parser.parse_args()
    data_dir = os.environ.get("NNTUI_DATA_DIR")
    if not data_dir:
        sys.exit("bench_gil: set NNTUI_DATA_DIR to the folder holding mnist/")
    config = RunConfig(dataset="mnist", data_dir=data_dir, epochs=1000, lr_decay=1.0, speed=0).resolve()
    trainer = build_trainer(config)
    for _ in range(200):  # warm up
        trainer.train_step()
    runs: dict[str, list[tuple[float, float]]] = {}
    for _ in range(opts.repeats):
        for burst in BURSTS:
            alone, _ = trainer_rate(trainer, opts.seconds, None)
            rate, share = trainer_rate(trainer, opts.seconds, burst)
            runs.setdefault(f"{1000 * burst[0]:.0f} ms every {1000 * burst[1]:.0f} ms", []).append((rate / alone, share))
    results = {name: {"ratio": statistics.median(r for r, _ in rs), "ui_share": statistics.median(s for _, s in rs),
                      "ratios": [r for r, _ in rs]} for name, rs in runs.items()}
    print(f"{'UI thread bursts':<24}{'UI CPU %':>10}{'trainer ratio':>15}{'lost / UI CPU':>15}")
    for name, r in results.items():
        print(f"{name:<24}{100 * r['ui_share']:>10.1f}{r['ratio']:>15.3f}{(1 - r['ratio']) / r['ui_share']:>15.1f}")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
