"""The bookmarks view: each bookmarked city with its note, watchlists and every index's rank."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ...core.catalog import Catalog
from ...core.crosstab import cross_rows, short_rank
from ...core.render import cut, printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..safe import visible
from ..widgets.cursor_table import CursorTable
from ..widgets.footer import KeyFooter
from .dialogs import Choice, InputScreen, PickScreen

NOTE_CELLS, LISTS_CELLS = 30, 24  # the note's and watchlists' columns (cut with …)
LEGEND = "rank/of N · n/r not ranked · ? listed, no rank · — not in our data"


class BookmarksScreen(AppScreen):
    SCOPE = "bookmarks"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.list_name: str | None = None  # the watchlist on show; None = every bookmark
        self.ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="bookmarks-title", markup=False)
        yield CursorTable(classes="split-top", id="bookmarks-table")
        yield Static("", classes="empty-note", id="bookmarks-empty", markup=False)
        yield Static(Text(LEGEND), classes="screen-hint", markup=False)
        yield KeyFooter()  # keeps help and quit when the line is short

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def marks_changed(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        store = self.app.bookmarks
        if self.list_name not in store.list_names:
            self.list_name = None
        marks = store.in_list(self.list_name)
        infos = list(self.catalog.indexes.values())
        rows = cross_rows(self.catalog, [(b.city_id, b.name, {}) for b in marks])
        table = self.query_one(CursorTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.fixed_columns = 3
        table.add_cursor_column()
        for label in ("", "City", "Note", "Lists", *(i.tab_label for i in infos)):
            table.add_column(Text(visible(label)))
        picks = self.app.pick_marks()
        for bookmark, row in zip(marks, rows, strict=False):
            table.add_row(
                " ",
                Text("★" + picks.get(row.city_id, " ")),
                Text(printable(row.label)),
                # cut with … (the profile, p, shows the note whole)
                Text(cut(printable(bookmark.note), NOTE_CELLS)),
                Text(cut(printable(", ".join(bookmark.lists)), LISTS_CELLS)),
                *(Text(short_rank(row.standings.get(i.id))) for i in infos),
                key=row.city_id,
            )
        self.ids = [r.city_id for r in rows]
        if self.ids:
            table.move_cursor(row=min(cursor, len(self.ids) - 1))
        shown = f"watchlist {self.list_name!r}" if self.list_name else "all"
        self.query_one("#bookmarks-title", Static).update(
            Text.assemble(  # the watchlist name is shown through !r, which escapes controls
                ("Bookmarks", "bold"),
                f" · {len(marks)} shown ({shown}) of {len(store)}",
                " · saved (cityrank-tui --paths shows where)"
                if not store.unsaved
                else " · NOT SAVED: kept for this session only",
            )
        )
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
        table = self.query_one(DataTable)
        return (
            self.ids[table.cursor_row]
            if self.ids and 0 <= table.cursor_row < len(self.ids)
            else None
        )

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
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
