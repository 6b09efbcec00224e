"""The bookmarks view: each bookmarked city with its note, watchlists and every index's rank."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ...core.catalog import Catalog
from ...core.crosstab import cross_rows, short_column
from ...core.render import cut, printable
from ...store.bookmarks import Bookmark
from ..base import AppScreen
from ..commands import screen_bindings
from ..widgets.credits import Credits
from ..widgets.footer import KeyFooter
from ..widgets.rank_table import Column, RankTable, bindings_without
from .dialogs import Choice, InputScreen, PickScreen

NOTE_CELLS, LISTS_CELLS = 30, 24  # the note's and watchlists' columns (cut with …)
LEGEND = "rank/of N · n/r not ranked · ? listed, no rank · — not in our data"
# the bookmark's own columns: keys no index id can be (ids are lower-case letters, digits, -)
CITY, NOTE, LISTS = "#city", "#note", "#lists"


class BookmarkTable(RankTable, inherit_bindings=False):
    """The index tables' RankTable (it paints only the rows on screen: 50,000 bookmarks cost
    what 50 do), less h, l, H and L: l shows a watchlist here, and the view's letters stay
    free for the user's keys. Shift+←/→ move a column, Ctrl+←/→ to the first or last."""

    BINDINGS = bindings_without("h", "l", "H", "L")


