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
from ..core.textnorm import fold_chars
from .app import scope_of
from .city_search import CitySearch, city_names, parse
from .commands import ALL, APP, commands_of
from .keymap import display_keys

if TYPE_CHECKING:
    from .app import CityRankApp


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
        self.search_also: dict[int, tuple[str, ...]] = {}
        if hasattr(screen, "goto_index"):
            for info in app.catalog.indexes.values():
                # found by what the tab strip shows ("OE-GCI 2024") and by its id, as well
                self.search_also[len(out)] = (info.tab_label, info.id)
                out.append(
                    (f"Open tab: {info.short_name}", info.name, partial(screen.goto_index, info.id))
                )
        self.listed = len(out)  # what the palette shows on opening; cities are found by typing
        # Names come from data: shown, never obeyed (and never read as markup, see _highlight).
        return [(visible(text), visible(help_text), callback) for text, help_text, callback in out]

    async def startup(self) -> None:
        self.entries = self._entries()  # once per opening of the palette, not once per keystroke
        # each entry's names, folded: its text, and a tab's label and id (matched one by one,
        # so ':200' is not found in 'GII 2024' + 'gii-2024' run together)
        self.folded = [
            tuple(fold_chars(t) for t in (text, *self.search_also.get(n, ())))
            for n, (text, _, _) in enumerate(self.entries)
        ]
        app = cast("CityRankApp", self.app)
        self.cities = CitySearch(city_names(app.catalog))  # folded names: once per catalogue

    async def discover(self) -> Hits:
        for text, help_text, callback in self.entries[: self.listed]:
            # help is declared str, but Textual reads it with Content.from_markup, which takes a
            # Content as it is: data is never parsed as markup.
            help_content = Content(help_text)
            yield DiscoveryHit(Text(text), callback, text=text, help=help_content)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        number = query.strip().lstrip("#").replace(",", "")
        # ':' then 12 jumps to rank 12, as in VisiData: the jump comes first, and other hits
        # (a tab named '... 2020' for ':200', GFCI 38 for ':3') are ranked below it.
        jumps = False
        if number.isdigit() and hasattr(self.screen, "jump_to_rank"):
            jumps = True
            text = f"Jump to rank {int(number):,}"
            yield Hit(1.0, text, partial(self.screen.jump_to_rank, number), text=text)
        # Folded on both sides, as every search here is: 'stadte' finds the tab "Städte 2024".
        matcher = self.matcher(fold_chars(query))
        for (text, help_text, callback), folded in zip(self.entries, self.folded, strict=True):
            score = max(matcher.match(name) for name in folded)
            if jumps:
                score = 0.9 * score / (1 + score)  # below the jump's 1.0, in the same order
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, text),
                    callback,
                    text=text,
                    help=Content(help_text),  # type: ignore[arg-type]  # see discover
                )
        for score, text, help_text, callback in self._city_hits(query, matcher):
            if jumps:
                score = 0.9 * score / (1 + score)
            help_content = Content(help_text)  # see discover
            yield Hit(score, _highlight(matcher, text), callback, text=text, help=help_content)  # type: ignore[arg-type]

    def _city_hits(
        self, query: str, matcher: Matcher
    ) -> list[tuple[float, str, str, Callable[[], Any]]]:
        """Jump to / Profile of / Pick for the best-matching cities (see city_search)."""
        app = cast("CityRankApp", self.app)
        screen = self.screen
        verbs, name_query = parse(query)
        out: list[tuple[float, str, str, Callable[[], Any]]] = []
        found = self.cities.find(name_query)
        for place, (city_id, name, country) in enumerate(found):
            # Names come from data: shown, never obeyed (and never read as markup, see _highlight).
            name, country = visible(name), visible(country or "")
            entries: list[tuple[str, str, Callable[[], Any]]] = []
            if "jump" in verbs and hasattr(screen, "jump_to_city"):
                entries.append(
                    (
                        f"Jump to {name}",
                        f"{country} · highlight it in this tab",
                        partial(screen.jump_to_city, city_id),
                    )
                )
            if "profile" in verbs:
                entries.append(
                    (
                        f"Profile of {name}",
                        f"{country} · every index, movement, absences",
                        partial(app.open_profile, city_id),
                    )
                )
            if "pick" in verbs:
                entries.append(
                    (
                        f"Pick {name} for comparison",
                        f"{country} · then {app.key('compare', screen)} compares the picked cities",
                        partial(app.toggle_pick, city_id),
                    )
                )
            for text, help_text, callback in entries:
                # A found city the matcher gives no score (its letters are not in order in the
                # whole entry's text) keeps one by its place in the list.
                score = matcher.match(fold_chars(text)) or 0.5 * (1 - place / (len(found) + 1))
                out.append((score, text, help_text, callback))
        return out


def _highlight(matcher: Matcher, text: str) -> Content:
    """`Matcher.highlight` without reading `text` as markup: a city called `[b]x` stays literal."""
    content = Content(text)
    # the query is folded (see search): matched against the folded text, whose letters stand
    # where the text's do
    score, offsets = matcher.fuzzy_search.match(matcher.query, fold_chars(text))
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
