"""Textual's DataTable for the small tables (the comparison), with a ▶ on the cursor row.

The glyph keeps the selection readable without colour (NO_COLOR, 16-colour terminals). Index
tables never use DataTable: it measures every row (see RankTable).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from .cut_table import CutTable

CURSOR = "▶"


class CursorTable(CutTable):
    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("g", "scroll_top", show=False),
        Binding("G", "scroll_bottom", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._marked: RowKey | None = None

    def add_cursor_column(self) -> None:
        """Call first, before the other columns."""
        self.add_column(" ", key="cursor", width=1)
        self._marked = None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._marked is not None and self._marked in self.rows:
            self.update_cell(self._marked, "cursor", " ")
        if event.row_key is not None and event.row_key in self.rows:
            self.update_cell(event.row_key, "cursor", CURSOR)
            self._marked = event.row_key
