"""Command palette: every command the current screen offers, every index tab, and for every city:
jump to it, open its profile, pick it for comparison."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .commands import COMMANDS, display_keys

PALETTE_CITIES = 5_000


class CityRankCommands(Provider):
    def _entries(self) -> list[tuple[str, str, object]]:
        """(text shown, help, callback) for everything the palette can do; city entries come last."""
        app = self.app
        screen = self.screen
        out: list[tuple[str, str, object]] = []
        for command in COMMANDS:
            if command.id == "palette":
                continue
            on_app = command.action.startswith("app.")
            if not on_app and not hasattr(screen, f"action_{command.action}"):
                continue  # this screen does not offer it
            key = display_keys(app.settings.keys.get(command.id, command.keys))
            action = command.action if on_app else f"screen.{command.action}"
            out.append(
                (command.help.split(" (")[0], f"key: {key}", partial(app.run_action, action))
            )
        if hasattr(screen, "goto_index"):
            for info in app.catalog.indexes.values():
                out.append(
                    (f"Open tab: {info.short_name}", info.name, partial(screen.goto_index, info.id))
                )
        self.listed = len(out)  # what the palette shows on opening; cities are found by typing
        # Bundled cities come first; a million-row import's new cities would make every keystroke slow.
        for row in (
            app.catalog.cities.head(PALETTE_CITIES)
            .select("city_id", "name", "country")
            .iter_rows(named=True)
        ):
            city_id, name = row["city_id"], row["name"]
            if hasattr(screen, "jump_to_city"):
                out.append(
                    (
                        f"Jump to {name}",
                        f"{row['country']} · highlight it in this tab",
                        partial(screen.jump_to_city, city_id),
                    )
                )
            out.append(
                (
                    f"Profile of {name}",
                    f"{row['country']} · every index, movement, absences",
                    partial(app.open_profile, city_id),
                )
            )
            out.append(
                (
                    f"Pick {name} for comparison",
                    f"{row['country']} · then v compares the picked cities",
                    partial(app.toggle_pick, city_id),
                )
            )
        return out

    async def startup(self) -> None:
        self.entries = self._entries()  # once per opening of the palette, not once per keystroke

    async def discover(self) -> Hits:
        for text, help_text, callback in self.entries[: self.listed]:
            yield DiscoveryHit(Text(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        number = query.strip().lstrip("#").replace(",", "")
        if number.isdigit() and hasattr(self.screen, "jump_to_rank"):  # ':' then 12, as in VisiData
            text = f"Jump to rank {int(number):,}"
            yield Hit(1.0, text, partial(self.screen.jump_to_rank, number), text=text)
        matcher = self.matcher(query)
        for text, help_text, callback in self.entries:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)
