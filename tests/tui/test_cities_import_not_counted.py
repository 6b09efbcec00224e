"""The Cities tab with an import: its column is shown under its --name, and the header says in
one line that imports are not counted in the median (nor in N families)."""

from __future__ import annotations

from textual.widgets import Static

from cityrank_tui.cli import main
from cityrank_tui.core import cityview
from cityrank_tui.tui.app import CityRankApp
from tests.support.waiting import wait_until


async def test_the_cities_header_says_an_import_is_shown_not_counted(tmp_path, capsys):
    source = tmp_path / "mine.csv"
    source.write_text("Rank,City,Country\n1,Denver,USA\n2,Atlanta,USA\n3,Lagos,Nigeria\n")
    assert main(["import", str(source), "--id", "mine", "--name", "My list"]) == 0
    capsys.readouterr()
    app = CityRankApp()  # made after the import, so it reads it
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        pane = app.screen.cities_pane
        header = str(pane.query_one("#cities-header", Static).render())
        assert "My list: imports shown, not counted in the median" in header
        assert "a median of one figure sorts after medians of two or more" in header.lower()
        assert [c.label for c in pane.table.columns if c.key == "mine"] == ["My list"]
        denver = pane.frame.filter(pane.frame["name"] == "Denver").row(0, named=True)
        assert denver["mine#rank"] == 1 and denver[cityview.FIGURES] == 1  # OE's only
