"""One optimizer step taken apart: forward (a layer per press) → loss → backward (a layer per press) → update.

The forward and backward passes are computed at once on the next real batch
(nothing changes until the update); each press only reveals one more layer.
The update is the trainer's own step on that batch.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nntui.run.frame import PHASES, PhaseView, frozen


def begin(trainer, tracer=None) -> PhaseView:
    """Run forward and backward on the next real batch (without updating); show its first layer's forward.
    With a `tracer` tracing a training sample, that batch holds the sample (tracing.py)."""
    traced_row, traced_note = tracer.hold_in_next_batch(trainer) if tracer is not None else (None, "")
    X, y = trainer.next_batch()
    net = trainer.net
    rec = net.record(X, y)
    return PhaseView(
        phase="forward", done=1, step=trainer.step + 1, X=frozen(X), y=frozen(y),
        W=tuple(frozen(layer.W) for layer in net.layers), b=tuple(frozen(layer.b) for layer in net.layers),
        z=tuple(map(frozen, rec.z)), a=tuple(map(frozen, rec.a)),
        per_sample_loss=frozen(rec.per_sample_loss), loss=rec.loss,
        blame=tuple(map(frozen, rec.blame)), dW=tuple(map(frozen, rec.dW)), db=tuple(map(frozen, rec.db)),
        lr=trainer.opt.lr,
        slope=tuple(frozen(layer.activation.backward(z, a, np.ones_like(z), np.empty_like(z)))
                    for layer, z, a in zip(net.layers, rec.z, rec.a)),
        traced_row=traced_row, traced_note=traced_note,
    )


def advance(trainer, current: PhaseView | None, tracer=None) -> PhaseView:
    """The next phase after `current` (a new step after an update). Raises the trainer's Diverged."""
    if current is None or current.phase == "update":
        return begin(trainer, tracer)
    layers = len(trainer.net.layers)
    if current.phase in ("forward", "backward") and current.done < layers:
        return replace(current, done=current.done + 1)
    nxt = PHASES[PHASES.index(current.phase) + 1]
    if nxt != "update":
        return replace(current, phase=nxt, done=1 if nxt == "backward" else layers)
    return update(trainer, current)


def update(trainer, current: PhaseView) -> PhaseView:
    """Take the step whose passes `current` shows, and show the change each weight received."""
    net = trainer.net
    before_W = [layer.W.copy() for layer in net.layers]
    before_b = [layer.b.copy() for layer in net.layers]
    lr = trainer.opt.lr  # the step's own rate (an epoch's end may decay it after the step)
    trainer.train_step()
    return replace(
        current, phase="update", done=len(net.layers), lr=lr,
        delta_W=tuple(frozen(layer.W - W) for layer, W in zip(net.layers, before_W)),
        delta_b=tuple(frozen(layer.b - b) for layer, b in zip(net.layers, before_b)),
    )
