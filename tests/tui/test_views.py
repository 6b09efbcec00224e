"""Pilot tests for the Cities tab (the first tab; C or 1) and the agreement matrix (A), at 80×24
and 120×40."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cityrank_tui.core import agreement, cityview
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.screens.agreement import AgreementScreen
from cityrank_tui.tui.screens.correlate import CorrelateScreen
from cityrank_tui.tui.screens.main import MainScreen
from cityrank_tui.tui.screens.profile import ProfileScreen
from cityrank_tui.tui.widgets.cities_pane import CitiesPane
from cityrank_tui.tui.widgets.tab_strip import TabStrip
from tests.support.waiting import saved_state, wait_until

SIZES = [(80, 24), (120, 40)]


def screen_lines(app) -> list[str]:
    table = app.screen.cities_pane.table
    return [table.render_line(y).text for y in range(0, table.size.height)]


def summary(app) -> str:
    return str(app.screen.query_one("#cities-summary").render())


@pytest.mark.parametrize("size", SIZES)
async def test_cities_view_lists_every_city_with_each_family(app, catalog, size):
    table = cityview.city_table(catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and isinstance(app.screen.cities_pane, CitiesPane)
        assert app.screen.query_one(TabStrip).render().plain.startswith(" Cities ")  # the first
        lines = screen_lines(app)
        header = lines[0]
        assert "City" in header and table.families[0].label in header
        assert f"{table.frame.height:,} of {table.frame.height:,} cities" in summary(app)
        best = cityview.view(table, cityview.CityFilter(), (cityview.MEDIAN, True)).row(
            0, named=True
        )
        assert lines[1].startswith("▶") and best["name"] in lines[1]


async def test_cities_view_filters_by_region_and_min_families_then_opens_a_profile(app, catalog):
    table = cityview.city_table(catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("r", "down", "down", "down", "enter")  # (any), Africa, Americas, Asia
        await pilot.pause()
        asia = cityview.view(table, cityview.CityFilter(region="Asia"), (cityview.MEDIAN, True))
        assert f"{asia.height:,} of {table.frame.height:,} cities · region Asia" in summary(app)
        await pilot.press("m", "down", "down", "enter")  # (any number), 1, 2
        await pilot.pause()
        two = cityview.view(
            table, cityview.CityFilter(region="Asia", min_families=2), (cityview.MEDIAN, True)
        )
        assert f"{two.height:,} of" in summary(app) and "in at least 2 families" in summary(app)
        first = two.row(0, named=True)
        assert first["name"] in screen_lines(app)[1]
        await pilot.press("b")
        await pilot.pause()
        assert first["city_id"] in Bookmarks.load().items
        assert screen_lines(app)[1].startswith("▶★")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen) and app.screen.city.city_id == first["city_id"]
        await pilot.press("escape", "x")
        await pilot.pause()
        assert f"{table.frame.height:,} of {table.frame.height:,}" in summary(app)
        app.open_profile(first["city_id"])
        await pilot.pause()
        await pilot.press("C")  # from a profile too: the screens above close, the tab shows
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.cities_pane is not None


async def test_cities_view_bookmarked_only_and_sort(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert "0 of" in summary(app) and "bookmarked only" in summary(app)
        assert "No city matches" in "\n".join(screen_lines(app))
        await pilot.press("f", "o", "home", "enter")  # the picker opens on the current sort
        await pilot.pause()
        assert "sorted by City" in summary(app)
        names = [line[3:20].strip() for line in screen_lines(app)[1:6]]
        assert names == sorted(names, key=str.casefold)


async def test_cities_view_and_tab_are_where_they_were_after_a_restart(app, catalog):
    from cityrank_tui.tui.app import CityRankApp

    table = cityview.city_table(catalog)
    asia = cityview.view(table, cityview.CityFilter(region="Asia"), (cityview.MEDIAN, True))
    shown = f"{asia.height:,} of {table.frame.height:,} cities · region Asia"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("r", "down", "down", "down", "enter")  # (any), Africa, Americas, Asia
        await pilot.pause()
        assert shown in summary(app)
        await pilot.press("q")
    again = CityRankApp()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.cities_pane is not None  # it starts on the Cities tab
        assert shown in summary(again)


@pytest.mark.parametrize("size", SIZES)
async def test_agreement_matrix_and_enter_opens_the_pair(app, catalog, size):
    matrix = agreement.matrix(catalog)  # one row per family, each pair its fullest overlap
    keys = [key for key, _ in matrix.rows]
    async with app.run_test(size=size) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        table = app.screen.query_one(DataTable)
        # the labels, a column a family, and the blank margin that lets h/l scroll by whole columns
        assert table.row_count == len(keys) and len(table.columns) == len(keys) + 2
        first_pair = matrix.pairs[(keys[0], keys[1])]
        assert str(table.get_cell_at((0, 2))) == first_pair.cell
        assert first_pair.a.tab_label in str(app.screen.query_one("#agreement-cell").render())
        await pilot.press("enter")  # the cursor starts on row 1, column 2
        await pilot.pause()
        assert isinstance(app.screen, CorrelateScreen)
        assert (app.screen.result.a.id, app.screen.result.b.id) == (
            first_pair.a.id,
            first_pair.b.id,
        )
        assert app.screen.result.rho == first_pair.rho
        await pilot.press("escape", "a")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == len(catalog.indexes)


async def test_the_cities_tab_is_tab_1_and_its_filters_survive_a_killed_terminal(catalog):
    from cityrank_tui.tui.app import CityRankApp

    table = cityview.city_table(catalog)
    nordic = cityview.view(
        table,
        cityview.CityFilter(region="Northern Europe", min_families=3),
        (cityview.MEDIAN, True),
    )
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.pane.info.id == "ici-2014"  # the first run opens on the first family
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.cities_pane is not None
        assert app.screen.query_one(TabStrip).active == "@cities"
        await pilot.press("r", *"Northern E", "enter")  # letters jump to the choice
        await pilot.pause()
        await pilot.press("m", "down", "down", "down", "enter")  # (any), 1, 2, 3
        await pilot.pause()
        assert (
            f"{nordic.height} of {table.frame.height:,} cities · region Northern Europe · "
            "in at least 3 families" in summary(app)
        )
        await pilot.press("2")  # another tab, then back: the view is the tab's own
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert summary(app).startswith(f"{nordic.height} of")
        await wait_until(  # saved (debounced) without quitting: the terminal may be killed
            pilot,
            lambda: 'last_tab = "@cities"' in saved_state() and "min_families = 3" in saved_state(),
            "state.toml holds the Cities tab and its view",
        )
    again = CityRankApp()
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert again.screen.cities_pane is not None  # it reopens where it was left
        assert summary(again).startswith(f"{nordic.height} of {table.frame.height:,} cities")
        assert nordic.row(0, named=True)["name"] in screen_lines(again)[1]
        await pilot.press("left_square_bracket")  # no editions here: it says so
        await wait_until(
            pilot,
            lambda: any(
                "E chooses which edition" in str(toast.render())
                for toast in again.screen.query("Toast")
            ),
            "a toast says the Cities tab has no editions",
        )