class BookmarksScreen(AppScreen):
    SCOPE = "bookmarks"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.list_name: str | None = None  # the watchlist on show; None = every bookmark
        self.ids: list[str] = []
        # each city's standing in every index, as shown: worked out once per city, not again
        # for every change (a note, a pick) to one of 50,000 bookmarks
        self._ranks: dict[str, tuple[str, list[str]]] = {}
        self._shown: list[tuple[str, str, tuple[str, ...]]] | None = None
        self._held: dict[str, set[str]] = {}  # city id -> the indexes holding a figure for it

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="bookmarks-title", markup=False)
        yield BookmarkTable(frozen=1, id="bookmarks-table")
        yield Static("", classes="empty-note", id="bookmarks-empty", markup=False)
        yield Static(Text(LEGEND), classes="screen-hint", markup=False)
        # the publishers of the figures shown (GaWC's acknowledgement among them)
        yield Credits((), id="bookmarks-credits")
        yield KeyFooter()  # keeps help and quit when the line is short

    def on_mount(self) -> None:
        self.refresh_rows()
        self.table.focus()

    @property
    def table(self) -> BookmarkTable:
        return self.query_one(BookmarkTable)

    def marks_changed(self) -> None:
        self.refresh_rows()

    def _rows(self, marks: list[Bookmark]) -> pl.DataFrame:
        """One row per bookmark: the city (or its stored name, for a city no longer known), the
        note, the watchlists and every index's rank, with its id for the ★ and pick marks."""
        infos = list(self.catalog.indexes.values())
        new = [b for b in marks if b.city_id not in self._ranks]
        if new:
            rows = cross_rows(self.catalog, [(b.city_id, b.name, {}) for b in new])
            columns = [short_column(rows, info) for info in infos]
            for n, row in enumerate(rows):
                self._ranks[row.city_id] = (row.label, [column[n] for column in columns])
                self._held[row.city_id] = {
                    k for k, st in row.standings.items() if st is not None and st.entry is not None
                }
        ranks = [self._ranks[b.city_id] for b in marks]
        data: dict[str, object] = {
            CITY: [label for label, _ in ranks],
            NOTE: [cut(b.note, NOTE_CELLS) for b in marks],  # whole in the profile
            LISTS: [cut(", ".join(b.lists), LISTS_CELLS) for b in marks],
        }
        for n, info in enumerate(infos):
            data[info.id] = [shorts[n] for _, shorts in ranks]
        data["city_ids"] = [[b.city_id] for b in marks]
        schema = {key: pl.String for key in data} | {"city_ids": pl.List(pl.String)}
        return pl.DataFrame(data, schema=schema)

    def refresh_rows(self) -> None:
        store = self.app.bookmarks
        if self.list_name not in store.list_names:
            self.list_name = None
        marks = store.in_list(self.list_name)
        table = self.table
        shown = [(b.city_id, b.note, b.lists) for b in marks]
        if shown != self._shown:  # not for a pick: only the marks change then
            self._shown = shown
            columns = [
                Column(CITY, "City", False),
                Column(NOTE, "Note", False),
                Column(LISTS, "Lists", False),
                *(
                    Column(info.id, printable(info.tab_label), True)
                    for info in self.catalog.indexes.values()
                ),
            ]
            frame = self._rows(marks)
            held = set().union(*(self._held.get(b.city_id, set()) for b in marks))
            self.query_one(Credits).show(i for i in self.catalog.indexes.values() if i.id in held)
            table.set_columns(columns, frame)
            table.set_rows(frame, keep_cursor=True)
            self.ids = [b.city_id for b in marks]
        table.set_marks(store.ids, self.app.pick_marks())
        where = f"watchlist {self.list_name!r}" if self.list_name else "all"
        title = Text.assemble(  # the watchlist name is shown through !r, which escapes controls
            ("Bookmarks", "bold"),
            f" · {len(marks):,} shown ({where}) of {len(store):,}",
            " · saved (cityrank-tui --paths shows where)"
            if not store.unsaved
            else " · NOT SAVED: kept for this session only",
        )
        title.no_wrap, title.overflow = True, "ellipsis"  # one line: the table keeps its rows
        self.query_one("#bookmarks-title", Static).update(title)
        empty = self.query_one("#bookmarks-empty", Static)
        empty.display = not self.ids
        table.display = bool(self.ids)
        empty.update(
            Text(
                f"No bookmarks yet. Press {self.app.key('bookmark', 'main')} on a row in any tab "
                "or profile to bookmark its city; ★ marks it in every table."
            )
        )

    @property
    def current(self) -> str | None:
        row = self.table.cursor_row
        return self.ids[row] if self.ids and 0 <= row < len(self.ids) else None

    @on(RankTable.RowActivated)
    def _activated(self, event: RankTable.RowActivated) -> None:
        self.action_profile()

    def action_profile(self) -> None:
        if self.current:
            self.app.open_profile(self.current)

    def action_pick_city(self) -> None:
        if self.current:
            self.app.toggle_pick(self.current)

    def action_remove(self) -> None:
        if self.current:
            self.app.toggle_bookmark(self.current)

    def action_note(self) -> None:
        city_id = self.current
        if city_id is None:
            return
        old = self.app.bookmarks.items[city_id].note

        def done(note: str | None) -> None:
            if note is not None and note != old:
                self.app.change_bookmarks(
                    lambda: self.app.bookmarks.set_note(city_id, note), "Note saved."
                )

        self.app.push_screen(InputScreen(f"Note on {self.app.city_name(city_id)}", old), done)

    def action_watchlists(self) -> None:
        city_id = self.current
        if city_id is None:
            return
        old = self.app.bookmarks.items[city_id].lists

        def done(value: str | None) -> None:
            if value is None:
                return
            lists = tuple(dict.fromkeys(x.strip() for x in value.split(",") if x.strip()))
            if lists != old:
                self.app.change_bookmarks(
                    lambda: self.app.bookmarks.set_lists(city_id, lists), "Watchlists saved."
                )

        self.app.push_screen(
            InputScreen(
                f"Watchlists for {self.app.city_name(city_id)}",
                ", ".join(old),
                note="Comma-separated, e.g. Shortlist, Asia hubs. A name that differs from a "
                "list's only in case is that list.",
            ),
            done,
        )

    def action_show_list(self) -> None:
        names = self.app.bookmarks.list_names
        if not names:
            self.app.notify(
                f"No watchlists yet: press {self.shown_key('watchlists')} on a bookmark to put "
                "it on one.",
                markup=False,
            )
            return
        options = [Choice(None, "(every bookmark)")] + [Choice(n, n) for n in names]

        def picked(value: object) -> None:
            self.list_name = value if isinstance(value, str) else None
            self.refresh_rows()

        self.app.push_screen(PickScreen("Show which watchlist?", options, self.list_name), picked)
