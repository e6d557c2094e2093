"""A user's training process for the subprocess tests: the MLP of examples/watch_mnist.py on random MNIST-shaped
data, watched. Prints `steps N` at the end.

    python train_script.py LOG STEPS EVERY [--control] [--ddp RANK WORLD PORT]
"""

from __future__ import annotations

import argparse
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from conftest import example  # noqa: E402

import nntui  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("log")
    p.add_argument("steps", type=int)
    p.add_argument("every", type=int)
    p.add_argument("--control", action="store_true")
    p.add_argument("--ddp", nargs=3, type=int, metavar=("RANK", "WORLD", "PORT"))
    args = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = example("watch_mnist").MLP()
    if args.ddp:
        rank, world, port = args.ddp
        torch.distributed.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank,
                                             world_size=world)
        model = torch.nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    x, y = torch.rand(512, 784), torch.randint(0, 10, (512,))
    watch = nntui.watch(model, optimizer, probe=(x[:32], y[:32]), every=args.every, path=args.log,
                        control=args.control, max_mb_per_hour=None)
    for step in range(args.steps):
        batch = slice(step % 8 * 64, step % 8 * 64 + 64)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x[batch]), y[batch])
        loss.backward()
        optimizer.step()
        watch.log(loss=loss.item())
    watch.close()
    print(f"steps {args.steps} watch {type(watch).__name__}", flush=True)
    if args.ddp:
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
