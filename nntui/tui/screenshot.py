"""Headless screenshots: the app's screen showing one frame, saved as an SVG.

Used by `nntui screenshot` (the README's pictures), which trains a few
deterministic steps and hands over the frame. No worker is started, so the
same config, seed and step count always give the same picture.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from nntui.config import RunConfig
from nntui.run.frame import Frame
from nntui.tui.app import make_app


def render_screenshot(config: RunConfig, frame: Frame, size: tuple[int, int] = (120, 40),
                      path: str | Path = "nntui.svg") -> Path:
    """Save the app showing `frame` at `size` as an SVG at `path`; returns the path."""
    app = make_app(config, frame=frame)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(_save(app, size, target))
    return target


async def _save(app, size: tuple[int, int], target: Path) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.save_screenshot(target.name, path=str(target.parent))
