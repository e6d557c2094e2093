"""Engine throughput: nntui's NumPy trainer against PyTorch CPU on the same shapes, same run.

    python benchmarks/bench_engine.py [--repeats 5] [--seconds 1.5] [--json-out FILE]

Measures training samples/s for SimpleNet 784-128-64-10 (ReLU, softmax
cross-entropy) at batch 1, 64 and 256 with SGD and Adam, and steps/s for a
2-8-8-1 net (ReLU, binary cross-entropy) at batch 10 with SGD. Data are
random arrays of MNIST's shape and type (uint8 pixels scaled per batch): the
arithmetic is the same as on the real files. Each configuration is timed
`--repeats` times, interleaved, and the median is reported.

PyTorch (if installed; never a dependency of nntui) is timed two ways:
`torch-loader`, the idiomatic loop (TensorDataset + DataLoader(shuffle=True),
zero_grad, loss.backward(), step), and `torch-indexed`, a hand-tightened loop
that slices a preshuffled index tensor. Each at 1 and 2 threads; the faster
thread count is reported. NumPy runs as nntui trains: one BLAS thread.
The targets of issue 2 (NumPy >= 2.0x PyTorch for SimpleNet SGD at batch 64,
>= 5x for the tiny net) are checked against the idiomatic loop, the PyTorch a
user would write instead of nntui; the ratio to the hand-tightened loop is
printed beside it for comparison. `--only-targets` times just those two cases.

On processors where OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set (they pin
old OpenBLAS builds to a safe kernel and slow a current numpy), run it as
`env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_engine.py`;
the JSON records the kernel OpenBLAS picked and the load average.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import time
import types

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nntui.config import RunConfig
from nntui.training.trainer import Trainer

SIMPLENET = (784, 128, 64, 10)
TINY = (2, 8, 8, 1)
CASES = [  # (name, sizes, batch, optimizer, unit)
    ("simplenet sgd b1", SIMPLENET, 1, "sgd", "samples/s"),
    ("simplenet sgd b64", SIMPLENET, 64, "sgd", "samples/s"),
    ("simplenet sgd b256", SIMPLENET, 256, "sgd", "samples/s"),
    ("simplenet adam b1", SIMPLENET, 1, "adam", "samples/s"),
    ("simplenet adam b64", SIMPLENET, 64, "adam", "samples/s"),
    ("simplenet adam b256", SIMPLENET, 256, "adam", "samples/s"),
    ("tiny 2-8-8-1 sgd b10", TINY, 10, "sgd", "steps/s"),
]


TARGETS = {"simplenet sgd b64": 2.0, "tiny 2-8-8-1 sgd b10": 5.0}  # issue 2: NumPy / PyTorch's idiomatic loop
TARGET_LOOP = "loader"


@functools.cache
def fake_dataset(sizes):
    """Arrays shaped like the real thing: MNIST-like uint8 images, or 2-D float points."""
    rng = np.random.default_rng(0)
    n_in, n_out = sizes[0], sizes[-1]
    n = 60000 if n_in == 784 else 1000
    if n_in == 784:
        X = rng.integers(0, 256, (n, n_in), dtype=np.uint8)
        scale = 1 / 255
    else:
        X = rng.standard_normal((n, n_in)).astype(np.float32)
        scale = 1.0
    k = 2 if n_out == 1 else n_out
    y = rng.integers(0, k, n).astype(np.int64)
    return types.SimpleNamespace(
        task="classification", n_classes=k, n_inputs=n_in, n_train=n, n_test=100,
        X_train=X, y_train=y, X_test=X[:100], y_test=y[:100], x_scale=scale, image_shape=None,
    ), X, y


def timed(run, chunk: int, seconds: float) -> tuple[float, float]:
    """Call run(chunk) for `seconds` after a warm-up: (steps per wall second, steps per CPU second of the process)."""
    run(20)
    steps, start, cpu_start = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        run(chunk)
        steps += chunk
    return steps / (time.perf_counter() - start), steps / (time.process_time() - cpu_start)


def time_numpy(sizes, batch, optimizer, seconds):
    ds, _, _ = fake_dataset(sizes)
    lr = 0.01 if optimizer == "sgd" else 1e-3
    config = RunConfig(dataset="bench", hidden=sizes[1:-1], activation="relu", optimizer=optimizer,
                       lr=lr, batch_size=batch, epochs=1)
    with threadpool_limits(1):
        return timed(Trainer(config, ds).train_steps, 50, seconds)


@functools.cache
def torch_dataset(sizes):
    """The same arrays as tensors, images already float in [0, 1] (PyTorch gets no per-batch conversion)."""
    import torch

    _, X, y = fake_dataset(sizes)
    X = torch.from_numpy(X).float() / (255 if X.dtype == np.uint8 else 1)
    y = torch.from_numpy(y).float()[:, None] if sizes[-1] == 1 else torch.from_numpy(y)
    return X, y


def time_torch(sizes, batch, optimizer, seconds, style, threads):
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    X, y = torch_dataset(sizes)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    loss_fn = torch.nn.BCEWithLogitsLoss() if sizes[-1] == 1 else torch.nn.CrossEntropyLoss()
    opt = (torch.optim.SGD(model.parameters(), lr=0.01) if optimizer == "sgd"
           else torch.optim.Adam(model.parameters(), lr=1e-3))

    def batches():
        if style == "loader":
            loader = DataLoader(TensorDataset(X, y), batch_size=batch, shuffle=True)
            while True:
                yield from loader
        else:
            while True:
                perm = torch.randperm(len(X))
                for start in range(0, len(X) - batch + 1, batch):
                    idx = perm[start:start + batch]
                    yield X[idx], y[idx]

    it = batches()

    def run(n):
        for _ in range(n):
            xb, yb = next(it)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            loss.item()

    return timed(run, 25, seconds)


TORCH_LOOPS = ("loader", "indexed")


def summarize(name, unit, batch, runs, torch_version) -> dict:
    """Medians over the repeats: wall-clock rates (the faster torch thread count) and per-CPU-second rates
    (one thread each, so a busy machine's waiting for a core does not count)."""
    per = 1 if unit == "steps/s" else batch

    def median(engine, clock):
        return statistics.median(rates[clock] for rates in runs[(name, engine)]) * per

    row = {"case": name, "unit": unit, "numpy": median("numpy", 0), "numpy_per_cpu_s": median("numpy", 1),
           "numpy_runs": [rates[0] * per for rates in runs[(name, "numpy")]]}
    if torch_version:
        for style in TORCH_LOOPS:
            best, threads = max((median(f"torch-{style}-{t}", 0), t) for t in (1, 2))
            row[f"torch_{style}"], row[f"torch_{style}_threads"] = best, threads
            row[f"torch_{style}_runs"] = [rates[0] * per for rates in runs[(name, f"torch-{style}-{threads}")]]
            row[f"ratio_vs_{style}"] = row["numpy"] / best
            row[f"torch_{style}_per_cpu_s"] = median(f"torch-{style}-1", 1)
            row[f"cpu_ratio_vs_{style}"] = row["numpy_per_cpu_s"] / row[f"torch_{style}_per_cpu_s"]
    return row


def print_tables(results, torch_version) -> None:
    for title, key, ratio in (("wall clock (samples or steps per second)", "", "ratio_vs_"),
                              ("per CPU second, one thread each", "_per_cpu_s", "cpu_ratio_vs_")):
        print(title)
        header = f"  {'case':<22} {'unit':<10} {'numpy':>10}"
        if torch_version:
            header += f" {'torch-loader':>13} {'×':>6} {'torch-indexed':>14} {'×':>6}"
        print(header)
        for r in results:
            line = f"  {r['case']:<22} {r['unit']:<10} {r['numpy' + key]:>10,.0f}"
            if torch_version:
                line += "".join(f" {r[f'torch_{k}' + key]:>{w},.0f} {r[ratio + k]:>6.2f}"
                                for k, w in zip(TORCH_LOOPS, (13, 14)))
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--json-out")
    parser.add_argument("--no-torch", action="store_true")
    parser.add_argument("--only-targets", action="store_true", help="time only the cases issue 2 sets targets for")
    args = parser.parse_args()
    cases = [c for c in CASES if c[0] in TARGETS] if args.only_targets else CASES
    try:
        if args.no_torch:
            raise ImportError
        import torch

        torch_version = torch.__version__
    except ImportError:
        torch_version = None
    load_before = os.getloadavg()
    engines = ["numpy"] + ([f"torch-{s}-{t}" for s in ("loader", "indexed") for t in (1, 2)] if torch_version else [])
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for repeat in range(args.repeats):
        print(f"repeat {repeat + 1}/{args.repeats}, load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
        for name, sizes, batch, optimizer, _unit in cases:
            # alternate the order so a drift in the machine's load does not favour one engine
            for engine in engines if repeat % 2 == 0 else engines[::-1]:
                if engine == "numpy":
                    rates = time_numpy(sizes, batch, optimizer, args.seconds)
                else:
                    _, style, threads = engine.split("-")
                    rates = time_torch(sizes, batch, optimizer, args.seconds, style, int(threads))
                runs.setdefault((name, engine), []).append(rates)
    results = [summarize(name, unit, batch, runs, torch_version) for name, _, batch, _, unit in cases]
    print_tables(results, torch_version)
    targets = {}
    if torch_version:
        for r in results:
            if r["case"] in TARGETS:
                goal, ratio = TARGETS[r["case"]], r[f"ratio_vs_{TARGET_LOOP}"]
                targets[r["case"]] = {"target": goal, "against": f"torch-{TARGET_LOOP}", "ratio": ratio,
                                      "met": ratio >= goal, "per_cpu_s_ratio": r[f"cpu_ratio_vs_{TARGET_LOOP}"],
                                      **{f"ratio_vs_{k}": r[f"ratio_vs_{k}"] for k in TORCH_LOOPS if k != TARGET_LOOP}}
                others = ", ".join(f"{r[f'ratio_vs_{k}']:.2f}x the {k} loop" for k in TORCH_LOOPS if k != TARGET_LOOP)
                print(f"target {r['case']} >= {goal}x the {TARGET_LOOP} loop: {ratio:.2f}x "
                      f"({'met' if ratio >= goal else 'MISSED'}); for comparison {others}")
    blas = [{k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for lib in threadpool_info() if lib["user_api"] == "blas"]
    report = {"numpy": np.__version__, "torch": torch_version, "blas": blas, "numpy_blas_threads_used": 1,
              "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
              "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
              "repeats": args.repeats, "seconds_per_run": args.seconds, "results": results, "targets": targets}
    print(json.dumps(report, indent=1))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
