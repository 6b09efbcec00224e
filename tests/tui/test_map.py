"""`g`: a tab's view on the world map, a cell cursor, a cell's cities, their profiles (80×24)."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.catalog import bundled_data_dir
from cityrank_tui.core.filters import Filter, View
from cityrank_tui.tui.screens.dialogs import PickScreen
from cityrank_tui.tui.screens.main import MainScreen
from cityrank_tui.tui.screens.map import MapScreen
from cityrank_tui.tui.screens.profile import ProfileScreen
from tests.support.screen import line_with, screen_lines, write_config
from tests.support.waiting import wait_until

SIZE = (80, 24)
GII_2023 = ("3", "left_square_bracket", "left_square_bracket", "home")  # Tokyo–Yokohama first


def _coordinates(city_id: str) -> tuple[float, float]:
    cities = pl.read_parquet(bundled_data_dir() / "cities.parquet")
    return cities.filter(pl.col("city_id") == city_id).select("latitude", "longitude").row(0)


async def _open_map(pilot, *keys: str) -> MapScreen:
    await pilot.press(*keys, "g")
    await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, MapScreen) and pilot.app.screen.canvas.drawn,
        "the map drawn",
    )
    return pilot.app.screen


async def test_g_maps_the_view_with_the_cursor_on_the_highlighted_city(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_map(pilot, *GII_2023)
        drawn = screen.canvas.drawn
        assert screen.canvas.cursor == drawn.map.cell_of(*_coordinates("tokyo-jp"))
        assert line_with(app, "GII clusters 2023 · WIPO · 47 of 47 rows").startswith(" GII")
        cursor_line = line_with(app, "▶ ")
        assert "1 Tokyo–Yokohama: Tokyo, Japan" in cursor_line
        assert line_with(app, "Source: WIPO, Global Innovation Index 2023")  # the attribution
        # the digit under the cursor, where Tokyo's coordinates say
        left, top = screen.canvas.origin()
        x, y = screen.canvas.cursor
        canvas_top = screen.canvas.region.y
        assert screen_lines(app)[canvas_top + top + y][left + x] == "1"


async def test_cursor_keys_n_and_enter_reach_a_profile_and_esc_comes_back(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_map(pilot, *GII_2023)
        start = screen.canvas.cursor
        await pilot.press("right", "down")
        assert screen.canvas.cursor == (start[0] + 1, start[1] + 1)
        await pilot.press("left", "up")
        await pilot.press("n")
        assert screen.canvas.cursor != start and screen.held()  # the next cell holding a city
        seoul = screen.canvas.drawn.map.cell_of(*_coordinates("seoul-kr"))
        screen.put_cursor(*seoul)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the cell's list")
        labels = [c.label for c in app.screen.choices]
        assert "3 Seoul, South Korea" in labels
        await pilot.press(*["down"] * labels.index("3 Seoul, South Korea"), "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        assert app.screen.city.city_id == "seoul-kr"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen), "back on the map")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "back on the tab")


async def test_a_region_filter_zooms_the_map_to_its_cities(app):
    async with app.run_test(size=SIZE) as pilot:
        world = (await _open_map(pilot, *GII_2023)).canvas.drawn
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "back on the tab")
        app.screen.pane.set_view(View(Filter(region="Europe")))
        europe = (await _open_map(pilot)).canvas.drawn
        assert europe.map.degrees < world.map.degrees / 2
        assert "zoomed to region=Europe" in europe.title
        assert set(europe.subject.placed["country"]) <= {
            "United Kingdom", "France", "Germany", "Netherlands", "Switzerland", "Sweden",
            "Belgium", "Italy", "Spain", "Denmark", "Finland", "Austria", "Ireland", "Norway",
            "Russia", "Israel", "Poland",
        }  # fmt: skip
        assert not europe.map.outside and europe.map.cells


async def test_the_cities_tab_maps_its_rows_in_their_order(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_map(pilot, "1")
        assert screen.subject.title.startswith("Cities · ")
        assert "1–9 row of the view" in line_with(app, "1–9 row")
        first = app.screen_stack[0].cities_pane.table.current_row
        assert screen.held()[0].city_id == first["city_id"]  # the cursor on the row highlighted


async def test_ascii_terminal_draws_dots_and_letters_only(app, monkeypatch):
    monkeypatch.setattr("cityrank_tui.tui.screens.map.ascii_terminal", lambda: True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_map(pilot, *GII_2023)
        top = screen.canvas.region.y
        lines = screen_lines(app)[top : top + screen.canvas.size.height]
        assert all(line.isascii() for line in lines)
        assert any("." in line for line in lines) and any("1" in line for line in lines)
        assert "1-9 rank | o a city | O several | . land" in line_with(app, "1-9 rank")


async def test_the_map_key_is_remappable():
    write_config('[keys]\nmap = "w"\n')
    from cityrank_tui.tui.app import CityRankApp

    remapped = CityRankApp()
    async with remapped.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(remapped.screen, MapScreen), "the map on w")


async def test_an_opened_file_is_mapped_once_its_names_are_linked(tmp_path):
    from cityrank_tui.core.opened import OpenRequest, read_head
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.opening import start
    from tests.support.opening import MAPPING, excel_csv

    request = OpenRequest(excel_csv(tmp_path), mapping=MAPPING)
    app = CityRankApp(opening=start(read_head(request)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane and not app.screen.pane.status, "linked")
        screen = await _open_map(pilot)
        placed = screen.subject.placed
        assert placed.filter(pl.col("rank") == 3)["city_id"].to_list() == ["sao-paulo-br"]
        assert screen.canvas.drawn.map.cell_of(*_coordinates("sao-paulo-br")) in (
            screen.canvas.drawn.map.cells
        )
        # the rows linked to no known place are counted under the map, never drawn
        assert screen.subject.unplaced == 8 - placed["order"].n_unique()
        assert screen.subject.unplaced == 1  # Kleinstädtle: a name no gazetteer place has
        assert line_with(app, "(not a published index we hold)")  # the file's attribution
