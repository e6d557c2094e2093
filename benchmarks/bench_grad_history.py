"""The cost of recording gradients over time (training/grad_history.py) on SimpleNet 784-128-64-10.

    python benchmarks/bench_grad_history.py [--repeats 7] [--json-out FILE]

On one BLAS thread (as nntui trains), on MNIST (from NNTUI_DATA_DIR) at
batch 64 with Adam: the best of `--repeats` timeit runs of
- the recording alone: `before_update` + `after_update` after a real backward pass;
- a whole `Trainer.train_step` with the recording, and with it replaced by one
  that does nothing (the two interleaved), and their difference.
"""

from __future__ import annotations

import argparse
import json
import os
import timeit
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.grad_history import GradHistory
from nntui.training.trainer import Trainer


class NoHistory:
    def before_update(self, net) -> None:
        pass

    def after_update(self, step, net, batch) -> None:
        pass


def best_us(fn, repeats: int) -> float:
    number, _ = timeit.Timer(fn).autorange()
    return min(timeit.repeat(fn, number=number, repeat=repeats)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json-out")
    args = parser.parse_args()
    trainer = Trainer(RunConfig(dataset="mnist", hidden=(128, 64), batch_size=64, optimizer="adam", seed=0),
                      load_dataset("mnist", seed=0))
    history = GradHistory()
    with threadpool_limits(1):
        X, y = trainer.next_batch()
        trainer.net.loss_and_grad(X, y)
        alone = best_us(lambda: (history.before_update(trainer.net), history.after_update(1, trainer.net, 64)),
                        args.repeats)
        with_it, without = [], []
        for _ in range(args.repeats):
            trainer.grad_history = history
            with_it.append(best_us(trainer.train_step, 1))
            trainer.grad_history = NoHistory()
            without.append(best_us(trainer.train_step, 1))
    result = {"recording_alone_us": alone, "step_with_us": min(with_it), "step_without_us": min(without),
              "load_average": os.getloadavg()}
    print(f"recording alone        {alone:8.1f} µs per step")
    print(f"train_step with it     {min(with_it):8.1f} µs")
    print(f"train_step without it  {min(without):8.1f} µs   (difference {min(with_it) - min(without):+.1f} µs)")
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(json.dumps(result))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
