"""A table that paints only the rows on screen, reading slices of a polars frame.

Textual's stock DataTable measures every cell when rows are added; this one keeps the frame
and renders the visible lines on demand (the Line API), so a million rows cost no more to
show than a hundred. The first columns (rank, name) stay put while scrolling sideways.
Cells are plain text segments: a name like "[red]x[/red]" is shown as those characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.render import MISSING, column_widths, fit, format_value, printable

BLOCK = 128
GUTTER = 3  # cursor glyph, bookmark glyph, comparison-pick glyph (more: blank cells after them)
BOOKMARK = "★"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool
    decimals: int | None = None  # the measure's declared places, for floats


def _cell(value: object, decimals: int | None = None) -> str:
    return printable(format_value(value, decimals))


def bindings_without(*keys: str) -> list[BindingType]:
    """RankTable's bindings, and the scrolling ones it inherits (where it binds a key too, its
    own: as Textual merges them), less `keys`: for a subclass declared with
    `inherit_bindings=False` on a screen whose own commands use those keys."""
    merged: dict[str, Binding] = {}
    for binding in [*ScrollView.BINDINGS, *RankTable.BINDINGS]:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            merged[key.strip()] = replace(binding, key=key.strip())
    return [b for key, b in merged.items() if key not in keys]


class RankTable(ScrollView, can_focus=True):
    """Rows of one filtered, sorted view, with a cursor."""

    COMPONENT_CLASSES = {
        "ranktable--header",
        "ranktable--cursor",
        "ranktable--cursor-focused",
        "ranktable--missing",
        "ranktable--empty",
    }
    DEFAULT_CSS = """
    /* The vertical scrollbar is always there (an empty track when every row fits): a row count
       crossing the screen's height would otherwise show or hide it, a layout of the screen. */
    RankTable { background: $surface; overflow-y: scroll; }
    RankTable > .ranktable--header { text-style: bold; background: $panel; }
    RankTable > .ranktable--cursor { background: $accent 40%; text-style: bold; }
    RankTable > .ranktable--cursor-focused { background: $accent; color: $text; text-style: bold; }
    RankTable > .ranktable--missing { color: $text-muted; }
    RankTable > .ranktable--empty { color: $text-warning; text-style: italic; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),  # g is the map (tui/commands.py)
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("h,shift+left", "sideways(-1)", "Column left", show=False),
        Binding("l,shift+right", "sideways(1)", "Column right", show=False),
        Binding("H,ctrl+left", "sideways_end(-1)", "First column", show=False),
        Binding("L,ctrl+right", "sideways_end(1)", "Last column", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    def __init__(
        self,
        *,
        frozen: int = 2,
        marks_width: int = GUTTER,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.frozen = frozen
        # A table whose first column is text (the Cities tab's names) keeps a blank cell after
        # the marks: a pick mark glued to a name ('②Tokyo') read as part of it, or as a rank.
        self.marks_width = max(marks_width, GUTTER)
        self._frame: pl.DataFrame | None = None  # made when first needed: polars may not be
        self._rows: pl.Series | None = None  # imported yet (core/lazypolars.py)
        # Before the frame is read: the first rows' values (a tab's first screen, drawn from
        # core/first_screen.py) and how many rows there are.
        self._preview: tuple[tuple[Any, ...], ...] | None = None
        self._preview_count = 0
        self._preview_shape: tuple[list[Column], list[int]] = ([], [])  # its columns and widths
        self.columns: list[Column] = []
        self.widths: list[int] = []
        self.sort_key: str | None = None
        self.sort_descending = False
        self.bookmarked: frozenset[str] = frozenset()  # city ids shown with ★
        self.picks: dict[
            str, str
        ] = {}  # city id -> glyph ("①".."④") for cities picked for comparison
        self.empty_message = "No rows."
        self._blocks: dict[int, list[tuple[Any, ...]]] = {}
        self._styles: tuple[Style, Style, Style, Style, Style] | None = None
        self.painted = False  # set once a line has been rendered (bench/ waits on it)
        self._scroll_pending = False  # the cursor to scroll into view once laid out

    # -- data ---------------------------------------------------------------------------------
    @property
    def frame(self) -> pl.DataFrame:
        if self._frame is None:
            self._frame = pl.DataFrame()
        return self._frame

    @frame.setter
    def frame(self, frame: pl.DataFrame) -> None:
        self._frame = frame

    @property
    def rows(self) -> pl.Series:
        """Positions into `frame`, in display order."""
        if self._rows is None:
            self._rows = pl.Series("row", [], dtype=pl.UInt32)
        return self._rows

    @rows.setter
    def rows(self, rows: pl.Series) -> None:
        self._rows = rows

    def set_preview(
        self,
        columns: list[Column],
        widths: list[int],
        rows: tuple[tuple[Any, ...], ...],
        count: int,
        sort_key: str | None,
        descending: bool,
    ) -> None:
        """Show the first `rows` (each column's value, then the row's city ids) of a view of
        `count` rows, before its frame is read: drawn as `set_columns` and `set_rows` draw."""
        self.columns = [c for c in columns if c.key != "city_ids"]
        self.widths = list(widths)
        self._preview, self._preview_count = rows, count
        self._preview_shape = (list(self.columns), list(self.widths))
        self.sort_key, self.sort_descending = sort_key, descending
        self._set_virtual_size(Size(self.content_width, count + 1))
        self.cursor_row = 0

    def set_columns(self, columns: list[Column], widths_from: pl.DataFrame) -> None:
        """Fix the columns and their widths, measured once per index so filtering never jiggles.

        Large indexes are measured on a sample (text is cut at MAX_WIDTH with … anyway).
        """
        self.columns = [
            c for c in columns if c.key != "city_ids"
        ]  # ids travel separately, for marks
        self.widths = column_widths(
            widths_from, [(c.key, c.label, c.decimals) for c in self.columns]
        )

    def set_rows(
        self,
        frame: pl.DataFrame,
        rows: pl.Series | None = None,
        sort_key: str | None = None,
        descending: bool = False,
        keep_cursor: bool = False,
    ) -> None:
        """Show `rows` (positions into `frame`, default all of it) without copying them.

        Rows that replace a first screen (`set_preview`) and draw the same are not drawn again."""
        held, self._preview = self._preview, None
        self.frame = frame
        self.rows = (
            rows if rows is not None else pl.int_range(0, frame.height, dtype=pl.UInt32, eager=True)
        )
        drawn = (self.sort_key, self.sort_descending, self.virtual_size)
        self.sort_key, self.sort_descending = sort_key, descending
        self._blocks.clear()
        self._set_virtual_size(Size(self.content_width, len(self.rows) + 1))
        target = min(self.cursor_row, max(len(self.rows) - 1, 0)) if keep_cursor else 0
        if held is not None and self._draws(held, drawn, target):
            return
        if not keep_cursor:  # now, not after the next frame: a new view is drawn in one frame
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor_row = target
        self.refresh()

    def _draws(
        self, held: tuple[tuple[Any, ...], ...], drawn: tuple[object, ...], cursor: int
    ) -> bool:
        """Whether the rows set now draw what the first screen (`held`, with the sort and size
        `drawn`) drew: the same values in its rows, the same order, size and cursor row."""
        if (self.sort_key, self.sort_descending, self.virtual_size) != drawn:
            return False
        if (self.columns, self.widths) != self._preview_shape:
            return False
        if cursor != self.cursor_row or self.scroll_offset != (0, 0):
            return False
        if len(held) < min(len(self.rows), self.size.height):
            return False  # the screen shows rows the first screen did not hold (left blank)
        count = min(len(held), len(self.rows))
        return all(self._row_values(i) == held[i] for i in range(count))

    def _set_virtual_size(self, size: Size) -> None:
        """A new row count without laying out the whole screen.

        `virtual_size` is a layout reactive: every keystroke of a search would lay out every
        widget, though the table's own size does not change. Only the scrollbars follow the row
        count, so they are updated here (the vertical one is always shown: it never appears or
        goes, which would lay out the screen).
        """
        if not self.is_mounted or size.width != self.virtual_size.width:
            self.virtual_size = size
            return
        if size == self.virtual_size:
            return  # the same row count: the scrollbars are drawn already
        self.set_reactive(RankTable.virtual_size, size)
        self._scroll_update(size)

    def set_marks(self, bookmarked: frozenset[str], picks: dict[str, str]) -> None:
        if (bookmarked, picks) != (self.bookmarked, self.picks):
            self.bookmarked, self.picks = bookmarked, dict(picks)
            self.refresh()

    @property
    def content_width(self) -> int:
        """Cells across every column, the marks' gutter included (the scrollable width)."""
        return self.marks_width + sum(w + 1 for w in self.widths)

    @property
    def row_count(self) -> int:
        return self._preview_count if self._preview is not None else len(self.rows)

    def row(self, index: int) -> dict[str, Any] | None:
        if not 0 <= index < len(self.rows):
            return None
        return self.frame.row(self.rows[index], named=True)

    @property
    def current_row(self) -> dict[str, Any] | None:
        return self.row(self.cursor_row)

    def _row_values(self, index: int) -> tuple[Any, ...]:
        if self._preview is not None:
            return self._preview[index]
        block, offset = divmod(index, BLOCK)
        if block not in self._blocks:
            keys = [c.key for c in self.columns] + ["city_ids"]
            positions = self.rows.slice(block * BLOCK, BLOCK)
            self._blocks[block] = self.frame.select(keys)[positions].rows()
            if len(self._blocks) > 64:
                self._blocks.pop(next(iter(self._blocks)))
        return self._blocks[block][offset]

    # -- rendering ----------------------------------------------------------------------------
    def _frozen_width(self) -> int:
        return self.marks_width + sum(w + 1 for w in self.widths[: self.frozen])

    def _cells(self, values: list[str], start: int, style: Style, missing: Style) -> list[Segment]:
        out = []
        for text, col, width in zip(
            values, self.columns[start:], self.widths[start:], strict=False
        ):
            padded = fit(text, width, right=col.numeric, mark="…")  # by screen cells
            out.append(Segment(padded + " ", missing if text == MISSING else style))
        return out

    def _header_labels(self) -> list[str]:
        labels = []
        for col in self.columns:
            arrow = (" ▼" if self.sort_descending else " ▲") if col.key == self.sort_key else ""
            labels.append(col.label + arrow)
        return labels

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = None  # looked up once per repaint, not once per line
        return super().render_lines(crop)

    def _line_styles(self) -> tuple[Style, Style, Style, Style, Style]:
        """(base, header, empty, cursor, missing) for this repaint."""
        if self._styles is None:
            base = self.rich_style
            component = self.get_component_rich_style
            self._styles = (
                base,
                base + component("ranktable--header"),
                base + component("ranktable--empty"),
                base
                + component("ranktable--cursor-focused" if self.has_focus else "ranktable--cursor"),
                base + component("ranktable--missing"),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        self.painted = True
        width = self.size.width
        base, header_style, empty_style, cursor_style, missing_style = self._line_styles()
        if y == 0:
            return self._line(
                [" " * self.marks_width], self._header_labels(), header_style, header_style, width
            )
        index = self.scroll_offset.y + y - 1
        count = self.row_count
        if not count:
            lines = self.empty_message.split("\n")
            if 2 <= y < 2 + len(lines):
                style = empty_style
                text = " " + printable(lines[y - 2])
                return Strip([Segment(text[:width].ljust(width), style)], width)
            return Strip.blank(width, base)
        # a screen grown taller than the first rows held: blank until the frame is read
        if index >= count or (self._preview is not None and index >= len(self._preview)):
            return Strip.blank(width, base)
        values = self._row_values(index)
        texts = [_cell(v, c.decimals) for v, c in zip(values, self.columns, strict=False)]
        ids = values[-1]
        ids = ids or []
        star = BOOKMARK if any(c in self.bookmarked for c in ids) else " "
        pick = next((self.picks[c] for c in ids if c in self.picks), " ")
        cursor = index == self.cursor_row
        style = cursor_style if cursor else base
        missing = style if cursor else missing_style
        blank = " " * (self.marks_width - GUTTER)
        return self._line(["▶" if cursor else " ", star, pick, blank], texts, style, missing, width)

    def _line(
        self, gutter: list[str], texts: list[str], style: Style, missing: Style, width: int
    ) -> Strip:
        frozen_cells = [
            Segment("".join(gutter), style),
            *self._cells(texts[: self.frozen], 0, style, missing),
        ]
        rest = Strip(self._cells(texts[self.frozen :], self.frozen, style, missing))
        frozen = Strip(frozen_cells)
        # the vertical scrollbar covers the last cells: a text cut there is cut by the edge
        room = max(min(width, self.scrollable_content_region.width) - frozen.cell_length, 0)
        x = self.scroll_offset.x
        # A column the sideways scroll cuts on its left (at the far right, L) is left blank
        # rather than shown from the middle of a word; the next column starts whole.
        whole = next((s for s in self._column_starts() if s >= x), x)
        scrolled = rest.crop(whole, x + room)
        if whole > x:
            scrolled = Strip.join([Strip.blank(whole - x, style), scrolled])
        scrolled = self._mark_cut(scrolled, texts, x, x + room, style, missing)
        line = Strip.join([frozen, scrolled]).crop(0, width)
        return line.extend_cell_length(width, style).simplify()

    def _mark_cut(
        self, scrolled: Strip, texts: list[str], x: int, end: int, style: Style, missing: Style
    ) -> Strip:
        """The column the screen's right edge cuts ends in … ('South-eastern As…', not
        'South-eastern Asi'); too narrow a piece for a letter and … is left blank."""
        starts = self._column_starts()
        inside = [n for n, start in enumerate(starts) if x <= start < end]
        if not inside:
            return scrolled
        n = inside[-1]
        column = self.frozen + n
        if column >= len(texts):
            return scrolled
        visible = end - starts[n]
        text, numeric = texts[column], self.columns[column].numeric
        drawn = fit(text, self.widths[column], right=numeric, mark="…")
        if visible >= self.widths[column] or not drawn[visible:].strip():
            return scrolled  # the edge falls after its text: nothing is cut
        piece = fit(text, visible, right=numeric, mark="…") if visible >= 2 else " " * visible
        kept = scrolled.crop(0, starts[n] - x)
        return Strip.join([kept, Strip([Segment(piece, missing if text == MISSING else style)])])

    def watch_has_focus(self, has_focus: bool) -> None:
        """Focus changes only how the cursor row is drawn: a repaint. Textual's default restyles
        the table and its scrollbars (a :focus rule could apply), whose late repaint cost `/` and
        Esc a second frame; the cursor's two styles are component classes instead."""
        self.refresh()

    # -- cursor -------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        if self._scroll_pending:  # a cursor set before the table had its size
            self._scroll_cursor_into_view()

    def watch_cursor_row(self, old: int, new: int) -> None:
        if count := self.row_count:
            clamped = max(0, min(new, count - 1))
            if clamped != new:
                self.cursor_row = clamped
                return
        self._scroll_cursor_into_view()
        self.refresh()

    @property
    def visible_rows(self) -> int:
        """Rows shown under the header: the horizontal scrollbar, when shown, takes a line."""
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_cursor_into_view(self) -> None:
        """Scroll as little as possible for the cursor row to show. Before the table is laid
        out it has no height: it would scroll as if one row fitted (the cursor set on a hidden
        tab scrolled rank 1 off a table that fits), so it waits for its size (on_resize)."""
        if self.scrollable_content_region.height < 2:  # not laid out: no row under the header
            self._scroll_pending = True
            return
        self._scroll_pending = False
        visible = self.visible_rows
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    # Called before the cursor goes past the last row held, when those are only the first rows
    # of the view (the rest still being counted): it sets all of them (`set_rows`) first.
    more: Callable[[], None] | None = None

    def _past_held(self, row: int) -> None:
        if self.more is not None and row >= len(self.rows) - 1:
            self.more()

    def action_cursor(self, delta: int) -> None:
        self._past_held(self.cursor_row + delta)
        self.cursor_row = self.cursor_row + delta

    def action_page(self, direction: int) -> None:
        step = direction * max(self.visible_rows - 1, 1)
        self._past_held(self.cursor_row + step)
        self.cursor_row = self.cursor_row + step

    def action_jump(self, where: int) -> None:
        if where != 0:
            self._past_held(len(self.rows))
        self.cursor_row = 0 if where == 0 else max(len(self.rows) - 1, 0)

    def _column_starts(self) -> list[int]:
        """Where each scrolling column starts, in sideways-scroll offsets (the first at 0)."""
        starts, x = [], 0
        for width in self.widths[self.frozen :]:
            starts.append(x)
            x += width + 1
        return starts

    def action_sideways(self, direction: int) -> None:
        """One whole column sideways: the column scrolled to starts at the frozen ones' edge,
        its heading whole (a step of a few characters cut headings mid-word)."""
        x, last = self.scroll_offset.x, self.max_scroll_x
        starts = self._column_starts()
        if direction > 0:
            target = min(next((s for s in starts if s > x), last), last)
        else:
            target = max((s for s in starts if s < x), default=0)
        self.scroll_to(x=target, animate=False, immediate=True)

    def action_sideways_end(self, direction: int) -> None:
        """To the first scrolling column, or far enough right that the last one shows whole."""
        self.scroll_to(x=0 if direction < 0 else self.max_scroll_x, animate=False, immediate=True)

    class HeaderClicked(Message):
        """A column heading was clicked: sort by that column."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class RowActivated(Message):
        """A row was double-clicked: open its details."""

    def column_at(self, x: int) -> Column | None:
        """The column drawn at x (frozen ones stay put; the rest move with the sideways scroll)."""
        left = self.marks_width
        for n, (col, width) in enumerate(zip(self.columns, self.widths, strict=False)):
            if n == self.frozen:
                left -= self.scroll_offset.x
            start = max(left, self._frozen_width()) if n >= self.frozen else left
            if start <= x < left + width + 1:
                return col
            left += width + 1
        return None

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            column = self.column_at(event.x)
            if column is not None:
                self.post_message(self.HeaderClicked(column.key))
            return
        row = self.scroll_offset.y + event.y - 1
        if row < len(self.rows):
            self.cursor_row = row
            if event.chain >= 2:
                self.post_message(self.RowActivated())
