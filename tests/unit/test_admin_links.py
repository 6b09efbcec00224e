"""A published state or province names the linked city's own admin area, or the build fails.

The expected places were read by hand: Peoria (Illinois) is GeoNames 4905687 at 40.69 N,
89.59 W (Peoria, Arizona is 5308480 at 33.58 N); Suzhou (Anhui) is 1793743 at 33.64 N, 116.98 E
(Suzhou, Jiangsu is 1886760 at 31.30 N); Taizhou (Zhejiang) is 8400694 at 28.66 N; São Gonçalo
(Rio de Janeiro state) is 3449072 at 22.83 S, 43.05 W (São Gonçalo do Amarante, Rio Grande do
Norte, is 3388713 at 5.79 S); Berhampore is Baharampur, West Bengal (1277820, 24.10 N, 88.25 E).
"""

from __future__ import annotations

import csv

import polars as pl
import pytest

from tests.support.build import DATA, build, gazetteer_world


@pytest.fixture(scope="module")
def world():
    from admin import AdminAreas, admin1_names

    gaz, geonames = gazetteer_world()
    admin = AdminAreas(admin1_names(list(geonames.by_id.values())), gaz.countries.keys)
    return gaz, geonames, admin


def _linked(catalog, index_id: str, name: str) -> dict:
    row = catalog.entries(index_id).filter(pl.col("name") == name).row(0, named=True)
    (city_id,) = row["city_ids"]
    return catalog.cities.filter(pl.col("city_id") == city_id).row(0, named=True)


@pytest.mark.parametrize(
    ("index_id", "name", "geonameid", "latitude", "longitude"),
    [
        ("gawc-2020", "Peoria (Illinois)", 4905687, 40.69, -89.59),
        ("oe-gci-2024", "Suzhou (Anhui)", 1793743, 33.64, 116.98),
        ("oe-gci-2024", "Suzhou (Jiangsu)", 1886760, 31.30, 120.60),
        ("oe-gci-2024", "Taizhou (Zhejiang)", 8400694, 28.66, 121.43),
        ("oe-gci-2024", "Taizhou (Jiangsu)", 1793505, 32.49, 119.91),
        ("oe-gci-2024", "São Gonçalo", 3449072, -22.83, -43.05),
        ("oe-gci-2024", "Berhampore", 1277820, 24.10, 88.25),
    ],
)
def test_bundled_names_link_to_the_place_they_name(
    catalog, index_id, name, geonameid, latitude, longitude
):
    city = _linked(catalog, index_id, name)
    assert city["geonameid"] == geonameid
    assert city["latitude"] == pytest.approx(latitude, abs=0.01)
    assert city["longitude"] == pytest.approx(longitude, abs=0.01)


def test_the_two_suzhous_and_taizhous_of_oe_2024_are_two_cities_each(catalog):
    frame = catalog.entries("oe-gci-2024")
    for base in ("Suzhou", "Taizhou"):
        rows = frame.filter(pl.col("name").str.starts_with(f"{base} ("))
        assert rows.height == 2
        assert rows["city_ids"].list.first().n_unique() == 2


def test_gawc_taizhou_says_the_source_does_not_name_its_province(catalog):
    row = catalog.entries("gawc-2020").filter(pl.col("name") == "Taizhou").row(0, named=True)
    assert "does not say which" in row["note"]


def test_a_qualifier_that_contradicts_the_link_is_named(world):
    gaz, geonames, admin = world
    arizona = {**gaz.cities["peoria-us"], "geo": geonames.by_id[5308480], "geonameid": 5308480}
    problem = admin.contradiction("Peoria (Illinois)", [arizona])
    assert problem is not None and "Illinois" in problem and "Arizona" in problem
    assert admin.contradiction("Peoria (Illinois)", [gaz.cities["peoria-us"]]) is None
    # a US postal code after a comma is a state too
    assert admin.contradiction("Chicago, IL", [gaz.cities["chicago-us"]]) is None
    assert "Arizona" in (admin.contradiction("Chicago, AZ", [gaz.cities["chicago-us"]]) or "")
    # China: the province in parentheses against GeoNames' admin1 of the linked city
    jiangsu = gaz.cities["suzhou-cn"]
    assert "Anhui" in (admin.contradiction("Suzhou (Anhui)", [jiangsu]) or "")
    assert admin.contradiction("Suzhou (Anhui)", [gaz.cities["suzhou-cn-1793743"]]) is None


def test_qualifiers_that_are_not_a_state_or_province_are_not_checked(world):
    gaz, _, admin = world
    # a country ('Taiwan' is also a GeoNames province name) or an abbreviation of one
    assert admin.contradiction("Kaohsiung (Taiwan)", [gaz.cities["kaohsiung-tw"]]) is None
    assert admin.contradiction("Valencia (Sp.)", [gaz.cities["valencia-es"]]) is None
    assert admin.contradiction("Birmingham (UK)", [gaz.cities["birmingham-gb"]]) is None


def test_each_part_of_a_unit_is_checked_against_its_own_city(world):
    gaz, _, admin = world
    pair = [gaz.cities["washington-us"], gaz.cities["baltimore-us"]]
    assert admin.contradiction("Washington, DC–Baltimore, MD", pair) is None
    swapped = [gaz.cities["baltimore-us"], gaz.cities["washington-us"]]
    assert admin.contradiction("Washington, DC–Baltimore, MD", swapped) is not None


def test_the_build_fails_on_a_contradicting_link(world, tmp_path):
    """The register as it was (Peoria -> Arizona) no longer builds, and says why."""
    from gazetteer import Gazetteer

    gaz, geonames, admin = world
    rows = list(csv.DictReader((DATA / "cities.csv").open(encoding="utf-8")))
    for row in rows:
        if row["city_id"] == "peoria-us":
            row["geonameid"] = "5308480"
    old = tmp_path / "cities.csv"
    with old.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    stale = Gazetteer.load(gaz.countries, geonames, old)
    info = build.tomllib.loads((DATA / "indexes.toml").read_text(encoding="utf-8"))["gawc-2020"]
    failures: list[str] = []
    build.complete("gawc-2020", info, build.csv_rows(info), stale, [], failures, admin)
    assert len(failures) == 1
    assert "Peoria (Illinois)" in failures[0] and "Arizona" in failures[0]


def test_a_published_province_error_is_kept_and_explained(catalog):
    """2thinknow prints Xi'an's province as Shanxi: the row stays, linked to Xi'an, saying so."""
    row = catalog.entries("ici-2014").filter(pl.col("name") == "Xi'an").row(0, named=True)
    assert row["state"] == "Shanxi" and row["city_ids"] == ["xian-cn"]
    assert "Shaanxi" in row["note"]
