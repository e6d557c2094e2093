"""The small NumPy choices in the engine, each timed against the plain way: what the code's comments point to.

    python benchmarks/bench_choices.py [--repeats 7] [--json-out FILE]

On one BLAS thread (as nntui trains), the best of `--repeats` timeit runs of:
- ReLU's backward mask: `np.sign(a, out=)` against `np.greater(z, 0, out=)`
  (nn/activations.py), on SimpleNet's first hidden layer at batch 64;
- arithmetic on subnormal floats against normal ones (why the optimizers
  flush tiny state to zero, nn/optimizers.py);
- `np.dot(a, W, out=)` against `np.matmul(a, W, out=)` for the tiny 2-8 net
  and SimpleNet's first layer (nn/network.py);
- softmax row sums as `np.dot(blame, ones)` against `blame.sum(axis=1)` at
  (64, 10) (nn/losses.py).
"""

from __future__ import annotations

import argparse
import json
import timeit
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits


def best_us(fn, repeats: int) -> float:
    """The fastest of `repeats` runs, in µs per call (each run long enough to time)."""
    number, _ = timeit.Timer(fn).autorange()
    return min(timeit.repeat(fn, number=number, repeat=repeats)) / number * 1e6


def cases() -> dict[str, tuple]:
    rng = np.random.default_rng(0)
    z = rng.standard_normal((64, 128)).astype(np.float32)
    a, out = np.maximum(z, 0), np.empty_like(z)
    normal = np.full(1 << 16, 1e-3, np.float32)
    subnormal = np.full(1 << 16, 1e-39, np.float32)  # below float32's smallest normal, 1.2e-38
    scratch = np.empty_like(normal)
    tiny_x, tiny_W = rng.standard_normal((10, 2)).astype(np.float32), rng.standard_normal((2, 8)).astype(np.float32)
    tiny_out = np.empty((10, 8), np.float32)
    x, W = rng.random((64, 784), dtype=np.float32), rng.standard_normal((784, 128)).astype(np.float32)
    big_out = np.empty((64, 128), np.float32)
    blame, ones = rng.random((64, 10), dtype=np.float32), np.ones(10, np.float32)
    return {  # name → (nntui's way, the plain way)
        "relu mask (64x128)": (lambda: np.sign(a, out=out), lambda: np.greater(z, 0, out=out)),
        "x·0.9, subnormal vs normal (65536)": (lambda: np.multiply(normal, 0.9, out=scratch),
                                              lambda: np.multiply(subnormal, 0.9, out=scratch)),
        "dot vs matmul (10x2 @ 2x8)": (lambda: np.dot(tiny_x, tiny_W, out=tiny_out),
                                       lambda: np.matmul(tiny_x, tiny_W, out=tiny_out)),
        "dot vs matmul (64x784 @ 784x128)": (lambda: np.dot(x, W, out=big_out),
                                             lambda: np.matmul(x, W, out=big_out)),
        "row sums (64x10)": (lambda: np.dot(blame, ones), lambda: blame.sum(axis=1)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json-out")
    opts = parser.parse_args()
    results = {}
    with threadpool_limits(1):
        for name, (ours, plain) in cases().items():
            results[name] = {"nntui_us": best_us(ours, opts.repeats), "plain_us": best_us(plain, opts.repeats)}
    print(f"{'case':<38}{'nntui µs':>10}{'plain µs':>10}{'plain / nntui':>15}")
    for name, r in results.items():
        print(f"{name:<38}{r['nntui_us']:>10.2f}{r['plain_us']:>10.2f}{r['plain_us'] / r['nntui_us']:>15.2f}")
    print(json.dumps(results, indent=2))
    if opts.json_out:
        Path(opts.json_out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
