"""ClickActions: what a click in a pane selects (the panes post messages; the app changes its selection).

Mixed into the App, beside KeyActions: a neuron clicked in the Network pane
becomes the selected weight's input (the input column) or output neuron, a
weight clicked in the Weights pane the selected weight; a tab clicked shows
its pane. The handlers go by Textual's naming convention (`on_<widget>_<message>`):
Textual collects `@on` handlers only from classes of its own (widgets, apps),
not from a mixin.
"""

from __future__ import annotations

from dataclasses import replace

from nntui.tui.actions import weight_shapes
from nntui.tui.widgets.network import NetworkPane
from nntui.tui.widgets.tabs import PaneTab
from nntui.tui.widgets.weights import WeightsPane


class ClickActions:
    """The app's handlers of the panes' click messages (needs the app's `selection`, `frame` and `pane`)."""

    def on_network_pane_neuron_clicked(self, message: NetworkPane.NeuronClicked) -> None:
        if message.column == 0:
            chosen = replace(self.selection, layer=0, i=message.index)
        else:
            chosen = replace(self.selection, layer=message.column - 1, j=message.index)
        self.selection = chosen.clamped(weight_shapes(self.frame))

    def on_weights_pane_weight_clicked(self, message: WeightsPane.WeightClicked) -> None:
        chosen = replace(self.selection, layer=message.layer, i=message.i, j=message.j)
        self.selection = chosen.clamped(weight_shapes(self.frame))

    def on_pane_tab_chosen(self, message: PaneTab.Chosen) -> None:
        self.pane = message.pane_id
