"""Command palette: every declared command, every index tab, and "jump to" every city."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .commands import COMMANDS, display_keys


class CityRankCommands(Provider):
    def _entries(self) -> list[tuple[str, str, object]]:
        """(text shown, help, callback) for everything the palette can do."""
        app = self.app
        screen = self.screen
        out: list[tuple[str, str, object]] = []
        for command in COMMANDS:
            if command.id == "palette":
                continue
            key = display_keys(app.settings.keys.get(command.id, command.keys))
            action = command.action if command.action.startswith("app.") else f"screen.{command.action}"
            out.append((command.help.split(" (")[0], f"key: {key}", partial(app.run_action, action)))
        if hasattr(screen, "goto_index"):
            for info in app.catalog.indexes.values():
                out.append((f"Open tab: {info.short_name}", info.name, partial(screen.goto_index, info.id)))
        if hasattr(screen, "jump_to_city"):
            for row in app.catalog.cities.select("city_id", "name", "country").iter_rows(named=True):
                out.append((f"Jump to {row['name']}", f"{row['country']} · highlight it in this tab",
                            partial(screen.jump_to_city, row["city_id"])))
        return out

    async def discover(self) -> Hits:
        for text, help_text, callback in self._entries():
            if not text.startswith("Jump to"):
                yield DiscoveryHit(Text(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)
