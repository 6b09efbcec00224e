"""A RankTable's cursor set before the table is laid out (a hidden tab: `[`/`]` set it on the
other edition's table) is scrolled into view once the table has its size, not before: with no
height yet it scrolled as if one row fitted, hiding rank 1 and the rows above on a table that
fits. The fix is in RankTable itself; the screen no longer calls a workaround after layout."""

from __future__ import annotations

import polars as pl
from textual.app import App, ComposeResult
from textual.containers import Vertical

from cityrank_tui.tui.widgets.rank_table import Column, RankTable
from tests.support.waiting import wait_until


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield RankTable(frozen=1, id="table")


FRAME = pl.DataFrame(
    {"rank": list(range(1, 101)), "name": [f"City {n}" for n in range(1, 101)]}
).with_columns(pl.concat_list([pl.col("name")]).alias("city_ids"))


async def test_a_cursor_set_while_hidden_scrolls_once_the_table_is_shown():
    app = OneTable()
    async with app.run_test(size=(60, 40)) as pilot:
        box = app.query_one("#box")
        table = app.query_one(RankTable)
        box.display = False
        await pilot.pause()
        table.set_columns([Column("rank", "Rank", True), Column("name", "Name", False)], FRAME)
        table.set_rows(FRAME)
        table.cursor_row = 12  # within the first screenful of a 40-line table
        box.display = True
        await wait_until(pilot, lambda: table.size.height > 20, "laid out")
        await pilot.pause()
        assert table.scroll_offset.y == 0  # rank 1 still in view
        table.cursor_row = 80  # now laid out: scrolled just enough for row 81
        await wait_until(pilot, lambda: table.scroll_offset.y > 0, "scrolled to row 81")
        top = table.scroll_offset.y
        assert top <= 80 < top + table.visible_rows and top == 80 - table.visible_rows + 1
