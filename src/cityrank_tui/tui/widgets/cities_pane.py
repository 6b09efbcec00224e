"""The Cities tab: every city at once, one column per family (core.standings: its edition rule).

The first tab of the main screen. Like an index pane it owns its view as one reactive value
(filter, sort, bookmarked only); the table and the summary line follow it, and each change posts
one `ViewChanged`, which the screen saves (debounced) to state.toml. The frame comes whole from
core.cityview and is painted by the same RankTable as an index (visible rows only). Dialogs are
awaited inside worker actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from ...core import cityview
from ...core.catalog import Catalog
from ...core.cityview import CityFilter, CityView
from ...core.errors import UsageError
from ...core.history import History
from ...core.render import printable
from ..commands import screen_bindings
from .credits import Credits
from .index_pane import SHORT_SCREEN, SearchLine
from .rank_table import Column, RankTable
from .search_pane import SearchPane

# The dialogs are imported when first asked for: they are not on the first screen.
if TYPE_CHECKING:
    from ..app import CityRankApp
    from ..screens.dialogs import Choice

NUMERIC = {cityview.COUNT, cityview.MEDIAN, cityview.FIGURES}


class CitiesPane(SearchPane[CityView]):
    """Cities × families, filtered and sorted by its own view."""

    SCOPE = "cities"  # whose keys (tui/commands.py): help and the palette read it from the focus
    BINDINGS = screen_bindings(SCOPE)  # b, Space and p run the screen's city actions

    if TYPE_CHECKING:
        app = getters.app(CityRankApp)

    view: reactive[CityView] = reactive(CityView(), repaint=False, init=False)

    class ViewChanged(Message):
        """The Cities tab's view changed: one message per change."""

        def __init__(self, view: CityView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, catalog: Catalog, view: CityView | None = None, *, id: str) -> None:
        super().__init__(id=id, classes="index-pane cities-pane")
        self.catalog = catalog
        self.table = RankTable(frozen=1, marks_width=4, id="cities-table")
        view = view or CityView()
        try:
            self._build(view.rule)
        except UsageError:  # a saved family or edition is gone: the default rule
            view = replace(view, rule=cityview.EditionRule())
            self._build(view.rule)
        self.set_reactive(CitiesPane.view, self._fit(view))
        # the summary, and the search box in its place while searching (as on an index tab)
        self.summary = SearchLine(classes="filter-summary search-line", id="cities-summary")
        self._before_search = self.view  # the view Esc puts back
        self.shown = 0
        self.history: History[CityView] = History()

    def _build(self, rule: cityview.EditionRule) -> None:
        """The table under an edition rule (core.standings): each family's standing, its edition."""
        self.cities = cityview.city_table(self.catalog, rule)
        # RankTable marks rows by their city_ids; "row" maps a view back to positions.
        self.frame = self.cities.frame.with_columns(
            pl.concat_list([pl.col("city_id")]).alias("city_ids")
        ).with_row_index("row")
        self.indexed = cityview.CityTable(self.frame, self.cities.families, rule)
        self.table.set_columns(
            [
                Column(
                    c,
                    self.cities.label(c),
                    c in NUMERIC or c in self.cities.family_columns,
                    cityview.MEDIAN_DECIMALS if c == cityview.MEDIAN else None,
                )
                for c in self.cities.columns
            ],
            self.frame,
        )

    def _fit(self, view: CityView) -> CityView:
        """A saved sort on a column that is gone (a family removed) falls back to the default."""
        if view.sort[0] in self.cities.columns:
            return view
        return replace(view, sort=CityView().sort)

    def compose(self) -> ComposeResult:
        title = self._title()
        header = Static(title, classes="index-info", markup=False, id="cities-header")
        header.styles.height = len(title.plain.splitlines())
        yield header
        yield self.summary
        yield self.table
        yield Credits(cityview.shown_editions(self.cities, self.frame), id="cities-credits")

    def on_resize(self) -> None:
        """A short screen (60×16): the header keeps its first two lines (all four on a taller
        one), so the table keeps its rows."""
        header = self.query_one("#cities-header", Static)
        title = self._title()
        if self.app.size.height < SHORT_SCREEN:
            title = Text("\n").join(title.split("\n")[:2])
        if header.styles.height is None or header.styles.height.value != len(title.split("\n")):
            header.update(title)
            header.styles.height = len(title.split("\n"))

    def _title(self) -> Text:
        imports = len(self.cities.imported)  # shown in columns, not counted as families
        count = len(self.cities.families) - imports
        also = f" + {imports} import{'s' if imports > 1 else ''}" if imports else ""
        key = self.key
        lines = [
            Text.assemble(
                ("Every city × every family", "bold"),
                f" · {count} families{also} · {key('editions')}: editions",
            ),
            Text.assemble(("Standing: ", "bold"), self.cities.rule.header()),
            Text(
                "rank/of ’yy (its edition) · class · ? no rank · (…) a cluster's rank, counted "
                "for its principal city · n/r not on a complete list · — not in our data"
            ),
            Text(
                f"{cityview.ONE_FIGURE_NOTE.capitalize()} (n, its figures) · N families, median "
                "pctl (exact, shown to 1 place) and sorting follow the rule"
                f" · {key('profile')} profile · {key('bookmark')} bookmark · {key('pick')} pick (①–④)"
                f" · {key('min_families')} in at least N families"
            ),
        ]
        if self.cities.imported:  # a user's list is no publisher's ranking
            names = ", ".join(self.cities.label(f.key) for f in self.cities.imported)
            lines.append(Text(f"{names}: {cityview.IMPORTS_NOTE}"))
        for line in lines:
            line.no_wrap, line.overflow = True, "ellipsis"
        return Text("\n").join(lines)

    def key(self, name: str) -> str:
        """This tab's key for command `name` as the user has it (the index tabs' where the
        Cities tab has none of its own: b, Space)."""
        return self.app.key(name, self.SCOPE)

    def on_mount(self) -> None:
        self._search_hint(self.SCOPE)
        self._show(self.view)

    # -- the view -------------------------------------------------------------------------------
    def watch_view(self, old: CityView, view: CityView) -> None:
        if view.rule != old.rule:
            self._rebuild(view.rule)
        self._show(view)
        self.post_message(self.ViewChanged(view))

    def _show(self, view: CityView) -> None:
        flt = view.filter
        if view.bookmarked_only:
            flt = replace(flt, city_ids=self.app.bookmarks.ids)
        rows = cityview.view(self.indexed, flt, view.sort).get_column("row")
        self.shown = len(rows)
        self.table.empty_message = (
            f"No city matches these filters.\nPress {self.key('clear')} to clear them."
        )
        self.table.set_rows(self.frame, rows, sort_key=view.sort[0], descending=view.sort[1])
        self.table.set_marks(self.app.bookmarks.ids, self.app.pick_marks())
        for credits in self.query(Credits):  # the publishers of the standings shown
            credits.show(cityview.shown_editions(self.cities, self.frame[rows]))
        parts = [f"{self.shown:,} of {self.frame.height:,} cities", *view.describe(self.cities)]
        self.summary.set_text(
            Text(printable(" · ".join(parts))), f"{self.shown:,} of {self.frame.height:,}"
        )

    def set_view(self, view: CityView) -> None:
        """Show `view` as one undo step (nothing happens when it is the view shown)."""
        if view != self.view:
            self.history.record(self.view)
            self.view = view

    def _change(self, **changes: Any) -> None:
        self.set_view(replace(self.view, filter=replace(self.view.filter, **changes)))

    def marks_changed(self) -> None:
        if self.view.bookmarked_only:
            self._show(self.view)
        else:
            self.table.set_marks(self.app.bookmarks.ids, self.app.pick_marks())

    @property
    def city_id(self) -> str | None:
        """The highlighted row's city."""
        row = self.table.current_row
        return None if row is None else str(row["city_id"])

    def show_city(self, city_id: str, name: str) -> None:
        """The cursor to the city's row; filters are cleared when they hide it."""
        ids = self.frame["city_id"].gather(self.table.rows)
        found = (ids == city_id).arg_true()
        if not len(found):
            if not (self.frame["city_id"] == city_id).any():
                self.app.notify(f"{name} is in none of the indexes in our data.")
                return
            self.set_view(CityView(sort=self.view.sort, rule=self.view.rule))
            self.app.notify(f"Filters cleared to show {name}.")
            found = (self.frame["city_id"].gather(self.table.rows) == city_id).arg_true()
        self.table.cursor_row = int(found[0])
        self.table.focus()

    # -- actions: each dialog awaited, its choice the new view -----------------------------------
    def _choices(self, column: str, label: str) -> list[Choice]:
        from ..screens.dialogs import Choice

        counts = self.frame[column].drop_nulls().value_counts(sort=True)
        return [Choice(None, f"(any {label})")] + [
            Choice(value, f"{printable(str(value))} ({n:,})")
            for value, n in sorted(counts.iter_rows(), key=lambda r: str(r[0]).casefold())
        ]

    @work(exclusive=True, group="dialog")
    async def action_pick_region(self) -> None:
        from ..screens.dialogs import Choice, PickScreen

        choices = [Choice(None, "(any region)"), Choice(None, "UN M49 regions", heading=True)]
        choices += self._choices("region", "region")[1:]
        choices += [Choice(None, "Sub-regions", heading=True)]
        choices += self._choices("subregion", "sub-region")[1:]
        region = self.view.filter.region
        value = await self.app.push_screen_wait(PickScreen("Cities in region", choices, region))
        if value is not None or region is not None:
            self._change(region=value)

    @work(exclusive=True, group="dialog")
    async def action_pick_country(self) -> None:
        from ..screens.dialogs import PickScreen

        choices = self._choices("country", "country")
        country = self.view.filter.country
        value = await self.app.push_screen_wait(PickScreen("Cities in country", choices, country))
        self._change(country=value)

    # -- search: the index tabs' inline box (search_pane.SearchPane), live, with its count -----
    def _search_text(self) -> str:
        return self.view.filter.text

    def _searched(self, text: str) -> CityView:
        return replace(self.view, filter=replace(self.view.filter, text=text))

    @work(exclusive=True, group="dialog")
    async def action_min_families(self) -> None:
        from ..screens.dialogs import Choice, PickScreen

        most = len(self.cities.families) - len(self.cities.imported)  # imports are not counted
        # counted in this view with every other filter kept: what picking it would show
        flt = replace(self.view.filter, min_families=0)
        if self.view.bookmarked_only:
            flt = replace(flt, city_ids=self.app.bookmarks.ids)
        counts = self.indexed.frame.filter(flt.expr())[cityview.COUNT]
        choices = [Choice(0, f"(any number) ({len(counts):,})")] + [
            Choice(n, f"In at least {n} of {most} families ({int((counts >= n).sum()):,})")
            for n in range(1, most + 1)
        ]
        value = await self.app.push_screen_wait(
            PickScreen(
                "Cities ranked in at least N families", choices, self.view.filter.min_families
            )
        )
        if isinstance(value, int):
            self._change(min_families=value)

    @work(exclusive=True, group="dialog")
    async def action_pick_sort(self) -> None:
        from ..screens.dialogs import Choice, PickScreen

        column, descending = self.view.sort
        choices = [
            Choice(c, self.cities.label(c) + ("  (now; again reverses)" if c == column else ""))
            for c in self.cities.columns
        ]
        value = await self.app.push_screen_wait(PickScreen("Sort cities by", choices, column))
        if isinstance(value, str):
            sort = (
                (value, not descending)
                if value == column
                else cityview.sort_key(self.cities, value)
            )
            self.set_view(replace(self.view, sort=sort))

    @work(exclusive=True, group="dialog")
    async def action_pick_editions(self) -> None:
        from ..screens.dialogs import Choice, PickScreen

        rule = self.cities.rule
        held = dict(rule.fixed)
        choices = [
            Choice(("rule", False), "Each family: the most recent edition that holds the city"),
            Choice(("rule", True), "Each family: its latest edition only"),
        ]
        for family in self.cities.families:
            choices.append(Choice(None, f"{family.label}: hold to one edition", heading=True))
            choices.append(Choice((family.key, None), f"{family.label}: follow the rule above"))
            choices += [
                Choice(
                    (family.key, info.id),
                    f"{family.label} {info.edition}: {printable(info.tab_coverage)}",
                )
                for info in reversed(family.editions)
            ]
        current = next(iter(held.items()), ("rule", rule.latest_only))
        value = await self.app.push_screen_wait(PickScreen("Standings from", choices, current))
        if not isinstance(value, tuple):
            return
        what, choice = value
        if what == "rule":
            new = cityview.EditionRule(bool(choice), rule.fixed)
        else:
            new = rule.with_family(str(what), None if choice is None else str(choice))
        if new != rule:
            self.set_view(replace(self.view, rule=new))  # saved with the rest of the view
            self.app.notify(f"Standings: {new.header()}.", markup=False)

    def _rebuild(self, rule: cityview.EditionRule) -> None:
        """Read every family's standing under another edition rule; filters and sort stay."""
        self._build(rule)
        title = self._title()
        header = self.query_one("#cities-header", Static)
        header.update(title)
        header.styles.height = len(title.plain.splitlines())

    def action_clear_filters(self) -> None:
        if self.searching:
            self.close_search(keep=False)
        self.set_view(CityView(CityFilter(), self.view.sort, rule=self.view.rule))

    def action_bookmarked_only(self) -> None:
        self.set_view(replace(self.view, bookmarked_only=not self.view.bookmarked_only))

    # -- undo, the view at a glance, out ----------------------------------------------------------
    def action_undo(self) -> None:
        before = self.history.undo()
        if before is None:
            self.app.notify("Nothing to undo.")
        else:
            self.view = before

    def action_not_here(self, command: str) -> None:
        key = self.app.key
        why = {
            "tier": f"No tiers on the Cities tab: each family's are on its tab ({key('tier', 'main')}).",
            "score": "Publishers' scores do not compare: filter scores on a family's tab.",
            "jump_rank": f"No rank of its own here: sort by a family ({key('sort')}) or search "
            f"({key('search')}).",
            "describe": f"No measures to sum up here: {key('frequency')} counts cities per region "
            "and country.",
        }
        self.app.notify(why[command])

    @property
    def result(self) -> pl.DataFrame:
        """The cities on show, in the order shown."""
        return self.frame[self.table.rows]

    @work(exclusive=True, group="dialog")
    async def action_frequency(self) -> None:
        from ..glance import CITY_FIELDS, frequency_choices
        from ..screens.dialogs import PickScreen

        shown = self.result
        options = frequency_choices(shown, CITY_FIELDS)
        if not options:
            self.app.notify("No region or country in this view.")
            return
        title = f"{len(shown):,} cities by value (Enter filters)"
        value = await self.app.push_screen_wait(PickScreen(title, options))
        if isinstance(value, tuple):
            field, chosen = value
            self._change(**{field: chosen})

    @work(exclusive=True, group="dialog")
    async def action_open_source(self) -> None:
        from ...core.cities import city_by_id
        from ...core.profile import profile
        from ..links import open_sources, profile_sources

        city = city_by_id(self.app.catalog, self.city_id) if self.city_id else None
        if city is None:
            self.app.notify("No row is highlighted.")
            return
        await open_sources(
            self.app,
            profile_sources(profile(self.app.catalog, city)),
            printable(city.name),
            f"No web address of a source for {city.name} in our data.",
        )

    def action_copy_row(self) -> None:
        row = self.table.cursor_row
        if self.table.current_row is None:
            self.app.notify("No row is highlighted.")
            return
        self._copy(self.frame[self.table.rows.slice(row, 1)], "the row")

    def action_copy_view(self) -> None:
        self._copy(self.result, f"{self.shown:,} cities")

    def _copy(self, frame: pl.DataFrame, what: str) -> None:
        from ...core.cityexport import clipboard_text

        table, key = self.cities, self.key("export")
        view = self.view.line(table)
        self.app.copy_rows(
            lambda fmt: clipboard_text(table, frame, fmt, key, view),
            what,
            "with each publisher's attribution",
        )

    @work(exclusive=True, group="dialog")
    async def action_export_view(self) -> None:
        from ...core import cityexport
        from ..screens.dialogs import Choice, PickScreen
        from ..screens.export import ExportPathScreen

        choices = [Choice(fmt, label) for fmt, label in cityexport.FORMATS]
        fmt = await self.app.push_screen_wait(PickScreen("Export the Cities view as", choices))
        if not isinstance(fmt, str):
            return
        table, shown = self.cities, self.result  # the view as it is now
        view = self.view.line(table)
        suggested = str(Path.cwd() / f"cities-view.{fmt}")

        def write(target: Path, progress: Callable[[int], None], stop: Callable[[], bool]) -> None:
            cityexport.write(table, shown, fmt, target, view)
            progress(shown.height)

        path = await self.app.push_screen_wait(
            ExportPathScreen(
                f"Export {shown.height:,} cities as {fmt.upper()} to",
                suggested,
                write,
                shown.height,
            )
        )
        if path is not None:
            self.app.notify(
                f"Wrote {shown.height:,} cities with each publisher's attribution to {path}."
            )
