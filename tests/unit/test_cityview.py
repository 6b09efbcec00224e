"""Every city at once (core/cityview.py) and `cityrank-tui cities`, checked against the
per-city standings the profile uses, so the two views can never disagree."""

from __future__ import annotations

import statistics

import pytest

from cityrank_tui.core import cityview
from cityrank_tui.core.cities import best_standings, city_by_id
from cityrank_tui.core.errors import UsageError
from cityrank_tui.core.standings import edition_tag


def test_one_row_per_city_named_by_any_index(catalog, table):
    named = set()
    for info in catalog.indexes.values():
        for ids in catalog.entries(info.id)["city_ids"].to_list():
            named.update(ids or ())
    ids = table.frame["city_id"].to_list()
    assert len(ids) == len(set(ids))
    assert set(ids) == named & set(catalog.cities["city_id"].to_list())


def test_each_cell_is_the_standing_the_profile_shows(catalog):
    """Latest edition only: each cell is the profile's standing in the family's latest edition,
    with its edition; a cluster's rank counts for its principal city only; medians exact."""
    table = cityview.city_table(catalog, cityview.EditionRule(latest_only=True))
    for row in table.frame.iter_rows(named=True):
        city = city_by_id(catalog, row["city_id"])
        assert city is not None
        best = best_standings(catalog, city)
        listed, pctls = 0, []
        for family in table.families:
            info = family.latest
            standing = best[info.id]
            cell = row[family.key]
            tag = edition_tag(info)
            if standing.entry is None:
                assert cell == (f"n/r {tag}" if standing.short() == "n/r" else None), (
                    city,
                    info.id,
                )
                continue
            shown = standing.short(unranked=standing.entry.get("tier") or "?")
            if info.universe_size:
                shown = shown.replace(f"/{info.universe_size}", f"/{info.universe_size:,}")
            if standing.entry["city_ids"][0] != city.city_id:  # a member, not the principal
                assert cell == f"({shown} {tag})", (city.city_id, info.id)
                continue
            listed += 1
            assert cell == f"{shown} {tag}", (city.city_id, info.id)
            if standing.percentile is not None:
                pctls.append(standing.percentile)
        assert row["families"] == listed
        if pctls:
            assert row["median_pctl"] == pytest.approx(statistics.median(pctls), rel=1e-12)
        else:
            assert row["median_pctl"] is None


def test_filters_and_sorts(table):
    east_asia = cityview.view(
        table, cityview.CityFilter(region="eastern asia"), cityview.sort_key(table, "name")
    )
    assert east_asia.height > 0 and set(east_asia["subregion"]) == {"Eastern Asia"}
    assert east_asia["name"].to_list() == sorted(east_asia["name"].to_list())

    japan = cityview.view(table, cityview.CityFilter(country="JP"), ("name", False))
    assert set(japan["country"]) == {"Japan"}
    assert (
        japan.height
        == cityview.view(table, cityview.CityFilter(country="japan"), ("name", False)).height
    )

    many = cityview.view(table, cityview.CityFilter(min_families=3), ("median_pctl", True))
    assert many.height > 0 and min(many["families"]) >= 3
    medians = [m for m in many["median_pctl"].to_list() if m is not None]
    assert medians == sorted(medians, reverse=True)

    found = cityview.view(table, cityview.CityFilter(text="zurich"), ("name", False))
    assert found["name"].to_list() == ["Zürich"]

    picked = cityview.view(
        table, cityview.CityFilter(city_ids=frozenset({"seoul-kr"})), ("name", False)
    )
    assert picked["city_id"].to_list() == ["seoul-kr"]


def test_sort_by_a_family_column_follows_its_rank(table):
    family = table.families[0]
    key = family.key
    column, descending = cityview.sort_key(table, family.label)
    assert (column, descending) == (key, False)
    ranks = cityview.view(table, cityview.CityFilter(), (column, descending))[f"{key}#rank"]
    ranked = ranks.drop_nulls().to_list()
    assert ranked == sorted(ranked)
    assert ranks.head(len(ranked)).null_count() == 0  # missing ranks last


def test_bad_sort(table):
    with pytest.raises(UsageError, match="unknown sort column 'nope'"):
        cityview.sort_key(table, "nope")
    with pytest.raises(UsageError, match="direction"):
        cityview.sort_key(table, "name:up")
