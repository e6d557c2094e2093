"""MapKeys: the `m` key, the neuron maps of 2-D data on and off (a view of the UI alone; no command is sent).

Mixed into the app beside KeyActions. On data that is not 2-D it changes
nothing and says why (on 1-D data the selected unit's hinge is always shown).
"""

from __future__ import annotations

from dataclasses import replace

from nntui.tui.widgets.status import StatusBar


class MapKeys:
    """The app's `m` action (needs the app's `frame`, `selection`, `tabbed` and `pane`)."""

    def action_toggle_neuron_maps(self) -> None:
        n = self.frame.layer_sizes[0]
        if n != 2:  # (a 2-D run that lacks the maps says so in the views themselves)
            hint = "; on 1-D data the Data pane marks the selected unit's hinge" if n == 1 else ""
            self.query_one(StatusBar).show_note(f"neuron maps are drawn for 2-D inputs (this run has {n}){hint}")
            return
        self.selection = replace(self.selection, neuron_maps=not self.selection.neuron_maps)
        if self.selection.neuron_maps and self.tabbed:
            self.pane = "network"
