"""What a new user hits in the first hour (issue 14), driven with Pilot at the sizes they used."""

from __future__ import annotations

import pytest

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.tui.app import CityRankApp


def screen_lines(app) -> list[str]:
    """The text the terminal shows now, line by line (what the user sees, scrollbars and all)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def cursor_shown(app) -> bool:
    """The cursor's row (▶ in the table's first column) is on screen, not under a scrollbar."""
    pane = app.screen.pane
    table = pane.table
    top = table.region.y
    name = pane.table.current_row["name"]
    lines = screen_lines(app)[top : top + table.region.height]
    return any(line.startswith("▶") and name[:10] in line for line in lines)


INDEX_IDS = list(Catalog().indexes)


KEY_RUNS = (["G"], ["pagedown"], ["j"] * 20, ["G", "pageup", "pagedown"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_cursor_row_stays_above_the_horizontal_scrollbar(size):
    """G, PgDn and j past the last row shown leave ▶ on screen, on every tab."""
    app = CityRankApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for index_id in INDEX_IDS:
            app.screen.goto_index(index_id)
            await pilot.pause()
            table = app.screen.pane.table
            for keys in KEY_RUNS:
                table.cursor_row = 0
                await pilot.press(*keys)
                await pilot.pause()
                assert cursor_shown(app), (index_id, keys, table.cursor_row)
