"""One search owner for every tab (search_pane.SearchPane): Esc puts back the view and the
cursor's row from before the search on the Cities tab too (its copy of the search code had
drifted: the cursor went back to row 1), as on an index tab."""

from __future__ import annotations

import pytest

from cityrank_tui.tui.app import CityRankApp
from tests.support.waiting import wait_until


@pytest.mark.parametrize("tab", ["cities", "index"])
async def test_esc_puts_the_cursor_back_on_its_row(tab):
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1" if tab == "cities" else "2")
        if tab == "cities":
            await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
            pane = app.screen.cities_pane
        else:
            await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
            pane = app.screen.pane
        await wait_until(pilot, lambda: pane.table.row_count > 8, "rows")
        await pilot.press(*["down"] * 6)
        await wait_until(pilot, lambda: pane.table.cursor_row == 6, "row 7")
        name = pane.table.current_row["name"]
        await pilot.press("slash", *"on")
        await wait_until(pilot, lambda: pane.view.filter.text == "on", "live filter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not pane.searching, "closed")
        assert pane.view.filter.text == ""
        assert pane.table.cursor_row == 6 and pane.table.current_row["name"] == name
