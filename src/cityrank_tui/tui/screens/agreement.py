"""Which rankings agree: Spearman's ρ for every pair of families, as a matrix with a cell cursor.

Cells read without colour (a signed figure and a shade glyph); Enter on a cell opens the
correlation view of that pair, with the same figure. The matrix is small (one row and column per
family or edition), so Textual's DataTable is used here, never for an index.
"""

from __future__ import annotations

import itertools
import sys
import threading
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ...core import agreement
from ...core.catalog import Catalog
from ...core.render import printable
from ...termout import can_show
from ..base import AppScreen
from ..commands import screen_bindings
from ..widgets.credits import Credits
from ..widgets.cut_table import CutTable
from ..widgets.footer import KeyFooter


def ascii_terminal() -> bool:
    """Whether the terminal's encoding lacks the shades (Textual draws on stderr)."""
    return not can_show(sys.__stderr__, agreement.GLYPHS)


SHORT = 20  # lines: below this the title, legend and best pair keep to a line each
# The editions key's footer word: the way to the other choice, never the one shown.
SWITCH_TO = {"overlap": "All editions", "all": "By family"}

MARGIN = "margin"  # the blank column after the last


class AgreementScreen(AppScreen):
    SCOPE = "agreement"
    BINDINGS = screen_bindings(SCOPE)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(classes="city-screen")
        self.catalog = catalog
        self.editions = "overlap"
        self._cache: dict[str, agreement.Matrix] = {}
        self.ascii_only = ascii_terminal()
        self._title, self._best = Text(), Text()
        # one observer for both modes (they share most pairs); the lock keeps the idle worker
        # below and a key's own computation from running at once (a key waits for the worker)
        self._observer = agreement.Observer(catalog)
        self._computing = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static("", id="agreement-title", classes="screen-title", markup=False)
        yield CutTable(id="agreement-table", cursor_type="cell", zebra_stripes=False)
        yield Static("", id="agreement-cell", classes="screen-title", markup=False)
        yield Static("", id="agreement-best", classes="screen-title", markup=False)
        yield Credits((), id="agreement-credits")
        yield KeyFooter()  # keeps help and quit when the line is short

    def on_mount(self) -> None:
        self._show()
        self.call_after_refresh(self._warm_other)

    def _warm_other(self) -> None:
        """Compute the other editions mode on a worker thread while the user reads this one, so
        that its key shows it at once (a failure there is met again, and said, on the key)."""
        other = "all" if self.editions == "overlap" else "overlap"
        self.run_worker(
            lambda: self.matrix_for(other), thread=True, group="warm", exit_on_error=False
        )

    def matrix_for(self, editions: str) -> agreement.Matrix:
        """The matrix of an editions mode: computed once, then kept."""
        with self._computing:
            if editions not in self._cache:
                self._cache[editions] = agreement.matrix(
                    self.catalog, editions, observer=self._observer
                )
            return self._cache[editions]

    def on_resize(self) -> None:
        self._fit_texts()

    def _fit_texts(self) -> None:
        """The title, legend and best pair wrapped; on a short screen (60×16) one line each,
        cut with …, and the pairing rule left out (a taller screen and `cityrank-tui
        agreement` show it), so the matrix keeps its rows (it had none)."""
        title, best = self._title.copy(), self._best.copy()
        if self.size.height and self.size.height < SHORT:
            lines = title.split("\n")[:2]
            for line in [*lines, best]:
                line.no_wrap, line.overflow = True, "ellipsis"
            title = Text("\n").join(lines)
        for selector, text in (("#agreement-title", title), ("#agreement-best", best)):
            shown = self.query_one(selector, Static)
            shown.styles.text_wrap = "nowrap" if self.size.height < SHORT else "wrap"
            shown.styles.text_overflow = "ellipsis"
            shown.update(text)

    def _matrix(self) -> agreement.Matrix:
        return self.matrix_for(self.editions)

    def _show(self) -> None:
        result = self._matrix()
        self.result = result
        self.keys = [key for key, _ in result.rows]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.fixed_columns = 1
        table.add_column("", key="label")
        for key, label in result.rows:
            table.add_column(printable(label), key=key)
        # a blank margin as wide as a column, so the last columns too can be scrolled to a
        # column's edge (see _whole_columns); the cursor never stays on it
        table.add_column("", key=MARGIN, width=max(len(printable(lb)) for _, lb in result.rows) + 6)
        for a, label in result.rows:
            cells = [Text(printable(label), style="bold")]
            cells += [
                Text("·") if a == b else Text(result.pairs[(a, b)].cell_text(self.ascii_only))
                for b in self.keys
            ]
            cells.append(Text(""))
            table.add_row(*cells, key=a)
        infos = list(dict.fromkeys(i for p in result.unique_pairs for i in (p.a, p.b)))
        self._title = Text.assemble(
            ("Which rankings agree", "bold"),
            " · pairs via fullest editions" if self.editions == "overlap" else " · every edition",
            f" · {self.shown_key('editions')}: switch · {self.shown_key('open')}: scatter\n",
            "\n".join(agreement.legend(infos, short=True, ascii_only=self.ascii_only)),
        )
        best = agreement.ranked_pairs(result.unique_pairs)
        by_family = self.editions == "overlap"
        if best:
            line = f"Most agreeing: {agreement.brief(best[0], by_family)}"
            if len(best) > 1:
                line += f" · least: {agreement.brief(best[-1], by_family)}"
        else:
            line = "No pair of two families has 10 or more entries in common in our data."
        self._best = Text(printable(line))
        self._fit_texts()
        self.query_one(Credits).show(infos)
        table.move_cursor(row=0, column=min(2, len(self.keys)))
        table.focus()
        self._describe_cell()
        self._label_editions_key()

    def _label_editions_key(self) -> None:
        """The footer names the choice the key switches to ('By family' while every edition is
        shown): a label naming the choice on show read as if it were not."""
        wanted = SWITCH_TO[self.editions]
        bindings = self._bindings.key_to_bindings
        for key, held in list(bindings.items()):
            if any(b.id == "agreement.editions" and b.description != wanted for b in held):
                # a new list: the class's bindings map shares its lists with every instance
                bindings[key] = [
                    replace(b, description=wanted) if b.id == "agreement.editions" else b
                    for b in held
                ]
        self.refresh_bindings()

    def _cell_pair(self) -> agreement.Pair | None:
        coordinate = self.query_one(DataTable).cursor_coordinate
        row, column = coordinate.row, coordinate.column - 1
        if column < 0 or row == column or not (0 <= row < len(self.keys)):
            return None
        if not (0 <= column < len(self.keys)):
            return None
        return self.result.pairs[(self.keys[row], self.keys[column])]

    def _describe_cell(self) -> None:
        """The highlighted cell's two editions and its n: the matrix labels families."""
        pair = self._cell_pair()
        text = ""
        if pair is not None:
            text = pair.detail
        self.query_one("#agreement-cell", Static).update(Text(printable(text)))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        if event.coordinate.column > len(self.keys):  # the margin: back to the last column
            self.query_one(DataTable).move_cursor(column=len(self.keys))
            return
        self._describe_cell()
        self.call_after_refresh(self._whole_columns)

    def _whole_columns(self) -> None:
        """Scroll sideways by whole columns: a column cut at the left edge left its tail (a
        stray 'few') beside the row labels. The cursor's column stays in view: it starts at
        or after the column boundary rounded up to."""
        table = self.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        fixed = sum(widths[: table.fixed_columns])
        starts = list(itertools.accumulate(widths, initial=0))[table.fixed_columns : len(widths)]
        x = round(table.scroll_x)
        up = [s - fixed for s in starts if s - fixed >= x and s - fixed <= table.max_scroll_x]
        down = [s - fixed for s in starts if s - fixed <= x]
        snapped = up[0] if up else down[-1] if down else x
        if snapped != x:
            table.scroll_to(x=snapped, animate=False, immediate=True)

    def action_move(self, rows: int, columns: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(
            row=table.cursor_coordinate.row + rows,
            column=max(1, table.cursor_coordinate.column + columns),
        )

    def action_toggle_editions(self) -> None:
        self.editions = "all" if self.editions == "overlap" else "overlap"
        self._show()

    def action_open_pair(self) -> None:
        from .correlate import CorrelateScreen

        pair = self._cell_pair()
        if pair is None:
            self.app.notify("Pick a cell of two different rankings.", markup=False)
            return
        self.app.push_screen(CorrelateScreen(self.catalog, pair.a.id, pair.b.id))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open_pair()
