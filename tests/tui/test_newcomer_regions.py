"""`r` shows the publisher's own grouping beside the UN M49 one of the same name, labelled
(issue 24, item 14), at 80×24: ICI 2014's header speaks of 2thinknow's Asia (87 cities, Sydney
among them), the UN's Asia is another set (Tel Aviv in, Sydney out)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from textual.widgets import OptionList

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until

SIZE = (80, 24)
README = Path(__file__).parents[2] / "README.md"


def highlighted(app) -> str:
    return app.screen.choices[app.screen.query_one(OptionList).highlighted].label.strip()


async def test_the_publishers_asia_is_beside_the_uns_and_says_whose_it_is(catalog):
    rows = catalog.entries("ici-2014")
    un = rows.filter(pl.col("region") == "Asia").height
    theirs = rows.filter(pl.col("publisher_region") == "Asia")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        app.screen.goto_index("ici-2014")
        await wait_until(pilot, lambda: app.screen.pane.info.id == "ici-2014", "ICI")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "region picker")
        await pilot.press(*"asia")
        await pilot.pause()
        assert highlighted(app) == f"Asia ({un:,})"
        await pilot.press("down")
        await pilot.pause()
        assert highlighted(app) == f"Asia · 2thinknow ({theirs.height:,})"
        assert any(f"Asia · 2thinknow ({theirs.height:,})" in line for line in screen_lines(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.pane.view.filter.publisher_region, "picked")
        shown = app.screen.pane.result["name"].to_list()
        assert sorted(shown) == sorted(theirs["name"].to_list())
        assert "Sydney" in shown and "Tel Aviv" not in shown


def test_the_readme_example_says_which_asia_it_means():
    line = next(x for x in README.read_text().splitlines() if x.startswith("Asian NEXUS cities"))
    assert "`r` → Asia (the UN M49 region)" in line
