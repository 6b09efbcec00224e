"""One tab's edition: its header, the active filters, the table and the search box.

The pane is the one owner of its view: `view` is a reactive value; its watcher feeds the table
and the summary line and posts one `ViewChanged`, which the app saves (debounced) to state.toml.
Filter, sort, jump, export and copy are the pane's own actions: dialogs are awaited inside
worker actions and return the new Filter (or Sort, or path) itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import polars as pl
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, getters, work
from textual.app import ComposeResult
from textual.geometry import Offset, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...core import render
from ...core.catalog import IndexInfo
from ...core.errors import CityRankError
from ...core.families import Family
from ...core.figures import places
from ...core.filters import (
    SCAN_AHEAD,
    Filter,
    Sort,
    Stopped,
    View,
    ViewCache,
    column_label,
    sortable,
)
from ...core.first_screen import Preview
from ...core.history import ViewHistory
from ...core.movement import MOVEMENT, Basis, family_basis
from ...core.render import (
    check_clipboard_rows,
    clipboard_text,
    display_columns,
    export_rows,
    printable,
    table_keys,
    write_export,
)
from ...core.viewfacts import find_city, find_rank
from ..commands import bindings, screen_bindings
from ..safe import safe, visible
from .rank_table import Column, RankTable
from .search_pane import SearchPane

# Dialogs, pickers, the export screen, the summary and details texts are imported where they
# are first used: none of them is on the first screen, and their imports delayed its paint.
if TYPE_CHECKING:
    from ..app import CityRankApp
    from ..screens.dialogs import PickScreen

SHORT_SCREEN = 20  # lines: below this a tab's header keeps to its name and attribution
# A large index's first sort by name or country compares millions of texts (0.4-0.6 s at 5M
# rows): those orders are computed on a worker once its table is shown, before the key.
WARM_SORTS = ("name", "country")
WARM_ROWS = 200_000  # below this a first sort is quick anyway
WARM_AFTER = 0.3  # seconds after the table is shown (as the app's own work ahead)
# A search that would read many rows (SCAN_AHEAD) shows its first rows at once, up to this many
# (a screenful or two), and counts the rest on a worker (issue 25).
FIRST_ROWS = 200
COUNTING = "counting…"  # said where the count of rows goes until it is known

FROZEN = render.FROZEN  # stay put while the other columns scroll sideways
# The commands a tab answers itself; the screen keeps tabs, city actions and reload.
PANE_COMMANDS = (
    "search",
    "region",
    "tier",
    "country",
    "score",
    "sort",
    "jump_rank",
    "frequency",
    "describe",
    "clear",
    "undo",
    "bookmarked_only",
    "details",
    "copy_row",
    "export",
    "copy_view",
    "open_source",
)


def table_columns(info: IndexInfo, frame: pl.DataFrame) -> list[Column]:
    numeric = {c for c in frame.columns if frame.schema[c].is_numeric()}
    return columns_of(info, frame.columns, numeric)


def columns_of(info: IndexInfo, present: Collection[str], numeric: Collection[str]) -> list[Column]:
    """The table's columns for a frame with the columns `present`, `numeric` those of numbers."""
    return [
        Column(
            c,
            visible(column_label(c, info)),
            c in numeric or c == MOVEMENT,  # ▲3 / ▼2 / = line up on the right
            places(info, c),
        )
        for c in table_keys(info, present)
    ]


