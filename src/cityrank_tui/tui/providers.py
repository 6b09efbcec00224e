"""Command palette: every command the current screen offers, every index tab, and for every city:
jump to it, open its profile, pick it for comparison."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..core.safetext import visible
from .app import scope_of
from .commands import ALL, APP, commands_of, display_keys

if TYPE_CHECKING:
    from .app import CityRankApp

PALETTE_CITIES = 5_000


class CityRankCommands(Provider):
    def _entries(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """(text shown, help, callback) for everything the palette can do; city entries come last."""
        app = cast("CityRankApp", self.app)
        screen = self.screen
        out: list[tuple[str, str, Callable[[], Any]]] = []
        scope = scope_of(screen)
        # Only what applies here: this screen's commands first, then the app's, when they can run.
        for command in [c for c in ALL if c.screen == scope] + commands_of(APP):
            if not command.palette:
                continue
            on_app = command.screen == APP
            name = command.action.partition("(")[0]
            # The screen's own command, or its focused tab's (an index pane owns its filters).
            owners = [*(screen.focused.ancestors_with_self if screen.focused else []), screen]
            owner = (
                None if on_app else next((n for n in owners if hasattr(n, f"action_{name}")), None)
            )
            if not on_app and (owner is None or owner.check_action(name, ()) is not True):
                continue  # not offered here, e.g. the search key while the search box has the keys
            key = display_keys(app.keymap[command.id])
            run = partial(app.run_action, command.action, owner)
            out.append((command.help.split(" (")[0], f"key: {key}", run))
        if hasattr(screen, "goto_index"):
            for info in app.catalog.indexes.values():
                out.append(
                    (f"Open tab: {info.short_name}", info.name, partial(screen.goto_index, info.id))
                )
        compare_key = app.key("compare", screen)
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
                    f"{row['country']} · then {compare_key} compares the picked cities",
                    partial(app.toggle_pick, city_id),
                )
            )
        # Names come from data: shown, never obeyed (and never read as markup, see _highlight).
        return [(visible(text), visible(help_text), callback) for text, help_text, callback in out]

    async def startup(self) -> None:
        self.entries = self._entries()  # once per opening of the palette, not once per keystroke

    async def discover(self) -> Hits:
        for text, help_text, callback in self.entries[: self.listed]:
            # help is declared str, but Textual reads it with Content.from_markup, which takes a
            # Content as it is: data is never parsed as markup.
            help_content = Content(help_text)
            yield DiscoveryHit(Text(text), callback, text=text, help=help_content)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        number = query.strip().lstrip("#").replace(",", "")
        if number.isdigit() and hasattr(self.screen, "jump_to_rank"):  # ':' then 12, as in VisiData
            text = f"Jump to rank {int(number):,}"
            yield Hit(1.0, text, partial(self.screen.jump_to_rank, number), text=text)
        matcher = self.matcher(query)
        for text, help_text, callback in self.entries:
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, text),
                    callback,
                    text=text,
                    help=Content(help_text),  # type: ignore[arg-type]  # see discover
                )


def _highlight(matcher: Matcher, text: str) -> Content:
    """`Matcher.highlight` without reading `text` as markup: a city called `[b]x` stays literal."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
