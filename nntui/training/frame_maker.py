"""FrameMaker: copy what the panes need out of a live Trainer into a Frame.

It keeps the fixed probe batch (and, through DataViews, the slow-changing
Data pane views), so that a frame costs little more than a forward and
backward pass on the probe batch.
"""

from __future__ import annotations

import numpy as np

from nntui.run.frame import (DownhillView, Frame, ImageView, LayerView, NeuronLooks, NudgeResult, PhaseView,
                             TracedSample, frozen)
from nntui.training.data_views import DataViews, subsample
from nntui.training.over_time import OverTimeMaker
from nntui.training.tracing import traced_image
from nntui.training.trainer import Trainer

PROBE_SIZE = 32
HISTORY_SHOWN = 600
TRAIN_LOSS_STEPS = 50  # the status line's loss is the mean training loss over this many latest steps


def losses(trainer: Trainer) -> dict:
    """The frame's training losses and evaluations, and the units a regression target is in."""
    ds, window = trainer.dataset, trainer.losses[-TRAIN_LOSS_STEPS:]
    return {
        "train_loss": float(np.mean(window)) if len(window) else None,
        "train_loss_steps": len(window),
        "target_scale": ds.target_scale if ds.y_std is not None else None,
        "target_name": ds.target_name or "target",
        "loss_history": tuple(trainer.losses[-HISTORY_SHOWN:]),
        "evals": tuple(trainer.evals),
    }


def names(trainer: Trainer) -> dict:
    """What the data calls its inputs, its output and its classes (empty where it does not say)."""
    ds = trainer.dataset
    return {"input_names": tuple(ds.feature_names), "output_name": ds.target_name, "class_names": tuple(ds.class_names)}


class FrameMaker:
    """Makes Frames for one trainer; owns the probe batch and the Data pane's views (`data_views`)."""

    def __init__(self, trainer: Trainer, probe_size: int = PROBE_SIZE):
        self.trainer = trainer
        ds = trainer.dataset
        rng = np.random.default_rng(trainer.config.seed + 7919)
        self.probe_rows = probe_rows = subsample(ds.n_train, probe_size, rng)
        self.probe_x = frozen(trainer.scaled(ds.X_train[probe_rows]))
        self.probe_y = frozen(ds.y_train[probe_rows])
        self.data_views = DataViews(trainer, self.probe_x, self.probe_y, rng)
        self.over_time = OverTimeMaker()
        self.seq = 0
        self._probe: tuple[tuple[LayerView, ...], float, np.ndarray] | None = None

    def forget(self) -> None:
        """Drop the cached probe record and views: the run they showed was replaced (a restart)."""
        self._probe = None
        self.data_views.forget()
        self.over_time.forget()

    def shown_train_row(self) -> int:
        """The training row of the probe sample the panes show now (the image data's current one, else the first)."""
        ds = self.trainer.dataset
        row = self.data_views.current_sample() if ds.image_shape is not None else 0
        return int(self.probe_rows[row])

    def probe_loss(self) -> float:
        return self.trainer.net.loss_value(self.probe_x, self.probe_y)

    # -- the frame ----------------------------------------------------------

    def _record_probe(self) -> tuple[tuple[LayerView, ...], float, np.ndarray]:
        """(layers, probe loss, output activations) for the probe batch with the current weights."""
        net = self.trainer.net
        rec = net.record(self.probe_x, self.probe_y)
        names = [layer.activation.name for layer in net.layers[:-1]] + [net.loss.output_activation]  # a = link(z)
        layers = tuple(
            LayerView(
                activation=name, W=frozen(layer.W), b=frozen(layer.b),
                z=frozen(z), a=frozen(a), blame=frozen(blame), dW=frozen(dW), db=frozen(db),
                **layer.activation.traits,
            )
            for name, layer, z, a, blame, dW, db in zip(names, net.layers, rec.z, rec.a, rec.blame, rec.dW, rec.db)
        )
        return layers, rec.loss, layers[-1].a

    def make(self, *, state: str, message: str = "", nudge: NudgeResult | None = None, event: int = 0,
             refresh_view: bool = True, samples_per_s: float | None = None,
             phase: PhaseView | None = None, downhill: DownhillView | None = None,
             looks: NeuronLooks | None = None, trace: TracedSample | None = None) -> Frame:
        """A frame of the run now; with `refresh_view` False the data view and the probe batch's layers,
        loss and outputs are those of the last refresh (the loop refreshes them at the heavy-view pace
        while training, not at every frame: each refresh copies every weight and runs the probe batch)."""
        trainer, ds = self.trainer, self.trainer.dataset
        if refresh_view or self._probe is None:
            self._probe = self._record_probe()
            self.over_time.take(trainer, self._probe[0])
        layers, probe_loss, probs = self._probe
        data_view = self.data_views.current(refresh_view, probs)
        if trace is not None and isinstance(data_view, ImageView):
            data_view = traced_image(trace, data_view, ds.image_shape)
        self.seq += 1
        return Frame(
            seq=self.seq,
            state=state,
            samples_per_s=trainer.samples_per_s if samples_per_s is None else samples_per_s,
            **run_fields(trainer),
            layers=layers,
            probe_x=self.probe_x,
            probe_y=self.probe_y,
            probe_loss=probe_loss,
            **losses(trainer),
            data_view=data_view,
            nudge=nudge,
            phase=phase,
            downhill=downhill,
            ghost=trainer.ghost,
            run=trainer.runs,
            message=message,
            event=event,
            over_time=self.over_time.view(trainer),
            looks=looks,
            trace=trace,
            **names(trainer),
        )


def run_fields(trainer: Trainer) -> dict:
    """The frame's fields that describe the run itself: where it is, its data, its network and optimizer."""
    return dict(step=trainer.step, epoch=trainer.epoch, epoch_progress=trainer.epoch_progress, lr=trainer.opt.lr,
                dataset=trainer.config.data_label, task=trainer.dataset.task, layer_sizes=tuple(trainer.net.sizes),
                loss_name=trainer.net.loss.name, optimizer=trainer.opt.name, image_shape=trainer.dataset.image_shape)
