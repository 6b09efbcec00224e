"""Importing your own index (CSV, TSV, Parquet, Excel), removing it, and exporting views."""

from __future__ import annotations

import os

from cityrank_tui.tui.app import CityRankApp
from tests.support.importing import imported, write
from tests.support.screen import wait_for_export


async def test_imported_index_is_a_tab_that_filters_bookmarks_and_exports(cli, tmp_path):
    imported(cli, write(tmp_path, "csv"))
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.goto_index("my-gawc-2024")  # the tab after the 28 bundled ones
        await pilot.pause()
        pane = app.screen.pane
        assert pane.info.id == "my-gawc-2024"
        lines = [pane.table.render_line(y).text for y in range(1, 8)]
        assert any(
            "[red]x[/red]\\x1b" in line for line in lines
        )  # shown literally, escape made visible
        pane.change(tiers=("Beta",))
        await pilot.pause()
        assert pane.result["name"].to_list() == ["Gotham", "zurich"]
        await pilot.press("b")  # bookmark Gotham, a city first seen in this import
        await pilot.pause()
        assert "my-gawc-2024:gotham-us" in app.bookmarks
        target = tmp_path / "out.csv"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # CSV
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for_export(app)  # the file is written on a worker thread
        await pilot.pause()
    lines = target.read_text().splitlines()
    assert (
        lines[0].startswith("index,rank,")
        and lines[0].endswith(",attribution,view")  # the view in words, as `show` writes it
        and len(lines) == 3
        and "Imported by the user from gawc.csv; check the publisher's terms.," in lines[-1]
    )  # the attribution is a column, not a trailing line a spreadsheet reads as a row
    assert os.path.exists(target)
