"""nntui.watch(model, optimizer, probe=...): record a user's own PyTorch training loop into a run log.

The optimizer's step post-hook counts steps, logs the learning rate and,
every `every` steps, takes a snapshot on the probe batch (torch_probe.py);
with control=True its step pre-hook is where a viewer's commands are
applied and where the loop waits while paused (control.py). A
DistributedDataParallel model is watched through `.module`, and only rank 0
records: other ranks get a watch that does nothing.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from nntui.watch.control import ControlChannel
from nntui.watch.errors import WatchError
from nntui.watch.recorder import DEFAULT_MB_PER_HOUR, Recorder
from nntui.watch.torch_chain import find_chain
from nntui.watch.torch_edit import WeightEditor
from nntui.watch.torch_probe import grid_axes, grid_output, probe_layers, probe_loss


def _loss_for(loss_fn, y: torch.Tensor):
    if loss_fn is not None:
        return loss_fn, getattr(loss_fn, "__name__", type(loss_fn).__name__)
    if y.dtype in (torch.int64, torch.int32, torch.int16, torch.uint8):
        return F.cross_entropy, "cross_entropy"
    return F.mse_loss, "mse_loss"


def _probe(probe, model: nn.Module) -> tuple[torch.Tensor, torch.Tensor]:
    try:
        x, y = probe
    except (TypeError, ValueError):
        raise WatchError("probe must be a pair (x, y) of tensors: a fixed batch of inputs and their targets.") from None
    if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)) or len(x) != len(y) or len(x) == 0:
        raise WatchError("probe must be a pair (x, y) of tensors with the same number of samples (at least one).")
    device = next(model.parameters(), x).device
    return x.detach().to(device), y.detach().to(device)


class Watch:
    """A watched run; use as a context manager or call close()."""

    def __init__(self, model: nn.Module, optimizer, probe, every=50, path=None, loss_fn=None, control=False,
                 input_names=None, class_names=None, image_shape=None, max_mb_per_hour=DEFAULT_MB_PER_HOUR):
        self.model = model
        self.x, self.y = _probe(probe, model)
        self.chain = find_chain(model, self.x)
        self.loss_fn, loss_name = _loss_for(loss_fn, self.y)
        x_cpu = self.x.cpu().numpy()
        self._axes = grid_axes(x_cpu) if image_shape is None else ()
        self.recorder = Recorder(path, layer_sizes=self.chain.layer_sizes, activations=self.chain.activations,
                                 loss=loss_name, probe=(x_cpu, self.y.cpu().numpy()), every=every,
                                 input_names=input_names, class_names=class_names, image_shape=image_shape,
                                 grid=self._axes, model=type(model).__name__, max_mb_per_hour=max_mb_per_hour)
        self.path, self.step, self._optimizer, self._snapped = self.recorder.path, 0, optimizer, -1
        self._control = None
        if control:
            try:
                self._control = ControlChannel(self.path, WeightEditor(self.chain, optimizer, self.probe_loss,
                                                                       self._event), self._event, self._on_pause)
            except WatchError:
                self.recorder.close()
                raise
        self._hooks = [optimizer.register_step_post_hook(self._after_step)]
        if control:
            self._hooks.append(optimizer.register_step_pre_hook(self._before_step))
        self.snapshot()

    def log(self, **scalars) -> None:
        """Scalars (loss=..., acc=...) at the number of optimizer steps taken so far."""
        self.recorder.log(self.step, **scalars)

    def log_eval(self, **scalars) -> None:
        self.recorder.log_eval(self.step, **scalars)

    def probe_loss(self) -> float:
        return probe_loss(self.model, self.x, self.y, self.loss_fn)

    def snapshot(self) -> bool:
        """Take a snapshot now (watch does this every `every` steps); False when the writer dropped it."""
        layers, loss = probe_layers(self.model, self.chain, self.x, self.y, self.loss_fn)
        self._snapped = self.step
        return self.recorder.snapshot(self.step, layers, loss, grid_output(self.model, self._axes, self.x))

    def _after_step(self, optimizer, args, kwargs) -> None:
        self.step += 1
        self.recorder.log(self.step, lr=optimizer.param_groups[0]["lr"])
        if self.recorder.snapshot_due(self.step) or (self._control is not None and self._control.paused):
            self.snapshot()

    def _before_step(self, optimizer, args, kwargs) -> None:
        self._control.before_step()

    def _on_pause(self) -> None:
        self._event("paused")
        if self._snapped != self.step:
            self.snapshot()

    def _event(self, kind: str, **fields) -> None:
        self.recorder.event(kind, self.step, **fields)
        if kind in ("nudged", "undone"):
            self.snapshot()

    def close(self) -> None:
        for hook in self._hooks:
            hook.remove()
        self._hooks = []
        if self._control is not None:
            self._control.close()
        self.recorder.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class NoWatch:
    """What ranks other than 0 get: the same methods, recording nothing."""

    path = None
    step = 0

    def log(self, **scalars) -> None: ...
    def log_eval(self, **scalars) -> None: ...
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def watch(model, optimizer, probe, every=50, path=None, loss_fn=None, control=False,
          input_names=None, class_names=None, image_shape=None, max_mb_per_hour=DEFAULT_MB_PER_HOUR):
    """Watch a user's torch model in their own loop; see the module docstring and the README."""
    if isinstance(model, nn.parallel.DistributedDataParallel):
        model = model.module
    if not isinstance(model, nn.Module):
        raise WatchError(f"nntui.watch needs a torch.nn.Module, got {type(model).__name__}.")
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise WatchError(f"nntui.watch needs a torch.optim.Optimizer, got {type(optimizer).__name__}.")
    dist = torch.distributed
    if dist.is_available() and dist.is_initialized() and dist.get_rank() != 0:
        return NoWatch()
    return Watch(model, optimizer, probe, every, path, loss_fn, control, input_names, class_names, image_shape,
                 max_mb_per_hour)
