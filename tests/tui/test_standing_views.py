"""The Cities tab's edition rule (E) and the agreement screen's family matrix, driven by keys."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core import agreement
from cityrank_tui.core.matching import RULE_SHORT
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.agreement import AgreementScreen
from cityrank_tui.tui.screens.correlate import CorrelateScreen
from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.waiting import wait_until


def _header(app) -> str:
    return str(app.screen.query_one("#cities-header").render())


def _cell(app, city_id: str, column: str) -> object:
    frame = app.screen.cities_pane.frame
    return frame.filter(pl.col("city_id") == city_id).row(0, named=True)[column]


async def test_cities_tab_says_its_rule_and_switches_to_latest_only(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("C")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        assert "most recent edition that holds the city" in _header(app)
        assert _cell(app, "krakow-pl", "oe-gci") == "267/1,000 ’24"
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the editions picker")
        await pilot.press("down", "enter")  # "its latest edition only"
        await wait_until(
            pilot, lambda: "latest edition" in _header(app), "the header naming the new rule"
        )
        assert app.screen.cities_pane.cities.rule.latest_only
        assert _cell(app, "krakow-pl", "oe-gci") is None  # OE 2025 holds 10 cities
        await pilot.press("x")  # clearing the filters keeps the rule
        await pilot.press("q")
    again = CityRankApp()  # the rule is kept with the rest of the view, across restarts
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: again.screen.cities_pane is not None, "the Cities tab")
        assert again.screen.cities_pane.cities.rule.latest_only
        assert "latest edition" in _header(again)


async def test_a_family_held_to_one_edition_from_the_picker(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("C")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the editions picker")
        await pilot.press(*"OE-GCI 2025")  # type to find
        await pilot.press("enter")
        await wait_until(pilot, lambda: "oe-gci-2025" in _header(app), "the held edition named")
        assert app.screen.cities_pane.cities.rule.fixed == (("oe-gci", "oe-gci-2025"),)
        assert _cell(app, "london-gb", "oe-gci") == "2/1,000 ’25"


async def test_agreement_screen_names_each_cells_editions(app, catalog):
    matrix = agreement.matrix(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "the matrix")
        keys = [k for k, _ in matrix.rows]
        pair = matrix.pairs[(keys[0], keys[1])]
        cell = str(app.screen.query_one("#agreement-cell").render())
        assert pair.a.tab_label in cell and pair.b.tab_label in cell and str(pair.n) in cell
        best = str(app.screen.query_one("#agreement-best").render())
        top = agreement.ranked_pairs(matrix.unique_pairs)[0]
        assert top.a.family != top.b.family and agreement.brief(top, True) in best
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CorrelateScreen), "the scatter")
        text = str(app.screen.query_one("#disagreements").render())
        assert RULE_SHORT in text.replace("\n", " ")
