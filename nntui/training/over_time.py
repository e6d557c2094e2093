"""OverTimeMaker: the frame's gradients-over-time view of nntui's own run (the Activations pane's `o` view).

The update ratios and mean |dL/dz| come from the trainer's per-step record
(grad_history.py); the activation histograms are taken here from the probe
batch's activations each time the frame maker runs the probe batch, in bins
fixed per hidden layer from its activation's range (run/histograms.py).
"""

from __future__ import annotations

from nntui.run.frame import LayerView, OverTimeView, frozen
from nntui.run.histograms import HistogramHistory


class OverTimeMaker:
    """Keeps the hidden layers' activation histograms of one run and makes the frames' OverTimeView."""

    def __init__(self):
        self.histograms: HistogramHistory | None = None

    def forget(self) -> None:
        """Start over (a fresh run)."""
        self.histograms = None

    def take(self, trainer, layers: tuple[LayerView, ...]) -> None:
        """A histogram column of the probe batch's hidden activations (`layers`, just recorded) at this step."""
        hidden = trainer.net.layers[:-1]
        if self.histograms is None or len(self.histograms.layers) != len(hidden):
            self.histograms = HistogramHistory([layer.activation.bounds for layer in hidden])
        self.histograms.add(trainer.step, [view.a for view in layers[:-1]])

    def view(self, trainer) -> OverTimeView | None:
        """The view now (None before the first histogram column)."""
        if self.histograms is None:
            return None
        steps, ratio, blame = trainer.grad_history.series()
        return OverTimeView(
            steps=frozen(steps), update_ratio=frozen(ratio), mean_blame=frozen(blame),
            hist_steps=frozen(self.histograms.steps), hist_edges=tuple(map(frozen, self.histograms.edges())),
            hist_counts=frozen(self.histograms.counts()), per="step",
        )
