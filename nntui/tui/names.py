"""What the screen calls the inputs, the output, the classes and one parameter, from the frame's names.

A source that names nothing (a run log without names) gets today's numbers:
x0, x1 for the inputs, 0, 1 … for the classes, W0[1,0] for a weight. Short
forms drop a unit in brackets ("temperature (tens of °C)" → "temperature"),
for the places with little room: the Network pane and the cursor line.
"""

from __future__ import annotations

from nntui.run.frame import Frame


def short(name: str) -> str:
    """A name without its unit in brackets: "temperature (tens of °C)" → "temperature"; a bracket with a number
    in it is part of the name ("pixel (14, 14)")."""
    head, bracket, rest = name.partition(" (")
    if not bracket or any(ch.isdigit() for ch in rest) or not head.strip():
        return name
    return head.strip()


def input_name(frame: Frame, i: int) -> str:
    """Input i as the data names it (its full name, with the unit), else x{i}."""
    return frame.input_names[i] if 0 <= i < len(frame.input_names) else f"x{i}"


def class_name(frame: Frame, c: int) -> str:
    """Class c as the data names it, else its number."""
    return frame.class_names[c] if 0 <= c < len(frame.class_names) else str(c)


def output_name(frame: Frame) -> str:
    """What the output answers ("go outside?"), or "out" when the data does not say."""
    return frame.output_name or "out"


def named(frame: Frame) -> bool:
    """True when the source names anything: then a parameter is named by its two ends."""
    return bool(frame.input_names or frame.output_name or frame.class_names)


def neuron_name(frame: Frame, column: int, index: int) -> str:
    """Neuron `index` of the network's column `column` (0 = inputs): "temperature", "n3", "go outside?", "7".

    Hidden neurons are n and their index from 0, as W's columns and everywhere the app names one (the neuron
    maps' "L1 n3", the receptive field, the top images): W0[x2 → n3] is W0[1,3]."""
    if column == 0:
        return short(input_name(frame, index))
    if column == len(frame.layer_sizes) - 1:
        if frame.layer_sizes[-1] == 1:
            return output_name(frame)
        return class_name(frame, index) if frame.class_names else f"out{index + 1}"
    return f"n{index}"


def parameter_name(frame: Frame, layer: int, i: int, j: int, bias: bool = False, width: int | None = None) -> str:
    """The weight W{layer}[from → to] or the bias b{layer}[to]; W0[1,0] / b0[0] when nothing is named, or
    when the named form is longer than `width`."""
    numbered = f"b{layer}[{j}]" if bias else f"W{layer}[{i},{j}]"
    if not named(frame):
        return numbered
    ends = [neuron_name(frame, layer + 1, j)]
    if layer == len(frame.layer_sizes) - 2 and frame.layer_sizes[-1] == 1:
        ends.append("out")  # the one output, in few letters
    for to in ends:
        full = f"b{layer}[{to}]" if bias else f"W{layer}[{neuron_name(frame, layer, i)} → {to}]"
        if width is None or len(full) <= width:
            return full
    return numbered
