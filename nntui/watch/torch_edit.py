"""Edits a viewer asks for (nudge, set, zero, undo, lr), applied to the user's torch model between steps.

W[L][I, J] in nntui's (fan_in, fan_out) order is the module's weight[J, I].
Each edit is done under torch.no_grad() and logged as an event with the
weight and the probe loss before and after.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from nntui.watch.torch_chain import Chain


class WeightEditor:
    def __init__(self, chain: Chain, optimizer, loss_now: Callable[[], float], event: Callable[..., None]):
        self._chain, self._optimizer, self._loss_now, self._event = chain, optimizer, loss_now, event
        self._undo: list[tuple[int, int, int, float]] = []

    def __call__(self, words: list[str]) -> None:
        cmd, args = words[0], words[1:]
        if cmd == "undo":
            self._undo_last()
        elif cmd == "lr":
            lr = float(args[0])
            for group in self._optimizer.param_groups:
                group["lr"] = lr
            self._event("lr", lr=lr)
        else:
            layer, i, j = self._index(args[:3])
            old = self._weight(layer)[j, i].item()
            new = 0.0 if cmd == "zero" else float(args[3]) + (old if cmd == "nudge" else 0.0)
            self._undo.append((layer, i, j, old))
            self._write("nudged", layer, i, j, new)

    def _index(self, args: list[str]) -> tuple[int, int, int]:
        layer, i, j = (int(a) for a in args)
        if not 0 <= layer < len(self._chain.linears):
            raise ValueError(f"there is no layer {layer} (the net has {len(self._chain.linears)})")
        fan_out, fan_in = self._weight(layer).shape
        if not (0 <= i < fan_in and 0 <= j < fan_out):
            raise ValueError(f"W{layer} has shape ({fan_in}, {fan_out}); [{i}, {j}] is outside it")
        return layer, i, j

    def _weight(self, layer: int) -> torch.Tensor:
        return self._chain.linears[layer].weight

    def _undo_last(self) -> None:
        if not self._undo:
            raise ValueError("nothing to undo")
        layer, i, j, old = self._undo.pop()
        self._write("undone", layer, i, j, old)

    def _write(self, kind: str, layer: int, i: int, j: int, value: float) -> None:
        weight = self._weight(layer)
        before_loss, old = self._loss_now(), weight[j, i].item()
        with torch.no_grad():
            weight[j, i] = value
        self._event(kind, layer=layer, i=i, j=j, old=old, new=weight[j, i].item(),
                    loss_before=before_loss, loss_after=self._loss_now())
