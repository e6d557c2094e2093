"""The example CSV files shipped in datasets/examples, written by nntui's own generators.

Regenerate them with `python -m nntui.data.examples [DIR]`; a test checks the
shipped copies still match.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from nntui.data.toy import weather_table

WEATHER_ROWS = 200
WEATHER_SEED = 2024


def weather_csv() -> str:
    """temperature (°C), rain (0/1), go_outside (yes/no): the weather set as a user would write it."""
    temperature, rain, go = weather_table(WEATHER_ROWS, 0.05, np.random.default_rng(WEATHER_SEED))
    lines = ["temperature,rain,go_outside"]
    lines += [f"{t:.1f},{int(r)},{'yes' if g else 'no'}" for t, r, g in zip(temperature, rain, go)]
    return "\n".join(lines) + "\n"


EXAMPLES = {"weather.csv": weather_csv}


def write_examples(folder: Path) -> list[Path]:
    """Write every example file into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in EXAMPLES.items():
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "datasets" / "examples"
    for path in write_examples(target):
        print(path)
