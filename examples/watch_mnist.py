"""Watch your own PyTorch model: the classic MNIST MLP, a plain training loop, plus three nntui lines.

    python examples/watch_mnist.py                 # one epoch, the log in runs/mnist.nnt
    python examples/watch_mnist.py --steps 200 --control

MNIST is read with nntui's own reader (`nntui datasets fetch mnist`, or
NNTUI_DATA_DIR pointing at the four IDX files); no torchvision.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

import nntui
from nntui.data import load_dataset


class MLP(nn.Module):
    """784 → 128 → 64 → 10, ReLU written as a function in forward (no nn.ReLU modules)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 64)
        self.fc3 = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


def mnist_tensors():
    """(x_train, y_train, x_test, y_test): images as float32 in [0, 1], shape (n, 784); labels int64."""
    data = load_dataset("mnist")
    return (torch.tensor(data.X_train, dtype=torch.float32) / 255, torch.tensor(data.y_train, dtype=torch.int64),
            torch.tensor(data.X_test, dtype=torch.float32) / 255, torch.tensor(data.y_test, dtype=torch.int64))


def evaluate(model, x, y) -> tuple[float, float]:
    with torch.no_grad():
        out = model(x)
        return F.cross_entropy(out, y).item(), (out.argmax(1) == y).float().mean().item()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=938, help="optimizer steps (938 = one epoch at batch 64)")
    parser.add_argument("--path", default="runs/mnist.nnt", help="the run log")
    parser.add_argument("--control", action="store_true", help="let `nntui watch` pause, step and nudge")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    x_train, y_train, x_test, y_test = mnist_tensors()
    model = MLP()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

    Path(args.path).parent.mkdir(parents=True, exist_ok=True)  # nntui watch looks in ./runs
    watch = nntui.watch(model, optimizer, probe=(x_test[:64], y_test[:64]), path=args.path,  # 1
                        control=args.control, class_names=[str(d) for d in range(10)], image_shape=(28, 28))
    step = 0
    while step < args.steps:
        for batch in torch.randperm(len(x_train)).split(64):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
            watch.log(loss=loss.item())  # 2
            step += 1
            if step == args.steps:
                break
        test_loss, test_acc = evaluate(model, x_test, y_test)
        watch.log_eval(test_loss=test_loss, test_acc=test_acc)
        print(f"step {step}: test loss {test_loss:.4f}, accuracy {test_acc:.2%}")
    watch.close()  # 3
    print(f"the run log is {args.path}")


if __name__ == "__main__":
    main()
