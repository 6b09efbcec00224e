"""Every city at once: one row per city, one column per family (its latest edition).

The frame comes whole from core.cityview; this screen holds one view value (filter + sort),
asks core for the rows, and paints them with the same RankTable as an index (visible rows only).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Footer, Static

from ...core import cityview
from ...core.catalog import Catalog
from ...core.render import printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..widgets.rank_table import Column, RankTable
from .dialogs import Choice, InputScreen, PickScreen

NUMERIC = {cityview.COUNT, cityview.MEDIAN}


class CitiesScreen(AppScreen):
    """Cities × families. Esc goes back to the index tabs."""

    SCOPE = "cities"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.table = cityview.city_table(catalog)
        # RankTable marks rows by their city_ids; "row" maps a view back to positions.
        self.table_frame = self.table.frame.with_columns(
            pl.concat_list([pl.col("city_id")]).alias("city_ids")
        ).with_row_index("row")
        self.indexed = cityview.CityTable(self.table_frame, self.table.families)
        self.flt = cityview.CityFilter()
        self.sort: tuple[str, bool] = (cityview.MEDIAN, True)
        self.bookmarked_only = False

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="screen-title", markup=False)
        yield Static("", id="cities-summary", classes="filter-summary", markup=False)
        yield RankTable(frozen=1, id="cities-table")
        yield Footer()

    def _title(self) -> Text:
        count = len(self.table.families)
        return Text.assemble(
            ("Every city × every family", "bold"),
            f" · {count} families, each at its latest edition (the column headers)\n",
            "rank/of · class · ? no rank · n/r not on a complete list · — not in our data",
        )

    def on_mount(self) -> None:
        table = self.query_one(RankTable)
        columns = [
            Column(c, self.table.label(c), c in NUMERIC or c in self.table.family_columns)
            for c in self.table.columns
        ]
        table.set_columns(columns, self.table_frame)
        self.refresh_view()
        table.focus()

    # -- the view -------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        flt = self.flt
        if self.bookmarked_only:
            flt = replace(flt, city_ids=self.app.bookmarks.ids)
        rows = cityview.view(self.indexed, flt, self.sort).get_column("row")
        table = self.query_one(RankTable)
        table.empty_message = (
            f"No city matches these filters.\nPress {self.shown_key('clear')} to clear them."
        )
        table.set_rows(self.table_frame, rows, sort_key=self.sort[0], descending=self.sort[1])
        table.set_marks(self.app.bookmarks.ids, self.app.pick_marks())
        self.query_one("#cities-summary", Static).update(self._summary(len(rows)))

    def _summary(self, shown: int) -> Text:
        parts = [f"{shown:,} of {self.table_frame.height:,} cities"]
        if self.flt.region:
            parts.append(f"region {self.flt.region}")
        if self.flt.country:
            parts.append(f"country {self.flt.country}")
        if self.flt.text:
            parts.append(f"matching {self.flt.text!r}")
        if self.flt.min_families:
            parts.append(f"in at least {self.flt.min_families} families")
        if self.bookmarked_only:
            parts.append("bookmarked only")
        column, descending = self.sort
        parts.append(f"sorted by {self.table.label(column)}{' (desc)' if descending else ''}")
        return Text(printable(" · ".join(parts)))

    def _change(self, **changes: Any) -> None:
        self.flt = replace(self.flt, **changes)
        self.refresh_view()

    def marks_changed(self) -> None:
        if self.bookmarked_only:
            self.refresh_view()
        else:
            self.query_one(RankTable).set_marks(self.app.bookmarks.ids, self.app.pick_marks())

    @property
    def _city_id(self) -> str | None:
        row = self.query_one(RankTable).current_row
        return None if row is None else str(row["city_id"])

    # -- actions --------------------------------------------------------------------------------
    def _choices(self, column: str, label: str) -> list[Choice]:
        counts = self.table_frame[column].drop_nulls().value_counts(sort=True)
        return [Choice(None, f"(any {label})")] + [
            Choice(value, f"{printable(str(value))} ({n:,})")
            for value, n in sorted(counts.iter_rows(), key=lambda r: str(r[0]).casefold())
        ]

    def action_pick_region(self) -> None:
        choices = [Choice(None, "(any region)"), Choice(None, "UN M49 regions", heading=True)]
        choices += self._choices("region", "region")[1:]
        choices += [Choice(None, "Sub-regions", heading=True)]
        choices += self._choices("subregion", "sub-region")[1:]

        def picked(value: object) -> None:
            if value is not None or self.flt.region is not None:
                self._change(region=value)

        self.app.push_screen(PickScreen("Cities in region", choices, self.flt.region), picked)

    def action_pick_country(self) -> None:
        def picked(value: object) -> None:
            self._change(country=value)

        self.app.push_screen(
            PickScreen("Cities in country", self._choices("country", "country"), self.flt.country),
            picked,
        )

    def action_search(self) -> None:
        def typed(value: str | None) -> None:
            if value is not None:
                self._change(text=value)

        self.app.push_screen(
            InputScreen(
                "Search city names and aliases", self.flt.text, "Enter searches · Esc cancels"
            ),
            typed,
        )

    def action_min_families(self) -> None:
        most = len(self.table.families)
        choices = [Choice(0, "(any number)")] + [
            Choice(n, f"In at least {n} of {most} families") for n in range(1, most + 1)
        ]

        def picked(value: object) -> None:
            if isinstance(value, int):
                self._change(min_families=value)

        self.app.push_screen(PickScreen("Cities ranked in", choices, self.flt.min_families), picked)

    def action_pick_sort(self) -> None:
        column, descending = self.sort
        choices = [
            Choice(c, self.table.label(c) + ("  (now; again reverses)" if c == column else ""))
            for c in self.table.columns
        ]

        def picked(value: object) -> None:
            if isinstance(value, str):
                if value == column:
                    self.sort = (value, not descending)
                else:
                    self.sort = cityview.sort_key(self.table, value)
                self.refresh_view()

        self.app.push_screen(PickScreen("Sort cities by", choices, column), picked)

    def action_clear_filters(self) -> None:
        self.flt = cityview.CityFilter()
        self.bookmarked_only = False
        self.refresh_view()

    def action_bookmarked_only(self) -> None:
        self.bookmarked_only = not self.bookmarked_only
        self.refresh_view()

    def action_profile(self) -> None:
        if (city_id := self._city_id) is not None:
            self.app.open_profile(city_id)

    def action_toggle_bookmark(self) -> None:
        if (city_id := self._city_id) is not None:
            self.app.toggle_bookmark(city_id)

    def action_pick_city(self) -> None:
        if (city_id := self._city_id) is not None:
            self.app.toggle_pick(city_id)
