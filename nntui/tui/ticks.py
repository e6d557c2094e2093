"""Axis ticks and their labels for the charts: whole steps that end on the last one, short numbers.

plotext labels its own ticks with every digit it has (`567954044682.2`) and
puts step ticks between whole steps; these functions choose the ticks and
write them as a reader would: `5.7e11`, `0.052`, `2000`.
"""

from __future__ import annotations

import math

NICE_STRIDES = (1, 2, 5)  # × a power of ten
LABEL_GAP = 3  # blank columns wanted between step labels
PLAIN_EXPONENTS = range(-3, 5)  # |v| from 0.001 up to 99999 is written without an exponent
MOST_DIGITS = 6  # significant digits tried before giving up on telling ticks apart


def step_ticks(first: int, last: int, columns: int) -> list[int]:
    """Whole steps from `first` to `last` for an axis `columns` wide: multiples of a round stride, and `last`.

    The stride gives each label (as wide as `last`'s) LABEL_GAP columns to spare. `first` is kept,
    and a multiple before `last` too, only where its label does not touch the next one: plotext drops
    a label that would, even the last one.
    """
    first, last = int(first), int(last)
    if last <= first:
        return [last]
    width = len(str(last))
    most = max(2, columns // (width + LABEL_GAP))
    raw = (last - first) / (most - 1)
    stride = next(n * 10**k for k in range(len(str(last)) + 1) for n in NICE_STRIDES if n * 10**k >= raw)
    room = (last - first) * (width + 1) / max(1, columns)  # steps a label and a blank take on the axis
    ticks = [t for t in range(-(-first // stride) * stride, last, stride) if last - t >= room]
    if not ticks or ticks[0] - first >= room:
        ticks.insert(0, first)
    return [*ticks, last]


def short_number(value: float, digits: int = 2) -> str:
    """`value` in `digits` significant digits, as short as it reads: 5.7e11, 0.052, 1.5, 340, 1.2e-5."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    exponent = math.floor(math.log10(abs(value)))
    if exponent in PLAIN_EXPONENTS:
        text = f"{value:.{max(0, digits - 1 - exponent)}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa = f"{value / 10**exponent:.{digits - 1}f}"
    if mantissa.lstrip("-").startswith("10"):  # 9.96e11 rounds up to 10.0e11
        exponent += 1
        mantissa = f"{value / 10**exponent:.{digits - 1}f}"
    return f"{mantissa}e{exponent}"


def tick_labels(values: list[float]) -> list[str]:
    """The labels of `values` in the fewest significant digits (two or more) that tell them all apart."""
    for digits in range(2, MOST_DIGITS + 1):
        labels = [short_number(v, digits) for v in values]
        if len(set(labels)) == len(set(values)):
            return labels
    return labels


def value_ticks(low: float, high: float, count: int, log: bool) -> list[float]:
    """`count` ticks from `low` to `high` inclusive, evenly spaced (in log10 when `log`)."""
    if count < 2 or high <= low:
        return [low]
    if log:
        a, b = math.log10(low), math.log10(high)
        return [10 ** (a + (b - a) * i / (count - 1)) for i in range(count)]
    return [low + (high - low) * i / (count - 1) for i in range(count)]
