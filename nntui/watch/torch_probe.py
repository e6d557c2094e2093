"""One snapshot of a torch model on the fixed probe batch, without touching the user's training state.

z per layer comes from forward hooks, a is the input of the next nn.Linear
(the model's output for the last), and dL/dz, dW, db from
torch.autograd.grad, so no parameter's .grad changes. The model runs in
eval mode for the moment (no dropout: no RNG is drawn) and grad mode is
switched on, so it works when called from inside optimizer.step().
"""

from __future__ import annotations

import numpy as np
import torch

from nntui.watch.torch_chain import Chain, eval_mode, hooked

GRID = 40  # points per axis of the input plane a 2-input model is evaluated on
CURVE = 200  # points of the line a 1-input model is evaluated on


def cpu(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def probe_layers(model, chain: Chain, x, y, loss_fn) -> tuple[list[dict], float]:
    """Per layer W (fan_in, fan_out), b, z, a, blame, dW, db as NumPy arrays, and the probe loss."""
    with eval_mode(model), torch.enable_grad(), hooked(chain.linears) as (seen, _):
        out = model(x)
        loss = loss_fn(out, y)
        z = [calls[-1][1] for calls in seen]
        a = [calls[-1][0] for calls in seen[1:]] + [out]
        weights = [lin.weight for lin in chain.linears]
        biases = [lin.bias for lin in chain.linears if lin.bias is not None]
        grads = torch.autograd.grad(loss, [*z, *weights, *biases])
    n = len(chain.linears)
    blame, dW, db = grads[:n], grads[n:2 * n], iter(grads[2 * n:])
    layers = []
    for k, lin in enumerate(chain.linears):
        zeros = np.zeros(lin.out_features, np.float32)
        layers.append(dict(W=cpu(lin.weight).T, b=zeros if lin.bias is None else cpu(lin.bias),
                           z=cpu(z[k]), a=cpu(a[k]).reshape(len(x), -1), blame=cpu(blame[k]), dW=cpu(dW[k]).T,
                           db=zeros if lin.bias is None else cpu(next(db))))
    return layers, float(loss.detach())


def probe_loss(model, x, y, loss_fn) -> float:
    with eval_mode(model), torch.no_grad():
        return float(loss_fn(model(x), y))


def grid_axes(x: np.ndarray) -> tuple[np.ndarray, ...]:
    """The axes a 1- or 2-input model is drawn over: the probe's range per input, 10% wider; () otherwise."""
    x = x.reshape(len(x), -1)
    if x.shape[1] not in (1, 2) or len(x) == 0:
        return ()
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-6)
    n = GRID if x.shape[1] == 2 else CURVE
    return tuple(np.linspace(lo[i] - pad[i], hi[i] + pad[i], n, dtype=np.float32) for i in range(x.shape[1]))


def grid_output(model, axes: tuple[np.ndarray, ...], like: torch.Tensor) -> np.ndarray | None:
    """The model's output over the grid: (ny, nx, n_out) for 2 inputs (row = the second input), (n, n_out) for 1."""
    if not axes:
        return None
    mesh = np.meshgrid(*axes) if len(axes) == 2 else [axes[0]]
    points = torch.as_tensor(np.stack([m.ravel() for m in mesh], axis=1), dtype=like.dtype, device=like.device)
    with eval_mode(model), torch.no_grad():
        out = cpu(model(points.reshape(len(points), *like.shape[1:])))
    return out.reshape(*mesh[0].shape, -1)
