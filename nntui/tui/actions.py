"""KeyActions: what every key does (keys.py maps keys to these actions), and the keys as palette commands.

Mixed into NntuiApp. Keys that change the run send a command to the source
(`send`, which refuses, and says why, what the source does not support);
the others change the app's selection only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial

from textual.actions import SkipAction
from textual.app import SystemCommand
from textual.screen import Screen

from nntui.config import parse_sizes
from nntui.run import commands as cmd
from nntui.run.frame import Frame
from nntui.run.source import refusal
from nntui.tui import keys
from nntui.tui.screens.help import HelpScreen
from nntui.tui.screens.sizes import SizesPrompt
from nntui.tui.svgsave import save_svg
from nntui.tui.widgets.status import StatusBar


def palette_title(spec: keys.KeySpec) -> str:
    """The key's command in the palette: its help line, capitalized."""
    return spec.help[0].upper() + spec.help[1:]


def weight_shapes(frame: Frame) -> list[tuple[int, int]]:
    """The shape of every layer's W (what the selection is clamped to)."""
    return [tuple(layer.W.shape) for layer in frame.layers]


class KeyActions:
    """The app's key actions and palette commands (mixed into NntuiApp, before App)."""

    def send(self, command: cmd.Command) -> bool:
        """Hand a command to the source; True if sent. One it does not support is not: the status line says why."""
        if self.source is None or self.refuses(type(command)):
            return False
        self.source.submit(command)
        return True

    def refuses(self, command_type: type) -> bool:
        """True (and the status line says why) if the source does not support `command_type`."""
        why = refusal(self.source, command_type) if self.source is not None else None
        if why is not None:
            self.query_one(StatusBar).show_note(why)
        return why is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pane":  # the pane keys only mean something when one pane shows at a time
            return self.tabbed
        return keys.has_action(self, action)

    def action_toggle_pause(self) -> None:
        self.send(cmd.TogglePause())

    def action_step(self) -> None:
        self.send(cmd.Step(1))

    def action_phase_step(self) -> None:
        # a step taken apart is drawn on the Network pane
        if self.send(cmd.PhaseStep()) and self.frame.phase is None and self.tabbed:
            self.pane = "network"

    def action_step_epoch(self) -> None:
        self.send(cmd.StepEpoch())

    def action_seek(self, offset: int, relative: bool = True) -> None:
        """Another snapshot of a recorded run; for a source that does not replay, the key's next binding runs."""
        if self.source is None or cmd.Seek not in self.source.supports:
            raise SkipAction()
        self.send(cmd.Seek(offset, relative))

    def action_move(self, di: int, dj: int) -> None:
        self.selection = self.selection.moved(di, dj, weight_shapes(self.frame))

    def action_layer(self, step: int) -> None:
        self.selection = self.selection.with_layer(step, weight_shapes(self.frame))

    def action_toggle_bias(self) -> None:
        self.selection = self.selection.toggled_bias()

    def action_nudge(self, sign: int) -> None:
        v = self.selection
        self.send(cmd.Nudge(v.layer, v.i, v.j, sign * v.delta, bias=v.bias))

    def action_scale_delta(self, factor: float) -> None:
        self.selection = self.selection.scaled_delta(factor)

    def action_undo(self) -> None:
        self.send(cmd.UndoNudge())

    def action_zero_weight(self) -> None:
        v = self.selection
        self.send(cmd.SetWeight(v.layer, v.i, v.j, 0.0, bias=v.bias))

    def action_scale_lr(self, factor: float) -> None:
        self.send(cmd.ScaleLR(factor))

    def action_cycle_activation(self) -> None:
        self.send(cmd.CycleActivation())

    def action_reset(self) -> None:
        self.send(cmd.Reset())

    def action_add_neuron(self) -> None:
        self.send(cmd.AddNeuron(self.selection.layer))

    def action_remove_neuron(self) -> None:
        self.send(cmd.RemoveNeuron(self.selection.layer, self.selection.j))

    def action_add_layer(self) -> None:
        self.send(cmd.AddLayer(self.selection.layer))

    def action_remove_layer(self) -> None:
        self.send(cmd.RemoveLayer(self.selection.layer))

    def action_type_sizes(self) -> None:
        if not self.refuses(cmd.SetHidden) and not isinstance(self.screen, SizesPrompt):
            self.push_screen(SizesPrompt(self.frame.layer_sizes[1:-1]), callback=self.typed_sizes)

    def typed_sizes(self, text: str | None) -> None:
        """The sizes prompt's answer: a fresh run of that shape, or the sentence saying what is wrong."""
        if text is None:
            return
        try:
            sizes = parse_sizes(text)
        except ValueError as e:
            self.query_one(StatusBar).show_note(str(e))
            return
        self.send(cmd.SetHidden(sizes))

    def action_clear_ghost(self) -> None:
        self.send(cmd.SetGhost(None))

    def action_save(self) -> None:
        self.send(cmd.Save())

    def action_toggle_log_scale(self) -> None:
        self.selection = replace(self.selection, log_scale=not self.selection.log_scale)

    def action_toggle_downhill(self) -> None:
        if self.refuses(cmd.Downhill):
            return
        self.selection = replace(self.selection, downhill=not self.selection.downhill)
        if self.selection.downhill and self.tabbed:
            self.pane = "loss"

    def action_toggle_over_time(self) -> None:
        self.selection = replace(self.selection, over_time=not self.selection.over_time)
        if self.selection.over_time and self.tabbed:
            self.pane = "activations"

    def action_pane(self, step: int) -> None:
        names = self.panes.ids
        self.pane = names[(names.index(self.pane) + step) % len(names)]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.send(cmd.Stop())
        self.exit(0)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> None:
        """The palette's Screenshot: save the screen as an SVG and say where (or why not) in the status line."""
        try:
            saved = save_svg(self.export_screenshot())
        except OSError as e:
            self.query_one(StatusBar).show_note(f"could not save the screenshot: {e.strerror or e}")
        else:
            self.query_one(StatusBar).show_note(f"screenshot saved to {saved}")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for spec in keys.KEYMAP:
            if spec.action != "quit" and keys.offered(spec, self):  # Textual's own "Quit" calls action_quit
                yield SystemCommand(palette_title(spec), f"key {spec.label}", partial(self.run_action, spec.action))

    def refusals(self) -> dict[str, str]:
        """Palette title → why, for the keys whose command the source does not support (the palette dims them)."""
        return {palette_title(spec): why for spec in keys.KEYMAP if (why := keys.refused(spec, self))}
