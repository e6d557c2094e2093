"""The cost of recording gradients over time (training/grad_history.py) on SimpleNet 784-128-64-10.

    python benchmarks/bench_grad_history.py [--repeats 7] [--json-out FILE]

On one BLAS thread (as nntui trains), on MNIST (from NNTUI_DATA_DIR) at
batch 64 with Adam: the best of `--repeats` timeit runs of
- the recording alone: `before_update` + `after_update` after a real backward pass;
- a step (forward, backward, Adam's update on one fixed batch) with the
  recording and without it, interleaved, and their difference.
"""

from __future__ import annotations

import argparse
import json
import os
import timeit
from pathlib import Path

from threadpoolctl import threadpool_limits

from nntui.config import RunConfig
from nntui.data import load_dataset
from nntui.training.grad_history import GradHistory
from nntui.training.trainer import Trainer


def best_us(fn, repeats: int) -> float:
    number, _ = timeit.Timer(fn).autorange()
    return min(timeit.repeat(fn, number=number, repeat=repeats)) / number * 1e6


def step_us(trainer, history: GradHistory | None, repeats: int) -> float:
    """One training step's forward, backward and update on a fixed batch (no epoch-end evaluation), in µs."""
    net, opt = trainer.net, trainer.opt
    X, y = trainer.next_batch()

    def step() -> None:
        net.loss_and_grad(X, y)
        if history is not None:
            history.before_update(net)
        opt.step(net.params, net.grads)
        if history is not None:
            history.after_update(1, net, len(X))

    return best_us(step, repeats)


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
        for _ in range(args.repeats):  # interleaved: a busy moment of a shared machine hits both
            with_it.append(step_us(trainer, history, 3))
            without.append(step_us(trainer, None, 3))
    result = {"recording_alone_us": alone, "step_with_us": min(with_it), "step_without_us": min(without),
              "load_average": os.getloadavg()}
    print(f"recording alone        {alone:8.1f} µs per step")
    print(f"a step with it         {min(with_it):8.1f} µs")
    print(f"a step without it      {min(without):8.1f} µs   (difference {min(with_it) - min(without):+.1f} µs)")
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(json.dumps(result))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
