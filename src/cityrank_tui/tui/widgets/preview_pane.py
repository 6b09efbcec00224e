"""A tab's first screen drawn before its Parquet is read and before polars is imported.

At start the tab shown is drawn from core/first_screen.py's file (what the edition's tab shows
in its default view, made from the Parquet by data/build.py): the same header, summary line and
table cells, by the same code, as IndexPane draws them. Once that frame is on screen the
main screen reads the edition and puts its IndexPane in this one's place (MainScreen.realise);
keys typed meanwhile wait for it (CityRankApp.on_event) and act on the real pane.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...core.catalog import IndexInfo
from ...core.families import Family
from ...core.filters import View
from ...core.first_screen import Preview
from ...core.movement import family_basis
from ...core.render import FROZEN, display_columns
from ..commands import bindings
from .index_pane import (
    PANE_COMMANDS,
    SHORT_SCREEN,
    SearchLine,
    columns_of,
    info_text,
    sort_column,
    summary_text,
)
from .rank_table import RankTable

if TYPE_CHECKING:
    from ..app import CityRankApp


class PreviewPane(Vertical):
    """An edition's tab as IndexPane first draws it, from its Preview: nothing here reads data."""

    BINDINGS = bindings(*PANE_COMMANDS)  # as IndexPane's: the footer shows the same keys

    def __init__(
        self, info: IndexInfo, family: Family | None, preview: Preview, *, id: str
    ) -> None:
        super().__init__(id=id, classes="index-pane")
        self.info, self.family, self.preview = info, family, preview
        self.moves = (
            replace(
                family_basis(family, info),
                unreadable=preview.unreadable,
                conflicts=preview.conflicts,
            )
            if family is not None
            else None
        )
        shown = display_columns(info, preview.frame_columns)
        self.table = RankTable(frozen=len([c for c in FROZEN if c in shown]))
        view = View()
        self.table.set_preview(
            columns_of(info, preview.frame_columns, preview.numeric),
            list(preview.widths),
            preview.rows,
            preview.height,
            sort_column(view, info),
            view.sort.descending,
        )
        self.summary = SearchLine(classes="filter-summary search-line")
        self._header = Static(classes="index-info", markup=False)

    @property
    def fits(self) -> bool:
        """Whether the rows held fill the table at the screen's height (a taller one waits)."""
        app: CityRankApp = self.app  # type: ignore[assignment]
        return app.size.height <= len(self.preview.rows) or len(self.preview.rows) >= (
            self.preview.height
        )

    def compose(self) -> ComposeResult:
        app: CityRankApp = self.app  # type: ignore[assignment]
        info = info_text(self.info, self.family, self.moves, app.key)
        if app.size.height < SHORT_SCREEN:  # as IndexPane.compact
            lines = info.split("\n")
            info = Text("\n").join([lines[0], lines[-1]])
        self._header.update(info)
        self._header.styles.height = len(info.plain.splitlines())
        yield self._header
        yield self.summary
        yield self.table

    def on_mount(self) -> None:
        height = self.preview.height
        self.summary.set_text(
            summary_text(View(), self.info, height, height, 0), f"{height:,} of {height:,}"
        )
