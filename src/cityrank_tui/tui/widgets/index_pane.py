"""One tab: an index's header, the active filters, the table and the search box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core.catalog import IndexInfo
from ...core.filters import Filter, View, ViewCache, column_label
from ...core.history import ViewHistory
from ...core.render import display_columns
from ..safe import safe, visible
from .rank_table import Column, RankTable

if TYPE_CHECKING:
    from ..app import CityRankApp

FROZEN = ("rank", "name")


def table_columns(info: IndexInfo, frame: pl.DataFrame) -> list[Column]:
    cols = display_columns(info)
    ordered = [c for c in FROZEN if c in cols] + [c for c in cols if c not in FROZEN]
    return [
        Column(c, visible(column_label(c, info)), frame.schema[c].is_numeric(), _places(info, c))
        for c in ordered
    ]


def _places(info: IndexInfo, column: str) -> int | None:
    measure = info.measure(column)
    return measure.decimals if measure is not None and measure.kind in ("score", "share") else None


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


class IndexPane(Vertical):
    """Shows one index through a View (filter + sort) with undo."""

    # Reached only from the search box: on the table, Tab is the screen's (priority) next-tab key.
    # Down, as in a browser's search box, moves into the results.
    BINDINGS = [Binding("tab,shift+tab,down", "leave_search", "Keep the search", show=False)]

    class ViewChanged(Message):
        def __init__(self, pane: IndexPane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(
        self, info: IndexInfo, frame: pl.DataFrame, view: View | None = None, *, id: str
    ) -> None:
        super().__init__(id=id, classes="index-pane")
        self.info = info
        self.frame = frame
        self.history = ViewHistory(view or View())
        self.cache = ViewCache(frame)
        self.rows = self.cache.rows(self.history.current)
        # Children exist from the start, so the screen can address them before they are mounted.
        self.table = RankTable(frozen=len([c for c in FROZEN if c in display_columns(info)]))
        self.table.set_columns(table_columns(info, frame), frame)
        self.summary = SummaryLine(classes="filter-summary")
        self._search_box: Input | None = (
            None  # made on the first search: one widget fewer at start-up
        )
        self._before_search = self.history.current  # the view Esc puts back

    def compose(self) -> ComposeResult:
        yield Static(self._info_text(), classes="index-info", markup=False)
        yield self.summary
        yield self.table

    def on_mount(self) -> None:
        self.refresh_view()
        # "row 17 of 145" follows the cursor (a repaint of one line, no layout)
        self.watch(self.table, "cursor_row", self._cursor_moved, init=False)

    def on_rank_table_header_clicked(self, event: RankTable.HeaderClicked) -> None:
        event.stop()
        self.set_view(View(self.view.filter, self.view.sort.toggled(event.key, self.info)))

    def _cursor_moved(self) -> None:
        self.summary.set_text(self._summary())

    @property
    def result(self) -> pl.DataFrame:
        """The rows on show, copied out (for exports; the table itself never copies them all)."""
        return self.cache.frame[self.rows]

    @property
    def view(self) -> View:
        return self.history.current

    def _info_text(self) -> Text:
        """Four unwrapped lines: what the index is, how much of it we hold, what its score means, its attribution."""
        i = self.info
        if not i.ranked:
            score = "a classification: classes, no ranks or scores"
        elif not i.has_scores:
            score = "no scores published in our data"
        else:
            score = f"{i.score_label}: {i.score_scale or 'as in the imported file'}"
        edition = f" · edition {i.edition}" if i.edition else ""
        lines = [
            Text.assemble((visible(i.name), "bold"), visible(f" · {i.publisher}{edition}")),
            Text(visible(i.tab_coverage)),
            Text(visible(score)),
            Text(visible(i.attribution), style="italic"),
        ]
        for line in lines:
            line.no_wrap, line.overflow = True, "ellipsis"
        return Text("\n").join(lines)

    def set_view(self, view: View) -> None:
        if self.history.push(view):
            self.refresh_view()

    def follow(self, flt: Filter) -> None:
        """Change the filter in place, without an undo step (e.g. "bookmarked only" after a bookmark)."""
        self.history.preview(View(flt, self.view.sort))
        self.refresh_view(keep_cursor=True)

    def undo(self) -> bool:
        if self.history.undo():
            self.refresh_view()
            return True
        return False

    def refresh_view(self, keep_cursor: bool = False) -> None:
        view = self.view
        self.rows = self.cache.rows(view)
        table = self.table
        active = view.filter.describe()
        key = cast("CityRankApp", self.app).key  # the keys as the user has them
        table.empty_message = (
            "No city matches "
            + ", ".join(active)
            + f".\nPress {key('clear', 'main')} to clear every filter, "
            + f"{key('undo', 'main')} to undo the last change."
            if active
            else "This index has no rows."
        )
        table.set_rows(
            self.cache.frame,
            self.rows,
            self._sort_column(),
            view.sort.descending,
            keep_cursor=keep_cursor,
        )
        self.summary.set_text(self._summary())
        self.post_message(self.ViewChanged(self))

    def _sort_column(self) -> str:
        """A classification's default order is by class: say so, not 'Rank'."""
        field = self.view.sort.field
        return "tier" if field == "rank" and not self.info.ranked else field

    def _summary(self) -> Text:
        view = self.view
        text = Text()
        if len(self.rows):
            text.append(f"row {self.table.cursor_row + 1:,} of {len(self.rows):,} · ")
        text.append(f"{len(self.rows):,} of {len(self.frame):,}", style="bold")
        parts = view.filter.describe() or ["no filter"]
        arrow = "▼" if view.sort.descending else "▲"
        text.append(
            " · "
            + " · ".join(parts)
            + f" · sort {column_label(self._sort_column(), self.info)} {arrow}"
        )
        return text

    # -- search box ---------------------------------------------------------------------------
    async def open_search(self) -> None:
        """Open the search box and give it the keys at once.

        Awaited from a priority binding, so keys typed straight after `/` (a paste, or a burst
        over a slow SSH link) reach the box instead of running as commands on the table.
        """
        if self._search_box is None:  # made on the first search: one widget fewer at start-up
            search = cast("CityRankApp", self.app).key("search", "main")
            self._search_box = Input(
                placeholder=f"{search} search names and aliases · Enter or ↓ keeps it · Esc clears",
                classes="search-box",
            )
            await self.mount(self._search_box)
        box = self._search_box
        self._before_search = self.view
        box.value = self.view.filter.text
        box.add_class("-open")
        self.screen.set_focus(box)  # now, not after the queued keys as Widget.focus() would

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # Incremental: replace the text filter without stacking an undo step per keystroke.
        flt = self.view.filter.with_(text=event.value)
        if flt != self.view.filter:
            self.history.preview(View(flt, self.view.sort))
            self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_search(keep=True)

    def action_leave_search(self) -> None:
        if self.searching:
            self.close_search(keep=True)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        # Focus moved to another widget (a click): keep the search, as Enter does. When the whole
        # terminal loses focus, Textual blurs the box too and gives it back later: leave it open.
        if self.searching and self.app.app_focus:
            self.close_search(keep=True)

    def close_search(self, keep: bool) -> None:
        """Enter keeps the search as one undo step; Esc puts back the view from before the search."""
        box = self._search_box
        if box is None:
            return
        if keep:
            self.history.settle(self._before_search)
        else:
            with box.prevent(Input.Changed):
                box.value = ""
            self.history.preview(self._before_search)
            self.refresh_view()
        box.remove_class("-open")
        self.table.focus()

    @property
    def searching(self) -> bool:
        return self._search_box is not None and self._search_box.has_class("-open")
