"""The agreement's DataTable, whose cell cut by the screen's right edge ends in `…`.

Textual's DataTable crops a line at the edge, so '+0.76' showed as '+0.7', a figure that
was never computed. Every other table marks such a cut (render.cut); this one does so too.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import DataTable

from ...core.render import cut


class MatrixTable(DataTable[object]):
    """A DataTable whose rows are one line each, with the cut at its right edge marked."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
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
