"""What "what a neuron looks for" (f) and tracing (t, w) cost on MNIST 784-128-64-10: ms per computation.

Times, on one BLAS thread as the trainer runs: the test set's activations (one forward pass over the 10,000
test images, done when the weights changed), a neuron described from them (a sort and its field), the worst test
sample (per-sample losses over the test set, once per `w`), one traced sample's values (at each heavy-view
refresh), and one SGD training step for scale. Prints a table, then JSON.

    NNTUI_DATA_DIR=... python benchmarks/bench_looks.py [--repeats 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.training.neuron_looks import describe, split_activations
from nntui.training.setup import build_trainer
from nntui.training.tracing import per_sample_losses, trace_of


def timed(fn, repeats: int) -> float:
    """Median milliseconds of `fn()` over `repeats` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    trainer = build_trainer(RunConfig(dataset="mnist", hidden=(128, 64), seed=0))
    ds = trainer.dataset
    with threadpool_limits(1):
        trainer.train_steps(100)
        def test_set():
            return split_activations(trainer, ds.X_test, ds.y_test)

        activations = test_set()
        rows = {
            "test-set activations (10k images)": timed(test_set, args.repeats),
            "describe a layer-1 neuron from them": timed(lambda: describe(trainer, 0, 5, activations), args.repeats),
            "describe a layer-2 neuron from them": timed(lambda: describe(trainer, 1, 5, activations), args.repeats),
            "worst test sample (w)": timed(lambda: per_sample_losses(trainer, ds.X_test, ds.y_test), args.repeats),
            "one traced sample's values": timed(lambda: trace_of(trainer, "test", 7), args.repeats),
            "one training step (batch 64, for scale)": timed(trainer.train_step, args.repeats),
        }
    width = max(map(len, rows))
    for name, ms in rows.items():
        print(f"{name:<{width}}  {ms:8.2f} ms")
    print(json.dumps({"n_test": ds.n_test, "sizes": trainer.net.sizes, "ms": rows}))


if __name__ == "__main__":
    main()
