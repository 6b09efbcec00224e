"""The profile and the comparison screen print a figure as `show`, `city` and `compare` do
(tests/cli/test_same_figure.py), and every screen of figures names their publishers.

Expected strings are written by hand from the source CSVs: gpci_2023.csv has London
1646.7303259914 (score), 336.2100200577 (economy) and Paris 253.0616720593 (economy), each
declared with one decimal; the imported file below holds 1,234.5 and 85.25, so its scores show
at two decimals, the most it was written with (1,234.50)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from cityrank_tui.cli import main
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.cities import city_by_id
from cityrank_tui.core.profile import profile
from cityrank_tui.store import paths
from cityrank_tui.tui.screens.agreement import AgreementScreen
from cityrank_tui.tui.screens.compare import CompareScreen
from cityrank_tui.tui.texts import profile_text
from cityrank_tui.tui.widgets.credits import Credits
from tests.support.waiting import wait_until

GAWC_ACKNOWLEDGEMENT = "constitute Dataset 31 of the Globalization and World Cities (GaWC)"


@pytest.fixture
def imported(tmp_path, capsys):
    source = tmp_path / "mine.csv"
    source.write_text(
        'Rank,City,Country,Score\n1,London,United Kingdom,"1,234.5"\n2,Paris,France,85.25\n',
        encoding="utf-8",
    )
    assert main(["import", str(source), "--id", "mine", "--name", "Mine"]) == 0
    capsys.readouterr()


def _profile_line(city_id: str, start: str) -> str:
    catalog = Catalog(user_dir=paths.data_dir())  # with the user's imports
    city = city_by_id(catalog, city_id)
    assert city is not None
    body = profile_text(profile(catalog, city), {}).plain
    return next(line for line in body.splitlines() if line.startswith(start))


def test_profile_prints_declared_decimals_and_an_imports_own_precision(imported):
    assert _profile_line("london-gb", "GPCI 2023").split()[-1] == "1,646.7"
    assert _profile_line("london-gb", "Mine").split()[-1] == "1,234.50"
    assert _profile_line("paris-fr", "Mine").split()[-1] == "85.25"  # not 85


def _credits(screen) -> str:
    return str(screen.query_one(Credits).query_one(Static).render())


async def test_comparison_screen_prints_figures_as_compare_does_and_names_publishers(imported, app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.picks = ["london-gb", "paris-fr"]
        app.action_compare()
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "comparison")
        table = app.screen.query_one(DataTable)
        rows = {
            (str(r[1]), str(r[2])): [str(c) for c in r[3:]]
            for r in (table.get_row_at(n) for n in range(table.row_count))
        }
        assert rows[("GPCI 2023", "Score")] == ["● 1,646.7", "  1,363.7"]
        assert rows[("GPCI 2023", "Economy")] == ["● 336.2", "  253.1"]
        assert rows[("Mine", "Score")] == ["● 1,234.50", "  85.25"]  # the import by its --name
        credits = _credits(app.screen)
        assert "Global Power City Index 2023" in credits and GAWC_ACKNOWLEDGEMENT in credits
        assert "Imported by the user from mine.csv" in credits


async def test_agreement_screen_and_cities_tab_name_their_publishers(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        credits = _credits(app.screen.cities_pane)
        assert GAWC_ACKNOWLEDGEMENT in credits and "Oxford Economics" in credits
        app.action_agreement()
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "agreement")
        credits = _credits(app.screen)
        assert GAWC_ACKNOWLEDGEMENT in credits and "Z/Yen Group" in credits
