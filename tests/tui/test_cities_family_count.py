"""The Cities tab's first line counted a user's import as a family ("16 families") while its
`m` picker said "of 15 families" and N and the median leave imports out: it now says
"15 families + 1 import"."""

from __future__ import annotations

from textual.widgets import Static

from cityrank_tui.cli import main
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.families import families
from cityrank_tui.tui.app import CityRankApp
from tests.support.waiting import wait_until


async def test_the_header_counts_published_families_and_imports_apart(tmp_path, capsys):
    published = len(families(Catalog().indexes.values()))  # bundled only: nothing imported yet
    source = tmp_path / "mine.csv"
    source.write_text("Rank,City,Country\n1,Denver,USA\n2,Atlanta,USA\n")
    assert main(["import", str(source), "--id", "mine", "--name", "My list"]) == 0
    capsys.readouterr()
    app = CityRankApp()  # made after the import, so it reads it
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        header = str(app.screen.cities_pane.query_one("#cities-header", Static).render())
        first = header.splitlines()[0]
        assert f" · {published} families + 1 import · " in first, first
