"""Which rankings agree: Spearman's ρ for every pair of families, as a matrix with a cell cursor.

Cells read without colour (a signed figure and a shade glyph); Enter on a cell opens the
correlation view of that pair, with the same figure. The matrix is small (one row and column per
family or edition), so Textual's DataTable is used here, never for an index.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from ...core import agreement
from ...core.catalog import Catalog, IndexInfo
from ...core.render import printable
from ..base import AppScreen
from ..commands import screen_bindings
from ..widgets.credits import Credits


class AgreementScreen(AppScreen):
    SCOPE = "agreement"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.editions = "latest"
        self._cache: dict[str, tuple[list[IndexInfo], list[agreement.Pair]]] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="agreement-title", classes="screen-title", markup=False)
        yield DataTable(id="agreement-table", cursor_type="cell", zebra_stripes=False)
        yield Static("", id="agreement-best", classes="screen-title", markup=False)
        yield Credits((), id="agreement-credits")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _matrix(self) -> tuple[list[IndexInfo], list[agreement.Pair]]:
        if self.editions not in self._cache:  # computed once per choice, then kept
            infos = agreement.chosen_editions(self.catalog, self.editions)
            self._cache[self.editions] = (infos, agreement.agreement(self.catalog, infos))
        return self._cache[self.editions]

    def _show(self) -> None:
        infos, pairs = self._matrix()
        self.infos = infos
        by_pair = {(p.a.id, p.b.id): p for p in pairs} | {(p.b.id, p.a.id): p for p in pairs}
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.fixed_columns = 1
        table.add_column("", key="label")
        for info in infos:
            table.add_column(printable(info.tab_label), key=info.id)
        for a in infos:
            cells = [Text(printable(a.tab_label), style="bold")]
            cells += [
                Text("·") if a.id == b.id else Text(by_pair[(a.id, b.id)].cell) for b in infos
            ]
            table.add_row(*cells, key=a.id)
        which = "each family's latest edition" if self.editions == "latest" else "every edition"
        self.query_one("#agreement-title", Static).update(
            Text.assemble(
                ("Which rankings agree", "bold"),
                f" · {which} ({self.shown_key('editions')}: switch) · "
                f"{self.shown_key('open')} opens the pair's scatter\n",
                " ".join(agreement.legend()),
            )
        )
        best = agreement.ranked_pairs(pairs)
        if best:
            most, least = best[0], best[-1]
            line = f"Most agreeing: {most.a.tab_label} ~ {most.b.tab_label} ρ {most.rho:+.2f} (n {most.n})"
            if least is not most:
                line += (
                    f" · least: {least.a.tab_label} ~ {least.b.tab_label} "
                    f"ρ {least.rho:+.2f} (n {least.n})"
                )
        else:
            line = "No pair of rankings has 10 or more cities in common in our data."
        self.query_one("#agreement-best", Static).update(Text(printable(line)))
        self.query_one(Credits).show(infos)
        table.move_cursor(row=0, column=min(2, len(infos)))
        table.focus()

    def action_move(self, rows: int, columns: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(
            row=table.cursor_coordinate.row + rows,
            column=max(1, table.cursor_coordinate.column + columns),
        )

    def action_toggle_editions(self) -> None:
        self.editions = "all" if self.editions == "latest" else "latest"
        self._show()

    def action_open_pair(self) -> None:
        from .correlate import CorrelateScreen

        coordinate = self.query_one(DataTable).cursor_coordinate
        row, column = coordinate.row, coordinate.column - 1
        if column < 0 or row == column or not (0 <= row < len(self.infos)):
            self.app.notify("Pick a cell of two different rankings.", markup=False)
            return
        a, b = self.infos[row], self.infos[column]
        self.app.push_screen(CorrelateScreen(self.catalog, a.id, b.id))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open_pair()
