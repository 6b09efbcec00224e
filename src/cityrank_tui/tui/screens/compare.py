"""The comparison view: cities side by side above, the highlighted row's sources below (a split pane)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from ...core.catalog import Catalog
from ...core.cities import City
from ...core.compare import BEST, CompareRow, compare
from ...core.links import SEPARATOR, sources
from ...core.render import printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..links import link
from ..safe import safe, visible
from ..widgets.credits import Credits
from ..widgets.cursor_table import CursorTable
from ..widgets.footer import KeyFooter

SHORT = 20  # lines: below this the sources pane below the table keeps to its least
BEST_STYLE = "bold green"  # with the ● glyph, so colour is never the only sign


class CompareScreen(AppScreen):
    """A small table (one row per index and measure), so Textual's DataTable is the right tool here."""

    SCOPE = "compare"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog, cities: list[City]) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.cities = cities
        self.rows: list[CompareRow] = compare(catalog, cities)

    def compose(self) -> ComposeResult:
        names = " · ".join(printable(c.name) for c in self.cities)
        yield Static(
            Text.assemble(
                ("Comparing ", "bold"),
                (names, "bold"),
                f"  ({BEST} better · {self.shown_key('next_diff')} next difference · "
                f"{self.shown_key('back')} back)",
            ),
            classes="screen-title",
            markup=False,
        )
        table = CursorTable(classes="split-top", id="compare-table")
        table.fixed_columns = 3
        yield table
        # which cities the sideways scroll hides, and the keys that show them
        yield Static("", id="compare-more", classes="screen-hint", markup=False)
        with VerticalScroll(classes="split-bottom"):
            yield Static("", id="compare-detail", markup=False)
        held = (r.info for r in self.rows if any(c.standing.entry for c in r.cells))
        yield Credits(dict.fromkeys(held), id="compare-credits")
        yield KeyFooter()  # keeps help and quit when the line is short

    def on_mount(self) -> None:
        table = self.query_one(CursorTable)
        table.add_cursor_column()
        table.add_column("Index", key="index")
        table.add_column("Measure", key="measure")
        for city in self.cities:
            table.add_column(Text(printable(city.name), style="bold"), key=city.city_id)
        for n, row in enumerate(self.rows):
            cells = [
                safe(visible(row.marked(i)), style=BEST_STYLE if i in row.best else "")
                for i in range(len(self.cities))
            ]
            table.add_row(
                " ", safe(visible(row.info.tab_label)), safe(visible(row.label)), *cells, key=str(n)
            )
        table.focus()
        self._show_detail(0)
        self.watch(table, "scroll_x", lambda: self._show_more(), init=False)
        self.call_after_refresh(self._show_more)

    def on_resize(self) -> None:
        # On a short screen (60×16) the sources below take no more than their least, so the
        # table keeps a few rows (it kept one).
        bottom = self.query_one(".split-bottom")
        bottom.styles.max_height = 4 if self.size.height < SHORT else None
        self.call_after_refresh(self._show_more)

    # -- sideways, a whole city at a time ---------------------------------------------------------
    def _city_spans(self) -> list[tuple[int, int]]:
        """Each city column's (start, end) in the table's sideways-scroll offsets."""
        table = self.query_one(CursorTable)
        spans, x = [], 0
        for city in self.cities:
            width = table.columns[ColumnKey(city.city_id)].get_render_width(table)
            # a column's text ends before its right padding: that blank may be cut off
            spans.append((x, x + width - table.cell_padding))
            x += width
        return spans

    def _room(self) -> int:
        """Cells for city columns: the table's width less its fixed columns."""
        table = self.query_one(CursorTable)
        fixed = sum(c.get_render_width(table) for c in table.ordered_columns[: table.fixed_columns])
        return max(table.scrollable_content_region.width - fixed, 0)

    def hidden_cities(self) -> tuple[list[str], list[str]]:
        """The cities cut or off-screen on the left and on the right, in table order."""
        table = self.query_one(CursorTable)
        x, room = table.scroll_x, self._room()
        left, right = [], []
        for city, (start, end) in zip(self.cities, self._city_spans(), strict=True):
            if table.text_cut_on_left(start, x):
                left.append(printable(city.name))
            elif end > x + room:
                right.append(printable(city.name))
        return left, right

    def _show_more(self) -> None:
        if not self.is_mounted:
            return
        left, right = self.hidden_cities()
        parts = []
        if left:
            parts.append(
                f"← {len(left)} {'city' if len(left) == 1 else 'cities'}: {', '.join(left)} "
                f"({self.shown_key('left')})"
            )
        if right:
            parts.append(
                f"→ {len(right)} more {'city' if len(right) == 1 else 'cities'}: "
                f"{', '.join(right)} ({self.shown_key('right')}, {self.shown_key('last')} the last)"
            )
        more = self.query_one("#compare-more", Static)
        # one line, cut with … (every name is in the title above)
        more.update(Text(" · ".join(reversed(parts)), no_wrap=True, overflow="ellipsis"))
        more.display = bool(parts)

    def action_sideways(self, direction: int) -> None:
        """One whole city column: the next one starts right after the fixed columns."""
        table = self.query_one(CursorTable)
        x, last = table.scroll_x, table.max_scroll_x
        starts = [start for start, _ in self._city_spans()]
        if direction > 0:
            if not self.hidden_cities()[1]:
                return  # every city to the right is whole: a step would only cut the first
            target = min(next((s for s in starts if s > x), last), last)
        else:
            target = max((s for s in starts if s < x), default=0)
        table.scroll_to(x=target, animate=False, immediate=True)

    def action_sideways_end(self, direction: int) -> None:
        table = self.query_one(CursorTable)
        table.scroll_to(x=0 if direction < 0 else table.max_scroll_x, animate=False, immediate=True)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, n: int) -> None:
        if not 0 <= n < len(self.rows):
            return
        row = self.rows[n]
        text = Text()
        text.append(f"{row.info.name}: {row.label}\n", style="bold")
        for n, (city, cell) in enumerate(zip(self.cities, row.cells, strict=False)):
            best = f" {BEST} better" if n in row.best else ""
            text.append(f"{printable(city.name)}: ", style="bold")
            text.append(f"{visible(cell.text)}{best} — {cell.standing.status}")
            if cell.standing.via_cluster:
                text.append(f", {visible(cell.standing.via or '')}")
            text.append("\n    source: ")
            if cell.source:  # each address a hyperlink (OSC 8) where the terminal knows them
                for k, source in enumerate(sources(cell.source)):
                    text.append(SEPARATOR if k else "")
                    text.append_text(link(source))
            else:
                text.append("none (no figure)")
            text.append("\n")
        if row.info.comparability:
            text.append(f"Comparing editions: {row.info.comparability}\n", style="italic")
        # the row's publisher is named once, in the credits under the screen (it was here too)
        self.query_one("#compare-detail", Static).update(safe(text))

    def action_next_difference(self, step: int) -> None:
        table = self.query_one(DataTable)
        count = len(self.rows)
        for offset in range(1, count + 1):
            n = (table.cursor_row + step * offset) % count
            if self.rows[n].differs:
                table.move_cursor(row=n)
                return
        self.app.notify("These cities do not differ on any row.", markup=False)

    def _city(self, then: Callable[[str], None], title: str) -> None:
        self.app.with_city([c.city_id for c in self.cities], then, title)

    def action_toggle_bookmark(self) -> None:
        self._city(self.app.toggle_bookmark, "Bookmark which city?")

    def action_profile(self) -> None:
        self._city(self.app.open_profile, "Whose profile?")
