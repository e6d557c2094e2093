"""Watch a run without any framework: nntui.Recorder takes NumPy arrays from your own training loop.

A 2-8-1 network (tanh hidden layer, sigmoid output) learns XOR-like data by
plain gradient descent written out in NumPy; every 20 steps it hands the
recorder its W, b, z, a, dL/dz, dW and db on a fixed probe batch, and its output over a grid of
the input plane (the decision boundary `nntui watch` draws).

    python examples/watch_numpy.py [--steps 2000] [--path runs/xor.nnt]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import nntui


def forward(params, x):
    z1 = x @ params["W0"] + params["b0"]
    a1 = np.tanh(z1)
    z2 = a1 @ params["W1"] + params["b1"]
    return z1, a1, z2, 1 / (1 + np.exp(-z2))


def layers_and_loss(params, x, y):
    """Per layer W, b, z, a, blame = dL/dz, dW, db for the mean binary cross-entropy, and the loss."""
    z1, a1, z2, a2 = forward(params, x)
    loss = float(-np.mean(y * np.log(a2 + 1e-12) + (1 - y) * np.log(1 - a2 + 1e-12)))
    blame2 = (a2 - y) / len(x)
    blame1 = (blame2 @ params["W1"].T) * (1 - a1 ** 2)
    return [dict(W=params["W0"], b=params["b0"], z=z1, a=a1, blame=blame1, dW=x.T @ blame1, db=blame1.sum(0)),
            dict(W=params["W1"], b=params["b1"], z=z2, a=a2, blame=blame2, dW=a1.T @ blame2, db=blame2.sum(0))], loss


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--path", default="runs/xor.nnt")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(256, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(np.float64)
    params = {"W0": rng.normal(0, 1, (2, 8)), "b0": np.zeros(8), "W1": rng.normal(0, 0.5, (8, 1)), "b1": np.zeros(1)}
    probe_x, probe_y = x[:64], y[:64]

    axes = (np.linspace(-1.1, 1.1, 40), np.linspace(-1.1, 1.1, 40))  # the plane `nntui watch` draws the boundary on
    plane = np.stack([m.ravel() for m in np.meshgrid(*axes)], axis=1)
    Path(args.path).parent.mkdir(parents=True, exist_ok=True)  # nntui watch looks in ./runs
    recorder = nntui.Recorder(args.path, layer_sizes=(2, 8, 1), activations=("tanh", "sigmoid"),
                              loss="binary_cross_entropy", probe=(probe_x, probe_y), every=20, grid=axes,
                              input_names=("x1", "x2"), class_names=("different sign", "same sign"))
    for step in range(1, args.steps + 1):
        batch = rng.choice(len(x), 32, replace=False)
        layers, loss = layers_and_loss(params, x[batch], y[batch])
        for k, layer in enumerate(layers):
            params[f"W{k}"] -= 0.5 * layer["dW"]
            params[f"b{k}"] -= 0.5 * layer["db"]
        recorder.log(step, loss=loss)
        if recorder.snapshot_due(step):
            probe_layers, probe_loss = layers_and_loss(params, probe_x, probe_y)
            out = forward(params, plane)[3].reshape(40, 40, 1)  # rows: the second input
            recorder.snapshot(step, probe_layers, loss=probe_loss, out=out)
    accuracy = float(np.mean((forward(params, x)[3] > 0.5) == y))
    recorder.log_eval(args.steps, accuracy=accuracy)
    recorder.close()
    print(f"accuracy {accuracy:.2%}; the run log is {args.path}")


if __name__ == "__main__":
    main()
