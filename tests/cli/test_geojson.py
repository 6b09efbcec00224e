"""GeoJSON and places in exports: every row of `show` and `cities` is a Feature at its cities'
GeoNames coordinates, or listed as not placed; nothing is dropped, nothing placed by guess.

Expected coordinates are GeoNames' own (geonames.org records 2643743 London, 1850147 Tokyo,
2988507 Paris), written here by hand; GeoNames ids are read from the register data/cities.csv,
and a cluster's members from the bundled cities file read directly, not through the app."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
GEONAMES = {  # id: (lat, lon), from geonames.org
    "london-gb": (2643743, 51.50853, -0.12574),
    "tokyo-jp": (1850147, 35.6895, 139.69171),
    "paris-fr": (2988507, 48.85341, 2.3488),
}
OE = "Oxford Economics, Global Cities Index 2024"


def register() -> dict[str, int]:
    with (DATA / "cities.csv").open(encoding="utf-8") as handle:
        return {r["city_id"]: int(r["geonameid"]) for r in csv.DictReader(handle) if r["geonameid"]}


def check_geojson(doc: dict) -> None:
    """The parts of RFC 7946 a reader relies on: a FeatureCollection of Features, each with a
    Point [lon, lat] or a MultiPoint of them, in range, and an object of properties."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        points = (
            [geometry["coordinates"]]
            if geometry["type"] == "Point"
            else geometry["coordinates"]
            if geometry["type"] == "MultiPoint"
            else pytest.fail(f"geometry {geometry['type']}")
        )
        for lon, lat in points:
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_show_top_10_is_valid_geojson_with_every_row_placed_or_listed(cli):
    code, out, err = cli("show", "oe-gci-2024", "--top", "10", "--format", "geojson")
    assert code == 0, err
    doc = json.loads(out)
    check_geojson(doc)
    props = doc["properties"]
    assert (
        len(doc["features"]) + len(props["not_placed"])
        == 10
        == props["placed"] + len(props["not_placed"])
    )
    assert [f["properties"]["rank"] for f in doc["features"]] == list(range(1, 11))
    assert any(OE in line for line in props["attribution"])
    london = next(f for f in doc["features"] if f["properties"]["city_ids"] == ["london-gb"])
    gid, lat, lon = GEONAMES["london-gb"]
    assert london["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
    assert london["properties"]["geonames_id"] == [gid] == [register()["london-gb"]]


def test_a_cluster_is_the_multipoint_of_its_members(cli):
    code, out, err = cli("show", "gii-2023", "--top", "1", "--format", "geojson")
    assert code == 0, err
    (feature,) = json.loads(out)["features"]
    ids = feature["properties"]["city_ids"]
    assert ids == ["tokyo-jp", "yokohama-jp"]
    cities = pl.read_parquet(DATA / "parquet" / "cities.parquet")
    expected = [
        [row["longitude"], row["latitude"]]
        for cid in ids
        for row in cities.filter(pl.col("city_id") == cid).iter_rows(named=True)
    ]
    assert feature["geometry"] == {"type": "MultiPoint", "coordinates": expected}
    assert expected[0] == [GEONAMES["tokyo-jp"][2], GEONAMES["tokyo-jp"][1]]
    assert feature["properties"]["geonames_id"] == [register()[c] for c in ids]


def test_show_csv_and_json_carry_lat_lon_and_geonames_id(cli):
    code, out, err = cli("show", "gpci-2023", "--search", "Paris", "--format", "csv")
    assert code == 0, err
    (row,) = list(csv.DictReader(out.splitlines()))
    gid, lat, lon = GEONAMES["paris-fr"]
    assert (row["lat"], row["lon"], row["geonames_id"]) == (str(lat), str(lon), str(gid))
    _, out, _ = cli("show", "gpci-2023", "--search", "Paris", "--format", "json")
    (record,) = json.loads(out)["rows"]
    assert (record["lat"], record["lon"], record["geonames_id"]) == ([lat], [lon], [gid])


def test_a_row_without_coordinates_is_listed_not_dropped(cli, tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text(
        "Rank,City,Country\n1,London,United Kingdom\n2,Gotham,US\n3,Tokyo,Japan\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(source), "--id", "mine", "--name", "Mine")
    assert code == 0, err
    code, out, err = cli("show", "mine", "--format", "geojson")
    assert code == 0, err
    doc = json.loads(out)
    check_geojson(doc)
    assert [f["properties"]["name"] for f in doc["features"]] == ["London", "Tokyo"]
    assert doc["properties"]["not_placed"] == [{"row": 2, "name": "Gotham"}]


def test_cities_geojson_places_every_city_it_can(cli):
    code, out, err = cli("cities", "--top", "5", "--format", "geojson")
    assert code == 0, err
    doc = json.loads(out)
    check_geojson(doc)
    assert len(doc["features"]) + len(doc["properties"]["not_placed"]) == 5
    london = next(f for f in doc["features"] if f["properties"]["city_id"] == "london-gb")
    _, lat, lon = GEONAMES["london-gb"]
    assert london["geometry"]["coordinates"] == [lon, lat]


def test_geojson_where_rows_are_not_places_is_one_line(cli, tmp_path):
    code, _, err = cli("city", "London", "--output", str(tmp_path / "london.geojson"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "not geojson" in err and "show and cities" in err
    assert not (tmp_path / "london.geojson").exists()


def test_show_writes_a_geojson_file_from_its_extension(cli, tmp_path):
    target = tmp_path / "top.geojson"
    code, _, err = cli("show", "gawc-2020", "--top", "3", "--output", str(target))
    assert code == 0, err
    doc = json.loads(target.read_text(encoding="utf-8"))
    check_geojson(doc)
    assert len(doc["features"]) == 3


def test_a_negative_coordinate_is_a_number_in_csv_not_a_guarded_formula(cli, tmp_path):
    """-74.00597 (New York's longitude) must not be written '-74.00597, as text that starts
    with - is (core/csvsafe.py): on the screen and in a file (polars' writer)."""
    code, out, err = cli("show", "gpci-2023", "--search", "New York", "--format", "csv")
    assert code == 0, err
    target = tmp_path / "ny.csv"
    assert cli("show", "gpci-2023", "--search", "New York", "--output", str(target))[0] == 0
    for text in (out, target.read_text(encoding="utf-8")):
        (row,) = list(csv.DictReader(text.splitlines()))
        assert row["lon"] == "-74.00597" and row["lat"] == "40.71427"


def test_the_apps_export_writes_geojson_and_places_in_every_format(tmp_path, catalog):
    """The `e` export: the rows of the view with their places, in GeoJSON as `show` writes it,
    and lat/lon/geonames_id in Parquet too."""
    from cityrank_tui.core.render import export_rows, write_export

    info = catalog.get("gpci-2023")
    frame = catalog.entries(info.id)
    rows = export_rows(frame, pl.Series([0, 1, 2]), info, catalog.cities)
    write_export(rows, info, "geojson", tmp_path / "view.geojson")
    doc = json.loads((tmp_path / "view.geojson").read_text(encoding="utf-8"))
    check_geojson(doc)
    assert [f["properties"]["rank"] for f in doc["features"]] == [1, 2, 3]
    gid, lat, lon = GEONAMES["london-gb"]
    assert doc["features"][0]["geometry"]["coordinates"] == [lon, lat]
    write_export(rows, info, "parquet", tmp_path / "view.parquet")
    back = pl.read_parquet(tmp_path / "view.parquet")
    assert back["geonames_id"].to_list()[0] == [gid]
