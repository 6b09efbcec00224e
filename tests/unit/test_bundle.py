"""Every bundled edition against its source file; the gazetteer; the CLI over all families."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]


SOURCES = ROOT / "data" / "sources"


DECLARED = tomllib.loads((ROOT / "data" / "indexes.toml").read_text(encoding="utf-8"))


def _source(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


PLAIN = [i for i, info in DECLARED.items() if "file" in info]


def _source_path(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_declared_edition_is_bundled(catalog):
    assert len(DECLARED) == 29  # GPCI 2025 joined the 28 earlier editions
    assert [i for i in catalog.indexes if catalog.indexes[i].bundled] == list(DECLARED)


@pytest.mark.parametrize("index_id", PLAIN)
def test_row_count_matches_the_source_file(catalog, index_id):
    rows = _source(DECLARED[index_id]["file"])
    minimum = DECLARED[index_id].get("keep_min_sources")
    if minimum:  # GaWC 2024: only the rows two or more sources confirm
        rows = [r for r in rows if int(r["confirmation"].split()[0]) >= minimum]
    assert catalog.entries(index_id).height == len(rows)
    assert catalog.get(index_id).rows_bundled == len(rows)


def test_gawc_2024_bundles_only_the_confirmed_classes(catalog):
    frame = catalog.entries("gawc-2024")
    assert frame.height == 120
    assert set(frame["tier"]) == {"Alpha++", "Alpha+", "Alpha", "Alpha-", "Beta+", "Beta", "Beta-"}
    assert "not bundled" in catalog.get("gawc-2024").gaps


@pytest.mark.parametrize("index_id", PLAIN)
def test_every_figure_equals_the_source(catalog, index_id):
    """Every declared measure of every row is the source cell, or missing where the cell is empty."""
    info = DECLARED[index_id]
    frame = catalog.entries(index_id)
    rows = _source(info["file"])
    by_name: dict[tuple[str, str | None, str | None], list[dict[str, str]]] = {}
    country = info.get("country_column", "country")
    for r in rows:
        # the build drops spaces around a cell ("Wolfsburg " in GaWC 2020)
        r = {k: (v or "").strip() for k, v in r.items()}
        key = (r[info["name_column"]], r.get(country) or None, r.get("rank") or None)
        by_name.setdefault(key, []).append(r)
    for entry in frame.iter_rows(named=True):
        rank = str(entry["rank"]) if entry["rank"] is not None else None
        source = by_name[(entry["name"], entry["country"], rank)]
        assert len(source) == 1, entry["name"]
        cell = source[0]
        assert entry["source_url"] == cell["source_url"]
        for m in info["measures"]:
            column = m.get("column", m["id"])
            value = entry["tier"] if m["id"] == "tier" else entry[m["id"]]
            raw = cell.get(column if m["id"] != "tier" else info["tier_column"], "")
            if raw == "":
                assert value is None, (entry["name"], m["id"])
            elif m["kind"] in ("rank", "count"):
                assert value == int(raw), (entry["name"], m["id"])
            elif m["kind"] in ("score", "share"):
                assert value == float(raw), (entry["name"], m["id"])
            else:
                assert str(value) == raw, (entry["name"], m["id"])


@pytest.mark.parametrize(
    ("index_id", "name", "column", "value"),
    [
        ("oe-gci-2024", "London", "economics_rank", 7),
        ("oe-gci-2024", "New York", "quality_of_life_rank", 278),
        ("gawc-2020", "London", "score", 113344.0),
        ("gawc-2020", "Kuala Lumpur", "rank", 19),
        ("gpci-2023", "London", "cultural_interaction", 367.5799258027),
        ("gfci-38", "London", "score", 765.0),
        ("eiu-2025", "Copenhagen", "score", 98.0),
    ],
)
def test_spot_checks_against_the_publishers_figures(catalog, index_id, name, column, value):
    row = catalog.entries(index_id).filter(pl.col("name") == name).row(0, named=True)
    assert row[column] == value


def test_oe_2024_ranks_526_to_550_come_from_the_second_copy(catalog):
    """The first copy repeated 13 cities in ranks 526-550 (Shenzhen at 206 and 537); the
    bundled block is the second, independent copy: one rank per city, each row saying why."""
    frame = catalog.entries("oe-gci-2024")
    assert frame.filter(pl.col("name") == "Shenzhen")["rank"].to_list() == [206]
    assert frame.filter(pl.col("name") == "Kolkata")["rank"].to_list() == [528]
    assert frame.select("name", "country").n_unique() == frame.height  # Birmingham: UK and US
    block = frame.filter(pl.col("rank").is_between(526, 550))
    assert block.height == 25
    assert all("second, independent copy" in n for n in block["note"])


def test_values_left_empty_by_the_sources_stay_empty_and_say_why(catalog):
    for index_id, name in (("gii-2025", "Barcelona"), ("gii-2025", "Madrid")):
        row = catalog.entries(index_id).filter(pl.col("name") == name).row(0, named=True)
        assert row["rank"] is None and "disagree" in row["note"]
    paris = catalog.entries("gfci-37").filter(pl.col("name") == "Paris").row(0, named=True)
    assert paris["score"] is None and paris["rank"] is not None


def test_every_published_name_links_to_known_cities(catalog):
    known = set(catalog.cities["city_id"])
    for index_id in DECLARED:
        frame = catalog.entries(index_id)
        ids = set(frame["city_ids"].explode())
        assert ids <= known, (index_id, ids - known)
        assert frame["city_ids"].list.len().min() >= 1


def test_every_old_city_id_still_resolves(catalog):
    from cityrank_tui.core.cities import city_by_id

    old = [r["city_id"] for r in _source_path(ROOT / "tests" / "data" / "cities_2026-11.csv")]
    assert len(old) == 177
    for city_id in old:
        city = city_by_id(catalog, city_id)
        assert city is not None and city.city_id == city_id


def test_cities_carry_geonames_identity(catalog):
    london = catalog.cities.filter(pl.col("city_id") == "london-gb").row(0, named=True)
    assert london["geonameid"] == 2643743 and round(london["latitude"]) == 52
    assert london["subregion"] == "Northern Europe"


def test_every_iso_country_has_its_m49_region(catalog):
    countries = catalog.countries
    assert countries.height >= 249
    poland = countries.filter(pl.col("iso2") == "PL").row(0, named=True)
    assert (poland["m49_region"], poland["m49_subregion"]) == ("Europe", "Eastern Europe")
    iceland = countries.filter(pl.col("iso2") == "IS").row(0, named=True)
    assert iceland["m49_subregion"] == "Northern Europe"


def test_sort_accepts_the_label_and_rejects_other_indexes_fields(catalog):
    from cityrank_tui.core.errors import UsageError
    from cityrank_tui.core.filters import Sort

    assert Sort.parse("Publications", catalog.get("gii-2023")) == Sort("scientific_publications")
    assert Sort.parse("economics_rank:desc", catalog.get("oe-gci-2024")).descending
    with pytest.raises(UsageError, match="Publications"):
        Sort.parse("economics_rank", catalog.get("gii-2023"))


def test_class_only_index_sorts_by_class_then_name(catalog):
    from cityrank_tui.core.filters import View, apply

    info = catalog.get("gawc-2024")
    assert not info.ranked and info.columns[0] == "tier"
    frame = apply(catalog.entries("gawc-2024"), View())
    assert frame["tier_order"].is_sorted()
    alpha = frame.filter(pl.col("tier") == "Alpha")["name"].to_list()
    assert alpha == sorted(alpha)


def test_a_move_into_an_edition_of_unknown_size_says_so(catalog):
    from cityrank_tui.core.cities import city_by_id
    from cityrank_tui.core.profile import profile

    moves = profile(catalog, city_by_id(catalog, "london-gb")).movements
    gfci = next(m for m in moves if m.later.info.id == "gfci-35")
    assert gfci.text.endswith("(out of 121, then ?)")