class SummaryLine(Widget):
    """One fixed-height line of text. Updating it repaints the line only: no layout pass, which
    Static.update would ask for on every filter change."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text = Text()

    def set_text(self, text: Text) -> None:
        self.text = safe(text)
        self.refresh()

    def render(self) -> Text:
        return self.text


BAR = "▌ "  # the search box's left bar: reads as a prompt without colour


@runtime_checkable
class Searching(Protocol):
    """A tab with a SearchLine: Enter keeps its search, Esc puts back the view before it."""

    def close_search(self, keep: bool) -> None: ...


# Input's editing keys and their actions (textual.widgets.Input.BINDINGS)
EDITING_KEYS = {
    "backspace": "delete_left",
    "delete": "delete_right",
    "ctrl+d": "delete_right",
    "left": "cursor_left",
    "right": "cursor_right",
    "home": "home",
    "end": "end",
    "ctrl+a": "home",
    "ctrl+e": "end",
    "ctrl+w": "delete_left_word",
    "ctrl+u": "delete_left_all",
    "ctrl+k": "delete_right_all",
}


class SearchLine(Input):
    """The summary line and the search box in one widget, in one fixed row.

    Closed, it draws the summary ("row 3 of 145 · … · sort Rank ▲"); open, a bar, the search
    text being edited and, on the right, how many rows match. Opening and closing change what
    this row draws and where focus is, nothing else: no widget is shown, hidden or resized and
    no class changes, so `/` and Esc repaint without laying out the screen. A keystroke does not
    lay out either (the stock Input resizes its scroll area as a layout change on every value).
    """

    COMPONENT_CLASSES = Input.COMPONENT_CLASSES | {"search-line--bar"}
    # Esc drops the search, Enter / Tab / Down keep it (declared: remappable, in the footer)
    BINDINGS = screen_bindings("search")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)
        self.text = Text()  # the summary
        self.count = ""  # shown right of the search text while searching
        self.is_open = False
        self.can_focus = False  # only while open: a click on the summary does not start a search

    async def _on_key(self, event: events.Key) -> None:
        """Editing keys run here, in the order the keys arrived. As bindings they ran only once
        the key had bubbled up to the app, after the printable keys queued behind it had been
        typed: 'town 999', 20 x (Backspace, 9), 9, 1 typed in one burst ended 'town 99999'."""
        action = EDITING_KEYS.get(event.key)
        if action is not None and self.is_open and not self._bound_here(event.key):
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{action}")()
            return
        await super()._on_key(event)

    def _bound_here(self, key: str) -> bool:
        """True when the search box's own commands (search.keep, search.drop) use `key`."""
        return any(
            (binding.id or "").startswith("search")
            for binding in self._bindings.key_to_bindings.get(key, [])
        )

    def set_text(self, text: Text, count: str = "") -> None:
        shown = safe(text)
        shown.stylize("bold")
        if (shown, count) == (self.text, self.count):
            return  # drawn already (a tab's frame taking over from its first screen)
        self.text, self.count = shown, count
        self.refresh()

    def open(self, value: str) -> None:
        self.is_open, self.can_focus = True, True
        self.value = value
        self.cursor_position = len(value)
        self.refresh()

    def close(self) -> None:
        self.is_open, self.can_focus = False, False
        self.refresh()

    def watch_has_focus(self, has_focus: bool) -> None:
        # A repaint, not a restyle: this row looks the same focused or not (the bar and the
        # cursor say it is the search box), and a restyle would be one more step of `/` and Esc.
        self.refresh()

    def render(self) -> Text:
        """The summary, as drawn while the search is closed."""
        return self.text

    def _watch_value(self, value: str) -> None:
        # As Input's, but the scroll area follows the text without a layout pass: the row's
        # size never changes.
        size = Size(self.content_width, 1)
        if self.is_mounted:
            self.set_reactive(SearchLine.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.post_message(self.Changed(self, value, None))
        if self._initial_value:
            self.cursor_position = len(self.value)
            self._initial_value = False

    def _owner(self) -> Searching:
        """The tab this box searches (an index tab or the Cities tab): one search everywhere."""
        for node in self.ancestors:
            if isinstance(node, Searching):
                return node
        raise LookupError("a search box outside a tab")

    def action_drop_search(self) -> None:
        self._owner().close_search(keep=False)

    def action_keep_search(self) -> None:
        self._owner().close_search(keep=True)

    def _room(self) -> int:
        """Cells for the search text: the row less the bar and the count."""
        count = f" {self.count} " if self.count else ""
        return max(self.size.width - len(BAR) - len(count), 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not self.is_open:
            options = self.app.console_options.update(
                width=width, height=1, no_wrap=True, overflow="ellipsis"
            )
            lines = self.app.console.render_lines(self.text, options, pad=False) if y == 0 else []
            line = Strip(lines[0]) if lines else Strip([])
            blank = Style(bgcolor=self.rich_style.bgcolor)  # as Textual pads a line of text
            return line.apply_style(self.rich_style).extend_cell_length(width, blank).crop(0, width)
        room = self._room()
        edit = super().render_line(y)
        shift = self._shift(room)
        edit = edit.crop(shift, shift + room).extend_cell_length(room, self.rich_style)
        bar = Strip([Segment(BAR, self.get_component_rich_style("search-line--bar"))])
        count = Strip(
            [Segment(f" {self.count} " if self.count else "", self.rich_style + Style(bold=True))]
        )
        return Strip.join([bar, edit, count]).crop(0, width).apply_style(self.rich_style)

    def _shift(self, room: int) -> int:
        """Cells of the text scrolled off to the left: the cursor stays in the room left."""
        cursor = self._cursor_offset - self.scroll_offset.x
        return max(cursor - room + 1, 0)

    def _cell_offset_to_index(self, offset: int) -> int:
        # a click: the bar is left of the text, and a long text is drawn shifted (render_line)
        return super()._cell_offset_to_index(offset - len(BAR) + self._shift(self._room()))

    @property
    def cursor_screen_offset(self) -> Offset:
        x, y = super().cursor_screen_offset
        return Offset(x + len(BAR), y)


class IndexPane(SearchPane[View]):
    """Shows one index through its View (filter + sort), with undo."""

    BINDINGS = bindings(*PANE_COMMANDS)  # the search box's own keys are SearchLine's

    if TYPE_CHECKING:
        app = getters.app(CityRankApp)

    view: reactive[View] = reactive(View(), repaint=False, init=False)
    # Set with the frame (`_take`): from the start, or by `attach` for a tab drawn first from
    # its first screen (core/first_screen.py).
    frame: pl.DataFrame
    cache: ViewCache
    _rows: pl.Series

    class ViewChanged(Message):
        """The pane's view changed (filter, sort or search text): one message per change."""

        def __init__(self, pane: IndexPane, view: View) -> None:
            super().__init__()
            self.pane = pane
            self.view = view

    def __init__(
        self,
        info: IndexInfo,
        frame: pl.DataFrame | None,
        view: View | None = None,
        *,
        id: str,
        family: Family | None = None,
        moves: Basis | None = None,
        first: Preview | None = None,
    ) -> None:
        """`frame` None: the tab is drawn from `first` (its first screen, core/first_screen.py,
        in the default view) until `attach` gives it the frame; nothing acts on it meanwhile
        (CityRankApp.on_event holds keys and clicks until then)."""
        super().__init__(id=id, classes="index-pane")
        self.info = info
        self.family = family
        self._first = first if frame is None else None
        if moves is None and family is not None:
            moves = family_basis(family, info)
            if first is not None:  # as the frame's own movement was when the file was made
                moves = replace(moves, unreadable=first.unreadable, conflicts=first.conflicts)
        # what the Move column counts against, or why there is none
        self.moves = moves
        self.set_reactive(IndexPane.view, view or View())
        self.history = ViewHistory()
        # While set, `_rows` are only the first rows of the view and a worker counts the rest
        # (each count its own token: a count for an earlier text is dropped when it ends).
        self._counting: object | None = None
        # Children exist from the start, so the screen can address them before they are mounted.
        present = frame.columns if frame is not None else first.frame_columns if first else ()
        shown = display_columns(info, present)
        self.table = RankTable(frozen=len([c for c in FROZEN if c in shown]))
        self.table.more = self._settle  # the cursor past the first rows: all of them first
        if frame is not None:
            self._take(frame)
            self.table.set_columns(table_columns(info, frame), frame)
        elif first is not None:
            self.table.set_preview(
                columns_of(info, first.frame_columns, first.numeric),
                list(first.widths),
                first.rows,
                first.height,
                sort_column(self.view, info),
                self.view.sort.descending,
            )
        else:
            raise ValueError("an IndexPane needs its frame or its first screen")
        # the summary, and the search box in its place while searching
        self.summary = SearchLine(classes="filter-summary search-line")
        self._before_search = self.view  # the view Esc puts back
        self._row_before_search = 0  # and the cursor's row in it
        self._typed: str | None = None  # a search text typed and not yet searched
        self._keep_cursor = False
        self.status = (
            ""  # what is still under way for this tab ("linking cities…"), said in the summary
        )
        self._header = Static(classes="index-info", markup=False)

    def compose(self) -> ComposeResult:
        self._set_header()
        yield self._header
        yield self.summary
        yield self.table

    def _set_header(self) -> None:
        info = self._info_text()
        if self.compact:  # the index's name and its attribution; details (Enter) say the rest
            lines = info.split("\n")
            info = Text("\n").join([lines[0], lines[-1]])
        self._header.update(info)
        self._header.styles.height = len(info.plain.splitlines())

    @property
    def compact(self) -> bool:
        """A short screen (60×16): the header keeps two lines, so the table keeps its rows."""
        return self.is_mounted and self.app.size.height < SHORT_SCREEN

    def on_resize(self) -> None:
        if self._header.styles.height is not None and self.compact != (
            self._header.styles.height.value <= 2
        ):
            self._set_header()

    def swap(self, info: IndexInfo, frame: pl.DataFrame, status: str = "") -> None:
        """Show a new frame of the same index: an opened file once all its rows are read, then
        once its names are linked. The view (filters, sort, search) and the cursor's row stay."""
        self.info, self.frame, self.status = info, frame, status
        previous, self.cache = self.cache, ViewCache(frame)
        self.cache.adopt(previous)  # the sorts made on the frame before, where they still hold
        self.table.set_columns(table_columns(info, frame), frame)
        self._set_header()
        self._show(self.view, keep_cursor=True)
        if frame.height >= WARM_ROWS:  # all of an opened file's rows: sorts made ahead, as on mount
            self.call_after_refresh(self.set_timer, WARM_AFTER, self.warm_sorts, name="warm")

    def _take(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.cache = ViewCache(frame)
        self._rows = self.cache.rows(self.view)

    def on_mount(self) -> None:
        self._search_hint("main")
        # Textual decides on the table's horizontal scrollbar once it has laid the table out,
        # and lays the screen out again then: the first frame showed a row where the
        # scrollbar goes, drawn over a moment later. Decided here as Textual will (the table
        # spans the screen; RankTable's vertical scrollbar is always there), it is in the
        # first frame; were this wrong, Textual's own decision corrects it as before.
        table = self.table
        room = self.app.size.width - table.styles.scrollbar_size_vertical
        table.show_horizontal_scrollbar = table.content_width > room
        # "row 17 of 145" follows the cursor (a repaint of one line, no layout)
        self.watch(self.table, "cursor_row", self._cursor_moved, init=False)
        if self._first is not None:  # drawn from its first screen until `attach`
            count = self._first.height
            self.summary.set_text(
                summary_text(self.view, self.info, count, count, 0), f"{count:,} of {count:,}"
            )
            return
        self._show(self.view)
        if self.frame.height >= WARM_ROWS:
            self.call_after_refresh(self.set_timer, WARM_AFTER, self.warm_sorts, name="warm")

    @property
    def pending(self) -> bool:
        """Whether the tab is still drawn from its first screen (no frame yet)."""
        return self._first is not None

    def attach(self, frame: pl.DataFrame, moves: Basis | None) -> None:
        """The edition's frame, read once the first screen is on show: the tab is the frame's
        from now on. It draws what the first screen drew, so nothing is drawn again where it
        does (RankTable.set_rows, SearchLine.set_text compare); where it does not, it is."""
        self._first = None
        header = self._info_text()
        self.moves = moves
        self._take(frame)
        self.table.set_columns(table_columns(self.info, frame), frame)
        if self._info_text() != header:
            self._set_header()
        self._show(self.view)
        if frame.height >= WARM_ROWS:
            self.call_after_refresh(self.set_timer, WARM_AFTER, self.warm_sorts, name="warm")

    def warm_sorts(self) -> None:
        """Compute, on a worker thread, the orders the first sort by name or by country asks
        for (as their keys ask: `Sort.toggled`), so that key shows them at once. A failure
        there is met again, and said, on the key."""
        cache, info = self.cache, self.info
        wanted = [
            Sort().toggled(f, info) for f in WARM_SORTS if f in sortable(info, self.frame.columns)
        ]

        def warm() -> None:
            for sort in wanted:
                cache.order(sort)

        self.run_worker(warm, thread=True, group="warm", exit_on_error=False)

    # -- the view -----------------------------------------------------------------------------
    def watch_view(self, view: View) -> None:
        """The one path from a new view to the screen and to disk."""
        self._show(view, keep_cursor=self._keep_cursor)
        self._keep_cursor = False
        self.post_message(self.ViewChanged(self, view))

    def set_view(self, view: View) -> None:
        """Show `view` as one undo step (nothing happens when it is the view shown)."""
        if view != self.view:
            self.history.record(self.view)
            self.view = view

    def set_filter(self, flt: Filter) -> None:
        self.set_view(View(flt, self.view.sort))

    def change(self, **changes: object) -> None:
        self.set_filter(self.view.filter.with_(**changes))

    def follow(self, flt: Filter) -> None:
        """Change the filter in place, without an undo step (e.g. "bookmarked only" after a bookmark)."""
        self._keep_cursor = True
        self.view = View(flt, self.view.sort)
        self._keep_cursor = False

    def undo(self) -> bool:
        before = self.history.undo()
        if before is None:
            return False
        self.view = before
        return True

    @property
    def rows(self) -> pl.Series:
        """Every row the view shows, in its order. While only its first rows are shown and the
        rest are still being counted, they are counted here and now (waited for): exports,
        copies, lookups and every figure of the view get all of its rows, never a part."""
        if self._counting is not None:
            self._settle()
        return self._rows

    @property
    def counting(self) -> bool:
        """Whether the rows past the first ones shown are still being counted."""
        return self._counting is not None

    @property
    def result(self) -> pl.DataFrame:
        """The rows on show, copied out (for exports; the table itself never copies them all)."""
        return self.cache.frame[self.rows]

    def _first_rows(self, view: View) -> tuple[pl.Series, bool] | None:
        """A search that would read many rows (those a shorter text kept, or every row): its
        first rows (and whether they are all of them), found without reading the rest; None for
        any other view."""
        if self.cache.reads(view.filter) < SCAN_AHEAD:
            return None
        return self.cache.first(view, max(FIRST_ROWS, 2 * self.app.size.height))

    def _count(self, view: View) -> None:
        """Count the view's rows on a worker, once the first rows are drawn (the count would
        compete with that frame for the CPU); a newer view stops it between two slices."""
        token = self._counting = object()
        cache = self.cache

        def count() -> None:
            worker = get_current_worker()  # cancelled when the app quits

            def stop() -> bool:
                return self._counting is not token or worker.is_cancelled

            try:
                rows: pl.Series | None = cache.rows(view, stop=stop)
            except Stopped:
                return
            except Exception:
                rows = None  # counted again where every view is, and a failure met the same way
            self.app.call_from_thread(self._counted, token, rows)

        def start() -> None:
            if self._counting is token:  # not replaced (nor settled) before the frame was drawn
                self.run_worker(
                    count, thread=True, group="count", exclusive=True, exit_on_error=False
                )

        self.call_after_refresh(start)

    def _counted(self, token: object, rows: pl.Series | None) -> None:
        if token is not self._counting:
            return  # counted for a view no longer shown
        if rows is None:
            self._settle()
            return
        self._counting, self._rows = None, rows
        self._show_rows(keep_cursor=True)

    def _settle(self) -> None:
        """Count the view's rows now, when they are needed before the worker has them."""
        if self._counting is None:
            return
        self._counting = None  # the worker's count, still under way, stops at its next slice
        self._rows = self.cache.rows(self.view)
        self._show_rows(keep_cursor=True)

    def _show(self, view: View, keep_cursor: bool = False) -> None:
        self._counting = None  # a count for the view shown before is not wanted any more
        first = self._first_rows(view)
        if first is not None and keep_cursor and self.table.cursor_row >= len(first[0]):
            first = None  # the cursor's row is past the first rows: it stays where it is
        if first is None:
            self._rows = self.cache.rows(view)
        else:
            self._rows, complete = first
            if not complete:
                self._count(view)
        self._show_rows(keep_cursor)

    def _empty_message(self, view: View) -> str:
        if self.counting:  # none found in the first rows read: the others are being searched
            return f"Searching {len(self.frame):,} rows…"
        active = view.filter.describe()
        return (
            "No city matches "
            + ", ".join(active)
            + f".\nPress {self.app.key('clear', 'main')} to clear every filter, "
            + f"{self.app.key('undo', 'main')} to undo the last change."
            if active
            else "This index has no rows."
        )

    def _show_rows(self, keep_cursor: bool) -> None:
        self.table.empty_message = self._empty_message(self.view)
        self.table.set_rows(
            self.cache.frame,
            self._rows,
            self._sort_column(self.view),
            self.view.sort.descending,
            keep_cursor=keep_cursor,
        )
        self._show_summary()

    def _show_summary(self) -> None:
        count = COUNTING if self.counting else f"{len(self._rows):,} of {len(self.frame):,}"
        self.summary.set_text(self._summary(), count)

    def _sort_column(self, view: View) -> str:
        return sort_column(view, self.info)

    def _cursor_moved(self) -> None:
        self._show_summary()

    def on_rank_table_header_clicked(self, event: RankTable.HeaderClicked) -> None:
        event.stop()
        self.set_view(View(self.view.filter, self.view.sort.toggled(event.key, self.info)))

    def on_rank_table_row_activated(self, event: RankTable.RowActivated) -> None:
        event.stop()
        self.action_details()

    def _info_text(self) -> Text:
        return info_text(self.info, self.family, self.moves, self.app.key)

    def _editions_line(self, family: Family) -> Text:
        moves = self.moves or family_basis(family, self.info)
        return editions_line(self.info, family, moves, self.app.key)

    def _summary(self) -> Text:
        return summary_text(
            self.view,
            self.info,
            len(self._rows),
            len(self.frame),
            self.table.cursor_row,
            self.counting,
            self.status,
        )

    # -- filters and sort: each dialog awaited, its choice the new value ------------------------
    async def _apply_picked(self, screen: PickScreen) -> None:
        from .. import pickers

        flt = await pickers.wait_filter(self.app, screen)
        if flt is not None:
            self.set_filter(flt)

    @work(exclusive=True, group="dialog")
    async def action_pick_region(self) -> None:
        from .. import pickers

        await self._apply_picked(pickers.region_picker(self.info, self.frame, self.view.filter))

    @work(exclusive=True, group="dialog")
    async def action_pick_country(self) -> None:
        from .. import pickers

        await self._apply_picked(pickers.country_picker(self.frame, self.view.filter))

    @work(exclusive=True, group="dialog")
    async def action_pick_tier(self) -> None:
        from .. import pickers

        await self._apply_picked(pickers.tier_picker(self.info, self.frame, self.view.filter))

    @work(exclusive=True, group="dialog")
    async def action_score_range(self) -> None:
        from ...core.viewfacts import score_range
        from .. import pickers

        info = self.info
        if not info.has_scores:
            self.app.notify(
                f"{info.short_name}: no scores are published in our data, so there is nothing to "
                f"filter on. Try a rank band ({self.app.key('tier', 'main')}).",
                severity="warning",
            )
            return
        shown = score_range(self.cache.frame, self.rows)
        whole = score_range(self.cache.frame)
        flt = self.view.filter
        bounds = await self.app.push_screen_wait(pickers.score_screen(info, flt, shown, whole))
        if bounds is not None:
            self.change(min_score=bounds[0], max_score=bounds[1])

    @work(exclusive=True, group="dialog")
    async def action_pick_sort(self) -> None:
        from .. import pickers

        chosen = await self.app.push_screen_wait(
            pickers.sort_picker(self.info, self.view.sort, self.frame.columns)
        )
        if isinstance(chosen, Sort):
            self.set_view(View(self.view.filter, chosen))

    @work(exclusive=True, group="dialog")
    async def action_frequency(self) -> None:
        """VisiData's Shift+F: rows per tier, region and country of the view; Enter filters."""
        from ..glance import frequency_choices
        from ..screens.dialogs import PickScreen

        shown = self.result
        options = frequency_choices(shown)
        if not options:
            self.app.notify("No tier, region or country in this view.")
            return
        title = f"{len(shown):,} rows of {self.info.short_name} by value (Enter filters)"
        value = await self.app.push_screen_wait(PickScreen(title, options))
        if isinstance(value, tuple):
            field, chosen = value
            self.change(**{field: (chosen,) if field == "tiers" else chosen})

    def action_describe(self) -> None:
        """VisiData's I: each numeric measure of the view, missing figures counted as missing."""
        from ..glance import describe_text
        from ..screens.dialogs import TextScreen

        text = describe_text(self.info, self.result)
        self.app.push_screen(TextScreen(f"{self.info.short_name}: summary of the view", text))

    def action_clear_filters(self) -> None:
        if self.searching:
            self.close_search(keep=False)
        self.set_filter(Filter())

    def action_undo(self) -> None:
        if not self.undo():
            self.app.notify("Nothing to undo.")
        self.app.marks_changed()  # an undone "bookmarked only" follows today's bookmarks

    def action_bookmarked_only(self) -> None:
        bookmarks = self.app.bookmarks
        if self.view.filter.city_ids is not None:
            self.change(city_ids=None)
        elif not len(bookmarks):
            self.app.notify(
                f"No bookmarks yet: press {self.app.key('bookmark', 'main')} on a row "
                "to bookmark its city."
            )
        else:
            self.change(city_ids=bookmarks.ids)

    # -- where the cursor goes ----------------------------------------------------------------
    @work(exclusive=True, group="dialog")
    async def action_jump_rank(self) -> None:
        from ..screens.dialogs import InputScreen

        text = await self.app.push_screen_wait(
            InputScreen("Jump to rank", "", "Enter jumps · Esc cancels")
        )
        if text:
            self.jump_to_rank(text)

    def jump_to_rank(self, text: str) -> None:
        """The cursor to the row ranked N in this view, or to the first rank after N held."""
        try:
            wanted = int(text.strip().lstrip("#").replace(",", ""))
        except ValueError:
            self.app.notify(f"{printable(text)!r} is not a rank: type a number.")
            return
        hit = find_rank(self.cache.frame, self.rows, wanted)
        if hit is None:
            self.app.notify(f"No rank {wanted:,} or after in this view.")
            return
        self.table.cursor_row = hit.position
        if not hit.exact:
            self.app.notify(f"Rank {wanted:,} is not in this view: at {hit.rank:,}.")

    def show_city(self, city_id: str, name: str) -> None:
        """The cursor to the city's first row; filters are cleared when they hide it (u undoes)."""
        at = find_city(self.cache.frame, self.rows, city_id)
        if at is None:
            self.set_filter(Filter())
            self.app.notify(
                f"Filters cleared to show {name} ({self.app.key('undo', 'main')} undoes)."
            )
            at = find_city(self.cache.frame, self.rows, city_id)
        if at is not None:
            self.table.cursor_row = at
        self.table.focus()

    # -- the row and the view, out ------------------------------------------------------------
    def action_details(self) -> None:
        from ..screens.dialogs import TextScreen
        from ..texts import details_text

        row = self.table.current_row
        if row is None:
            return
        self.app.push_screen(
            TextScreen(
                f"{self.info.short_name}: details",
                details_text(
                    self.info,
                    row,
                    self.app.catalog.city_names,
                    self.app.key("open_source", "main"),
                    self.summary.text.plain,
                ),
            )
        )

    @work(exclusive=True, group="dialog")
    async def action_open_source(self) -> None:
        from ...core.links import address_of, addresses
        from ..links import open_sources

        row = self.table.current_row
        if row is None:
            self.app.notify("No row is highlighted.")
            return
        found = addresses(row.get("source_url"))
        of = f"{self.info.short_name} {printable(str(row.get('name')))}"
        if not found:  # the row names none: the index's own sources
            found = [a for a in (address_of(u) for u in self.info.source_urls) if a]
            of = self.info.short_name
        await open_sources(
            self.app,
            [("", a) for a in found],
            of,
            "No web address of a source for this row in our data.",
        )

    def action_copy_row(self) -> None:
        if self.table.current_row is not None:
            row = self.cache.frame[self._rows.slice(self.table.cursor_row, 1)]  # a row shown
            self._copy(row, "the row")

    def action_copy_view(self) -> None:
        try:  # refused before a large view is copied out of the index (seconds at 1M rows)
            check_clipboard_rows(len(self.rows), self.app.key("export", "main"))
        except CityRankError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        self._copy(self.result, f"{len(self.rows):,} rows")

    def _copy(self, frame: pl.DataFrame, what: str) -> None:
        info, key, cities = self.info, self.app.key("export", "main"), self.app.catalog.cities
        view = " · ".join(self.view.describe(info))
        self.app.copy_rows(
            lambda fmt: clipboard_text(frame, info, fmt, key, cities, view),
            what,
            "with sources and attribution",
        )

    @work(exclusive=True, group="dialog")
    async def action_export_view(self) -> None:
        from .. import pickers
        from ..screens.export import ExportPathScreen

        fmt = await self.app.push_screen_wait(pickers.export_picker())
        if not isinstance(fmt, str):
            return
        frame, shown, info = self.cache.frame, self.rows, self.info  # the view as it is now
        cities = self.app.catalog.cities  # each row's places, as `show` exports them
        view = " · ".join(self.view.describe(info))  # the filters and sort, said in the file
        if self.app.is_web:  # a browser session: a download, never a path on the server
            from ..delivery import deliver_export

            rows = export_rows(frame, shown, info, cities)
            await deliver_export(self.app, rows, info, fmt, view)
            return
        suggested = str(Path.cwd() / f"{info.id}-view.{fmt}")

        def write(target: Path, progress: Callable[[int], None], stop: Callable[[], bool]) -> None:
            # On the export dialog's worker thread: the rows are copied out there too.
            rows = export_rows(frame, shown, info, cities)
            write_export(rows, info, fmt, target, progress, stop, view)

        path = await self.app.push_screen_wait(
            ExportPathScreen(
                f"Export {len(shown):,} rows as {fmt.upper()} to", suggested, write, len(shown)
            )
        )
        if path is not None:
            self.app.notify(f"Wrote {len(shown):,} rows with sources and attribution to {path}.")

    # -- search box: the tabs' shared inline search (search_pane.SearchPane) -------------------
    def _search_text(self) -> str:
        return self.view.filter.text

    def _searched(self, text: str) -> View:
        return View(self.view.filter.with_(text=text), self.view.sort)


def info_text(
    i: IndexInfo, family: Family | None, moves: Basis | None, key: Callable[[str, str], str]
) -> Text:
    """A tab's header, unwrapped lines: what the index is, its family's editions (with whether
    the publisher lets this one be set against the previous), how much we hold, what its score
    means, its attribution (`key`: a command's key as the user has it)."""
    score = i.score_words
    edition = f" · edition {i.edition}" if i.edition else ""
    lines = [Text.assemble((visible(i.name), "bold"), visible(f" · {i.publisher}{edition}"))]
    if family is not None and len(family.editions) > 1:
        lines.append(editions_line(i, family, moves or family_basis(family, i), key))
    if i.opened_from:  # opened, not imported: say how to keep it
        lines.append(Text(visible(i.gaps), style="bold"))
    lines += [
        Text(visible(i.tab_coverage)),
        Text(visible(score)),
        Text(visible(i.attribution), style="italic"),
    ]
    for line in lines:
        line.no_wrap, line.overflow = True, "ellipsis"
    return Text("\n").join(lines)


def editions_line(
    info: IndexInfo, family: Family, moves: Basis, key: Callable[[str, str], str]
) -> Text:
    """'Editions 2022 [2023] 2024 2025 · ▲▼ vs 2022 (? not in its 27 rows we hold)',
    or '… [2025] · not comparable with 2024: VC deals added' (no Move column): the shown
    edition in brackets and bold (readable without colour)."""
    text = Text("Editions")
    for other in family.editions:
        label = visible(str(other.edition or other.id))
        if other.id == info.id:
            text.append(f" [{label}]", style="bold reverse")
        else:
            text.append(f" {label}")
    if moves.legend:  # the Move column: against which edition, and what ? or new means
        text.append(visible(f" · {moves.legend}"))
    elif moves.previous is not None:  # not comparable (the publisher says), or unreadable
        text.append(visible(f" · {moves.why_absent}"), style="bold")
        return text
    else:
        text.append(" · first edition: no movement")
    text.append(f" · {key('prev_edition', 'main')} and {key('next_edition', 'main')} step")
    return text


def summary_text(
    view: View,
    info: IndexInfo,
    shown: int,
    total: int,
    cursor_row: int,
    counting: bool = False,
    status: str = "",
) -> Text:
    """The summary line: where the cursor is, how many rows the view shows of how many, what
    it filters and how it sorts."""
    text = Text()
    if counting:  # the first rows are shown; how many there are in all is not known yet
        if shown:
            text.append(f"row {cursor_row + 1:,} · ")
        text.append(f"{COUNTING} of {total:,}", style="bold")
    else:
        if shown:
            text.append(f"row {cursor_row + 1:,} of {shown:,} · ")
        text.append(f"{shown:,} of {total:,}", style="bold")
    if status:  # the count is not final yet ("reading all rows…")
        text.append(f" · {status}", style="bold")
    parts = view.filter.describe() or ["no filter"]
    arrow = "▼" if view.sort.descending else "▲"
    text.append(
        " · " + " · ".join(parts) + f" · sort {column_label(sort_column(view, info), info)} {arrow}"
    )
    return text


def sort_column(view: View, info: IndexInfo) -> str:
    """A classification's default order is by class: say so, not 'Rank'."""
    field = view.sort.field
    return "tier" if field == "rank" and not info.ranked else field
