"""Headless screenshots: train a few deterministic steps, then save the app's screen as an SVG.

Used by `nntui screenshot` (the README's pictures). The app is shown paused on
the trainer's frame and no worker is started, so the same config, seed and
step count always give the same picture.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from nntui.config import RunConfig
from nntui.tui.app import make_app


def render_screenshot(config: RunConfig, steps: int, size: tuple[int, int] = (120, 40),
                      path: str | Path = "nntui.svg", *, trainer=None) -> Path:
    """Train `steps` mini-batch steps (on `trainer`, or one built from `config`), save an SVG, return its path.

    Raises the trainer's `Diverged` if a step diverges.
    """
    from nntui.training.loop import TrainerLoop

    loop = TrainerLoop(config, trainer=trainer, paused=True)
    loop.trainer.train_steps(steps)
    app = make_app(config, frame=loop.first_frame())
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(_save(app, size, target))
    return target


async def _save(app, size: tuple[int, int], target: Path) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.save_screenshot(target.name, path=str(target.parent))
