"""Textual's DataTable with its cuts drawn as the index tables draw theirs (RankTable).

DataTable crops a line where the screen ends, so the agreement's '+0.76' showed as '+0.7', a
figure never computed, and the comparison's last step sideways showed Seoul as 'oul', its
● better mark gone. Here the column the right edge cuts ends in `…` (render.cut), and a column
the sideways scroll cuts on its left is left blank: the next one starts whole.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import DataTable

from ...core.render import cut


class CutTable(DataTable[Any]):
    """A DataTable whose rows are one line each, with the cuts at its edges drawn."""

    def render_line(self, y: int) -> Strip:
        strip = self._blank_left_cut(super().render_line(y))
        text = self._cell_at_edge(y)
        if text is None:
            return strip
        at, room, plain = text
        start = at - self.scroll_offset.x  # the cell's text on screen
        if cut(plain, room) == plain or start < self._fixed_width():
            return strip  # the edge falls after its text, or the cell is cut on both sides
        style = next(iter(strip.crop(start, start + 1)), Segment("")).style
        piece = cut(plain, room) if room >= 2 else " " * room  # too narrow for a letter and …
        drawn = Strip.join([strip.crop(0, start), Strip([Segment(piece, style)])])
        return Strip.join([drawn, strip.crop(start + room, strip.cell_length)])

    def _blank_left_cut(self, strip: Strip) -> Strip:
        """The column cut on its left by the sideways scroll, blank rather than shown from the
        middle of a word (the table's end is seldom on a column's edge)."""
        fixed, x = self._fixed_width(), self.scroll_offset.x
        left = x + fixed  # the whole line's x just after the fixed columns
        start = 0
        for column in self.ordered_columns:
            end = start + column.get_render_width(self)
            if start >= fixed and self.text_cut_on_left(start, left) and left < end:
                blank = end - left
                style = next(iter(strip.crop(fixed, fixed + 1)), Segment("")).style
                gap = Strip([Segment(" " * blank, style)])
                return Strip.join([strip.crop(0, fixed), gap, strip.crop(fixed + blank)])
            start = end
        return strip

    def text_cut_on_left(self, start: float, edge: float) -> bool:
        """Whether a column starting at `start` has its text cut by a left edge at `edge` (both
        in one line's cells): a cut left padding hides nothing."""
        return start + self.cell_padding < edge

    def _room(self) -> int:
        """The table's cells in view: the vertical scrollbar covers the last ones."""
        return min(self.size.width, self.scrollable_content_region.width)

    def _fixed_width(self) -> int:
        return sum(c.get_render_width(self) for c in self.ordered_columns[: self.fixed_columns])

    def _cell_at_edge(self, y: int) -> tuple[int, int, str] | None:
        """The column the right edge cuts on line `y`: where its text starts (in the whole
        line), the cells of it in view, and its text; None where no column is cut."""
        end = self.scroll_offset.x + self._room()  # the whole line's x at the right edge
        x = 0
        for index, column in enumerate(self.ordered_columns):
            width = column.get_render_width(self)
            if index >= self.fixed_columns and x < end < x + width:
                at = x + self.cell_padding
                return at, end - at, self._plain(y, index)
            x += width
        return None

    def _plain(self, y: int, column: int) -> str:
        if self.show_header and y < self.header_height:
            return self.ordered_columns[column].label.plain
        row = y - (self.header_height if self.show_header else 0) + self.scroll_offset.y
        if not 0 <= row < self.row_count:
            return ""
        value = self.get_row_at(row)[column]
        return value.plain if hasattr(value, "plain") else str(value)
