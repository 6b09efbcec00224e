"""Linking names to cities gives the same ids and links for the same file, whatever the speed
work on it: a small file that holds every kind of link is checked against what the importer
gave before that work (tests/data/linking_*.csv, written by this test with --regen)."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core import importer
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.reading import read_table
from cityrank_tui.store import userindexes

DATA = Path(__file__).resolve().parents[1] / "data"
# Bundled names, accents, case and aliases; several bundled cities of one name with and
# without a country; GeoNames places (one, several, with a country); unknown names, repeated,
# with a known, an unknown and no country; names that differ only in punctuation.
ROWS = """Rank,City,Country,Tier
1,London,GB,A
2,zürich,Switzerland,A
3,ZURICH,,A
4,Bangalore,India,A
5,Sao Paulo,Brazil,B
6,Cambridge,,B
7,Cambridge,United Kingdom,B
8,Cambridge,US,B
9,Tromsø,NO,B
10,Springfield,,C
11,Springfield,United States,C
12,Gotham,US,C
13,Gotham,US,C
14,Gotham,,C
15,Zzyzx-ville,Land 7,C
16,Zzyzx ville,Land 7,D
17,Xi'an,China,D
18,St. Gallen,CH,D
19,Kraków,Poland,D
20,Århus,DK,D
21,Hamilton,,D
22,Hamilton,Canada,D
,Nowhere,France,
"""
LATER = """Rank,City,Country
1,Gotham,US
2,Zzyzx-ville,Land 7
3,Paris,FR
4,Metropolis,
"""


def _import(catalog: Catalog, data_dir: Path, index_id: str, text: str, tmp: Path) -> None:
    path = tmp / f"{index_id}.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    mapping, _ = importer.resolve_mapping(table.columns, {})
    result = importer.build(catalog, index_id, table, mapping)
    meta = importer.default_meta(index_id, index_id, result, None, None, path)
    userindexes.save(data_dir, index_id, meta, result.frame, result.new_cities)


def _links(data_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    catalog = Catalog(user_dir=data_dir)
    entries = pl.concat(
        catalog.entries(i).select(
            "index",
            "rank",
            "name",
            pl.col("city_ids").list.join(";"),
            "city_names",
            "country_iso2",
            "country_name",
            "region",
            "subregion",
            "tier",
            "tier_order",
            # what a search matches: the folded name and the linked city's names
            pl.col("search_text").str.split(" | ").list.unique().list.sort().list.join(" | "),
        )
        for i in ("first", "later")
    )
    bundled = Catalog().cities["city_id"]
    cities = (
        catalog.cities.filter(~pl.col("city_id").is_in(bundled.implode()))
        .select(pl.exclude("aliases"))
        .sort("city_id")
    )
    return entries, cities


def _as_written_before_keys(data_dir: Path) -> None:
    """Files as imports wrote them before: cities files without each city's folded names,
    entries with `city_ids` as lists and every row's `city_names`."""
    for path in (data_dir / "indexes").glob("*.cities.parquet"):
        pl.read_parquet(path).drop("keys").write_parquet(path)
    for path in (data_dir / "indexes").glob("*.parquet"):
        if path.name.endswith(".cities.parquet"):
            continue
        stored = pl.read_parquet(path)
        assert "city_id" in stored.columns and "city_ids" not in stored.columns
        # every column, each row's value written out, as ENTRY_SCHEMA holds it
        entries = userindexes.read_entries(path, path.name.split(".")[0]).drop("index")
        assert entries.schema["city_ids"] == pl.List(pl.String)
        entries.write_parquet(path)


@pytest.mark.parametrize("older_files", [False, True])
def test_links_are_those_of_the_importer_before_its_speed_work(tmp_path, older_files):
    data_dir = tmp_path / "data"
    for _ in range(2):  # a re-import gives what the first import gave
        _import(Catalog(user_dir=data_dir), data_dir, "first", ROWS, tmp_path)
        if older_files:
            _as_written_before_keys(data_dir)
        _import(Catalog(user_dir=data_dir), data_dir, "later", LATER, tmp_path)
    entries, cities = _links(data_dir)
    if os.environ.get("CITYRANK_REGEN_LINKING"):
        entries.write_csv(DATA / "linking_entries.csv")
        cities.write_csv(DATA / "linking_cities.csv")
    expected_entries = pl.read_csv(DATA / "linking_entries.csv", schema=entries.schema)
    expected_cities = pl.read_csv(DATA / "linking_cities.csv", schema=cities.schema)
    assert entries.to_dicts() == expected_entries.to_dicts()
    assert cities.to_dicts() == expected_cities.to_dicts()
