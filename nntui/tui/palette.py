"""The command palette's commands: Textual's system commands, with the keys the run source refuses dimmed.

The app offers every key as a system command (see `NntuiApp.get_system_commands`);
this provider shows those the source does not support in a dim style, with the
reason as their help line, so the palette, the key line and the help screen agree.
"""

from __future__ import annotations

from dataclasses import replace

from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider


class KeyCommands(SystemCommandsProvider):
    """System commands; those whose key the run source refuses are dimmed and say why."""

    async def discover(self) -> Hits:
        async for hit in super().discover():
            yield self._dimmed(hit)

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield self._dimmed(hit)

    def _dimmed(self, hit: Hit | DiscoveryHit) -> Hit | DiscoveryHit:
        refusals = getattr(self.app, "refusals", dict)()  # title → why
        if hit.text not in refusals:
            return hit
        field = "match_display" if isinstance(hit, Hit) else "display"
        shown = getattr(hit, field)
        shown = shown if isinstance(shown, Content) else Content(str(shown))
        return replace(hit, **{field: shown.stylize("dim")}, help=refusals[hit.text])
