"""The key map, in one place: key → action → description.

The app's BINDINGS, the footer, the `?` help screen and the command palette
are all built from `KEYMAP` (each dims the keys whose command the run source
does not support: `refused`), so moving a key (say `.` from "double the
learning rate" to "phase step") is a one-line change here.

Keys are Textual key names (see textual/keys.py): `plus`, `minus`,
`less_than_sign`, `left_square_bracket`, `comma`, `full_stop`,
`question_mark`… Actions are App action strings, arguments included.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from nntui.run import commands as cmd
from nntui.run.source import refusal

# Footer groups: keys whose actions differ but belong together ("←→↑↓ select").
_GROUPS = {
    name: Binding.Group(name, compact=True)
    for name in ("select", "layer", "nudge", "δ", "lr", "neuron", "layers", "pane")
}


@dataclass(frozen=True)
class KeySpec:
    """One binding: the keys, the action they run, and how the footer, help and palette describe it."""

    keys: str  # Textual key names, comma-separated (the first one is shown)
    action: str  # App action string
    description: str  # short, for the footer
    label: str  # how the help screen shows the key(s)
    section: str  # help screen heading
    help: str  # one line for the help screen and the command palette
    group: str | None = None  # footer group (see _GROUPS)
    priority: bool = False  # needed for keys Textual binds itself (tab)
    footer: bool = True  # shown in the footer (the pane keys are shown by the tab line instead)
    command: type | None = None  # the command the key sends to the run source (None: the key stays in the UI)
    skips: bool = False  # for a source that refuses `command` the key runs its next binding (never dimmed)
    spare: bool = False  # in the key line only where it fits without another line (help and palette always)


TRAINING, SELECTING, CHANGING, VIEW = "Training", "Selecting a weight", "Changing the run", "View"
TRACING = "Tracing one sample (p then trains on a batch that holds it)"
LESSONS = "Lessons (nntui learn)"
REPLAY = "Replay (nntui watch: ← → move a snapshot there, h l select weights)"

# In footer order: what a newcomer needs first (a narrow footer cuts off the end).
KEYMAP: tuple[KeySpec, ...] = (
    KeySpec("question_mark", "help", "help", "?", VIEW, "show every key"),
    KeySpec("N,shift+n", "chapter(1)", "next ch.", "N", LESSONS, "open the next chapter"),
    KeySpec("B,shift+b", "chapter(-1)", "prev ch.", "B", LESSONS, "go back to the previous chapter"),
    KeySpec("v", "variant", "variant", "v", LESSONS, "switch to the chapter's next variant (restarts its run)"),
    KeySpec("c", "chapters", "chapters", "c", LESSONS, "choose a chapter from the list"),
    KeySpec("space", "toggle_pause", "pause", "space", TRAINING, "pause or resume training", command=cmd.TogglePause),
    KeySpec("n", "step", "step", "n", TRAINING, "take one mini-batch step (pauses training)", command=cmd.Step),
    KeySpec("p", "phase_step", "phase", "p", TRAINING,
            "phase step: forward → loss → backward → update, one layer at a time (pauses training)",
            command=cmd.PhaseStep),
    KeySpec("e", "step_epoch", "epoch", "e", TRAINING, "train to the end of the current epoch, then pause",
            command=cmd.StepEpoch),
    # ← → home end move through a recorded run's snapshots when the source replays (`nntui watch`); for any
    # other source the action skips and ← → select weights (the bindings below them)
    KeySpec("left", "seek(-1)", "◀ snapshot", "←", REPLAY, "replay: show the previous snapshot", footer=False,
            command=cmd.Seek, skips=True),
    KeySpec("right", "seek(1)", "snapshot ▶", "→", REPLAY, "replay: show the next snapshot", footer=False,
            command=cmd.Seek, skips=True),
    KeySpec("home", "seek(0, False)", "first", "home", REPLAY, "replay: show the first snapshot", footer=False,
            command=cmd.Seek, skips=True),
    KeySpec("end", "seek(-1, False)", "last", "end", REPLAY, "replay: show the last snapshot (a live run: follow it)",
            footer=False, command=cmd.Seek, skips=True),
    KeySpec("left,h", "move(0, -1)", "←", "← h", SELECTING,
            "select the weight to the left (output neuron j - 1)", group="select"),
    KeySpec("right,l", "move(0, 1)", "→", "→ l", SELECTING,
            "select the weight to the right (output neuron j + 1)", group="select"),
    KeySpec("up,k", "move(-1, 0)", "↑", "↑ k", SELECTING,
            "select the weight above (input neuron i - 1)", group="select"),
    KeySpec("down,j", "move(1, 0)", "↓", "↓ j", SELECTING,
            "select the weight below (input neuron i + 1)", group="select"),
    KeySpec("b", "toggle_bias", "bias", "b", SELECTING,
            "select the bias b[j] of the selected weight's output neuron, or the weight again (↓ past the last "
            "row selects it too)", spare=True),
    KeySpec("left_square_bracket", "layer(-1)", "prev layer", "[", SELECTING,
            "select the previous layer's weights", group="layer"),
    KeySpec("right_square_bracket", "layer(1)", "next layer", "]", SELECTING,
            "select the next layer's weights", group="layer"),
    KeySpec("plus", "nudge(1)", "+δ", "+", CHANGING, "nudge the selected weight or bias by +δ", group="nudge",
            command=cmd.Nudge),
    KeySpec("minus", "nudge(-1)", "−δ", "-", CHANGING, "nudge the selected weight or bias by −δ", group="nudge",
            command=cmd.Nudge),
    KeySpec("less_than_sign", "scale_delta(0.5)", "δ÷2", "<", CHANGING, "halve the nudge size δ", group="δ"),
    KeySpec("greater_than_sign", "scale_delta(2.0)", "δ×2", ">", CHANGING, "double the nudge size δ", group="δ"),
    KeySpec("u", "undo", "undo", "u", CHANGING, "undo the last nudge or zeroing", command=cmd.UndoNudge),
    KeySpec("0", "zero_weight", "zero", "0", CHANGING, "set the selected weight or bias to zero",
            command=cmd.SetWeight, spare=True),
    KeySpec("comma", "scale_lr(0.5)", "lr÷2", ",", CHANGING, "halve the learning rate", group="lr",
            command=cmd.ScaleLR),
    KeySpec("full_stop", "scale_lr(2.0)", "lr×2", ".", CHANGING, "double the learning rate", group="lr",
            command=cmd.ScaleLR),
    KeySpec("a", "cycle_activation", "activation", "a", CHANGING,
            "switch the hidden activation to the next one (re-initializes)", command=cmd.CycleActivation),
    KeySpec("r", "reset", "reset", "r", CHANGING, "re-initialize the weights with a new seed", command=cmd.Reset),
    KeySpec("i", "add_neuron", "+neuron", "i", CHANGING,
            "add a neuron to the selected layer (W's outputs; small new weights, training goes on)",
            group="neuron", command=cmd.AddNeuron, spare=True),
    KeySpec("x", "remove_neuron", "−neuron", "x", CHANGING,
            "remove the selected neuron (W's output j) with its edges (training goes on)",
            group="neuron", command=cmd.RemoveNeuron, spare=True),
    KeySpec("I,shift+i", "add_layer", "+layer", "I", CHANGING,
            "add a hidden layer after the selected one (a fresh run)", group="layers", command=cmd.AddLayer,
            spare=True),
    KeySpec("X,shift+x", "remove_layer", "−layer", "X", CHANGING,
            "remove the selected hidden layer (a fresh run)", group="layers", command=cmd.RemoveLayer, spare=True),
    KeySpec("H,shift+h", "type_sizes", "sizes", "H", CHANGING,
            "type the hidden layer sizes, like 8,8 (a fresh run)", command=cmd.SetHidden, spare=True),
    KeySpec("s", "save", "save", "s", CHANGING, "save a checkpoint", command=cmd.Save),
    KeySpec("g", "toggle_downhill", "downhill", "g", VIEW,
            "switch the Loss pane between the loss chart and the downhill view of the selected weight",
            command=cmd.Downhill),
    KeySpec("o", "toggle_over_time", "over time", "o", VIEW,
            "switch the Activations pane to the gradients over time: per layer |ΔW|/|W| and mean |dL/dz| (log), "
            "activation histograms by step, and flags (blame 100× apart, 40% dead or saturated, updates over 1% "
            "or under 0.001% of the weights per step)", spare=True),
    KeySpec("G,shift+g", "clear_ghost", "clear ghost", "G", VIEW,
            "clear the previous run's curves (the ghost) from the Loss pane", footer=False, command=cmd.SetGhost),
    KeySpec("f", "toggle_looks", "looks for", "f", VIEW,
            "image data: the Data pane shows what the selected neuron looks for (top 9 test images, its field)",
            command=cmd.Describe, footer=False),  # the image Data pane's caption names it
    KeySpec("t", "trace(1)", "trace", "t", TRACING,
            "trace a sample: the panes show its values (the one shown first, then the next)", command=cmd.Trace,
            footer=False),  # the Data pane's caption names it
    KeySpec("T,shift+t", "trace(-1)", "trace ◀", "T", TRACING, "trace the previous sample", command=cmd.Trace,
            footer=False),
    KeySpec("w", "trace_worst", "worst", "w", TRACING, "trace the worst-predicted test sample (highest loss)",
            command=cmd.TraceWorst, footer=False),
    KeySpec("escape", "stop_trace", "stop trace", "esc", TRACING, "stop tracing (the panes show the probe batch)",
            command=cmd.Trace, footer=False),
    KeySpec("L,shift+l", "toggle_log_scale", "log", "L", VIEW, "switch the loss chart between linear and log scale"),
    KeySpec("m", "toggle_neuron_maps", "maps", "m", VIEW,
            "neuron maps (2-D data): the Network pane shows every hidden neuron's map over the input plane, "
            "the Data pane the selected neuron's (the selected weight's output) large, with its formula",
            spare=True),
    KeySpec("tab", "pane(1)", "next pane", "tab", VIEW, "show the next pane (small terminals)",
            group="pane", priority=True, footer=False),
    KeySpec("shift+tab", "pane(-1)", "prev pane", "shift+tab", VIEW, "show the previous pane (small terminals)",
            group="pane", priority=True, footer=False),
    KeySpec("q,ctrl+c", "quit", "quit", "q ctrl+c", VIEW, "quit (the run is saved; nntui --resume continues it)"),
)

SECTIONS: tuple[str, ...] = (TRAINING, SELECTING, CHANGING, VIEW, TRACING, REPLAY, LESSONS)


def has_action(app: object, action: str) -> bool:
    """True when `app` has `action` (a name, without its arguments): the lesson keys work only in `nntui learn`."""
    return hasattr(app, f"action_{action}")


def offered(spec: KeySpec, app: object) -> bool:
    """True when `app` has the key's action (and, for a key that skips, its source takes the key's command)."""
    return has_action(app, spec.action.split("(")[0]) and not (spec.skips and _refusal(spec, app))


def refused(spec: KeySpec, app: object) -> str | None:
    """Why the key does nothing for the app's run source ("a recorded run cannot be nudged"), or None."""
    return None if spec.skips else _refusal(spec, app)


def _refusal(spec: KeySpec, app: object) -> str | None:
    source = getattr(app, "source", None)
    if spec.command is None or source is None:
        return None
    return refusal(source, spec.command)


def bindings() -> list[Binding]:
    """Textual Bindings for App.BINDINGS, in KEYMAP order (the footer's order)."""
    return [
        Binding(
            spec.keys, spec.action, spec.description, show=spec.footer, key_display=spec.label.split()[0],
            group=_GROUPS.get(spec.group) if spec.group else None, priority=spec.priority,
            tooltip=spec.help,
        )
        for spec in KEYMAP
    ]
