"""The world map puts each city in the cell its coordinates say, and says what it cannot place.

Expected cells are computed here from each city's GeoNames latitude and longitude (read from the
bundled cities file) with the map's published geometry: the world spans 180°W–180°E and
58°S–84°N, one number of degrees per braille dot both ways, 2×4 dots a cell.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from cityrank_tui.core import worldmap
from cityrank_tui.core.catalog import bundled_data_dir

CITIES = {"seoul-kr": 1, "sydney-au": 2, "sao-paulo-br": 3, "reykjavik-is": 4}


@pytest.fixture(scope="module")
def land():
    return worldmap.load_land(bundled_data_dir())


@pytest.fixture(scope="module")
def cities():
    return pl.read_parquet(bundled_data_dir() / "cities.parquet")


def cities_schema():
    return pl.read_parquet_schema(bundled_data_dir() / "cities.parquet").items()


def _view(rows: list[tuple[int | None, str, list[str]]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rank": [r for r, _, _ in rows],
            "name": [n for _, n, _ in rows],
            "city_ids": [ids for _, _, ids in rows],
        },
        schema={"rank": pl.Int32, "name": pl.String, "city_ids": pl.List(pl.String)},
    )


def _expected_cell(lat: float, lon: float, cols: int, rows: int) -> tuple[int, int]:
    degrees = max(360 / (2 * cols), (84 - -58) / (4 * rows))  # per dot, the same both ways
    return math.floor((lon + 180) / (2 * degrees)), math.floor((84 - lat) / (4 * degrees))


def _where(lines: list[str], mark: str) -> list[tuple[int, int]]:
    return [(x, y) for y, line in enumerate(lines) for x, ch in enumerate(line) if ch == mark]


@pytest.mark.parametrize(("cols", "rows"), [(80, 18), (120, 32), (200, 50)])
def test_each_city_is_in_the_cell_its_coordinates_say(land, cities, cols, rows):
    view = _view([(rank, city_id, [city_id]) for city_id, rank in CITIES.items()])
    placed, unplaced = worldmap.places(view, cities)
    assert unplaced == 0
    drawn = worldmap.draw(placed, land, cols, rows)
    lines = drawn.lines()
    for city_id, rank in CITIES.items():
        lat, lon = (
            cities.filter(pl.col("city_id") == city_id).select("latitude", "longitude").row(0)
        )
        assert _where(lines, str(rank)) == [_expected_cell(lat, lon, cols, rows)], city_id


def test_the_world_keeps_its_shape_and_land_is_where_land_is(land):
    nothing, _ = worldmap.places(_view([]), pl.DataFrame(schema=dict(cities_schema())))
    drawn = worldmap.draw(nothing, land, 120, 40)
    assert (drawn.cols, drawn.rows) == (120, 24)  # 1.5° a dot: 142° of latitude is 24 rows
    sahara = _expected_cell(23.0, 10.0, 120, 24)
    pacific = _expected_cell(0.0, -140.0, 120, 24)
    assert drawn.lines()[sahara[1]][sahara[0]] == "⣿"
    assert drawn.lines()[pacific[1]][pacific[0]] == " "
    ascii_lines = drawn.lines(ascii_only=True)
    assert ascii_lines[sahara[1]][sahara[0]] == "."
    assert all(ch in " ." for line in ascii_lines for ch in line)


def test_a_cluster_marks_each_member_and_a_crowded_cell_counts(land, cities):
    view = _view(
        [
            (1, "Tokyo–Yokohama", ["tokyo-jp", "yokohama-jp"]),
            (12, "Seoul", ["seoul-kr"]),
            (30, "Busan", ["busan-kr"]),
            (40, "Daegu", ["daegu-kr"]),
            (50, "Nowhere", ["no-such-city-xx"]),
            (60, "Unlinked", []),
        ]
    )
    placed, unplaced = worldmap.places(view, cities)
    pins = worldmap.to_pins(placed)
    assert unplaced == 2  # the unknown id and the row with no city: said, not drawn
    assert {p.city_id for p in pins if p.entry == "Tokyo–Yokohama"} == {"tokyo-jp", "yokohama-jp"}
    drawn = worldmap.draw(placed, land, 40, 10)  # 9° a dot: Tokyo and Yokohama share a cell
    tokyo = drawn.cell_of(35.6895, 139.69171)
    assert tokyo is not None and drawn.mark(*tokyo) == "1"
    korea = {drawn.cell_of(p.lat, p.lon) for p in pins if p.country == "South Korea"}
    assert len(korea) == 1  # all three in one cell: a count, no rank shown (none is top 9)
    (cell,) = korea
    assert cell is not None
    assert drawn.mark(*cell) == "³" and drawn.mark(*cell, ascii_only=True) == "O"
    assert [p.city for p in drawn.pins_at(*cell)] == ["Seoul", "Busan", "Daegu"]


def test_a_top_nine_city_behind_a_better_one_is_named(land, cities):
    view = _view([(3, "San Jose", ["san-jose-us"]), (8, "San Francisco", ["san-francisco-us"])])
    placed, _ = worldmap.places(view, cities)
    drawn = worldmap.draw(placed, land, 80, 18)
    assert [(hidden.city, shown.city) for hidden, shown in drawn.hidden()] == [
        ("San Francisco", "San Jose")
    ]


def test_a_place_filter_zooms_to_the_view_and_crosses_the_date_line(land):
    europe = worldmap.extent_of([51.5, 55.8, 38.7], [-0.1, 37.6, -9.1])  # London, Moscow, Lisbon
    assert -9.1 > europe.west > -30 and 37.6 < europe.east < 60
    pacific = worldmap.extent_of([-36.8, 21.3], [174.8, -157.9])  # Auckland, Honolulu
    assert pacific.east - pacific.west < 90  # the short way, across 180°
    two = pl.DataFrame(
        {
            "order": [0, 1],
            "rank": [1, 2],
            "entry": ["Auckland", "Honolulu"],
            "city_id": ["a", "h"],
            "city": ["Auckland", "Honolulu"],
            "country": ["", ""],
            "lat": [-36.8, 21.3],
            "lon": [174.8, -157.9],
            "tier": ["", ""],
        }
    )
    drawn = worldmap.draw(two, land, 80, 20, pacific)
    assert not drawn.outside and len(drawn.cells) == 2
    for rank, lat, lon in ((1, -36.8, 174.8), (2, 21.3, -157.9)):
        cell = drawn.cell_of(lat, lon)
        assert cell is not None and drawn.mark(*cell) == str(rank)


def test_a_class_stands_where_a_classification_has_no_rank(cities):
    view = pl.DataFrame(
        {"rank": [None], "name": ["London"], "city_ids": [["london-gb"]], "tier": ["Alpha++"]},
        schema={
            "rank": pl.Int32,
            "name": pl.String,
            "city_ids": pl.List(pl.String),
            "tier": pl.String,
        },
    )
    placed, _ = worldmap.places(view, cities)
    (pin,) = worldmap.to_pins(placed)
    assert pin.label == "Alpha++ London, United Kingdom" and pin.rank is None
