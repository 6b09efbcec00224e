"""Filters and sorts are values that become polars expressions; checked here without any UI."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core.errors import UsageError
from cityrank_tui.core.filters import Filter, Sort, View, apply, validate


def names(frame: pl.DataFrame) -> list[str]:
    return frame["name"].to_list()


def test_region_and_tier_combine(catalog):
    frame = catalog.entries("ici-2014")
    result = apply(frame, View(Filter(region="Eastern Asia", tiers=("NEXUS",))))
    assert names(result) == ["Seoul", "Tokyo", "Hong Kong", "Kyoto", "Shanghai", "Osaka"]


def test_m49_region_differs_from_publisher_region(catalog):
    frame = catalog.entries("ici-2014")
    un_asia = apply(frame, View(Filter(region="Asia")))
    publisher_asia = apply(frame, View(Filter(publisher_region="Asia")))
    assert "Sydney" in names(publisher_asia) and "Sydney" not in names(un_asia)
    assert "Tel Aviv" in names(un_asia)  # Israel is Western Asia for the UN, Europe for 2thinknow
    assert publisher_asia.height == 87


def test_score_range_is_inclusive(catalog):
    frame = catalog.entries("ici-2014")
    result = apply(frame, View(Filter(min_score=53, max_score=54)))
    assert set(result["score"].to_list()) == {53.0, 54.0}
    assert "Seoul" in names(result) and "Berlin" in names(result)


def test_rank_band(catalog):
    result = apply(catalog.entries("gii-2023"), View(Filter(min_rank=1, max_rank=5)))
    assert result["rank"].to_list() == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("index_id", "query", "expected"),
    [
        ("ici-2014", "Zurich", "Zürich"),
        ("ici-2014", "sao paulo", "São Paulo"),
        ("ici-2014", "BOGOTA", "Bogotá"),
        ("ici-2014", "Bengaluru", "Bangalore"),  # an alias finds the published name
        ("gii-2024", "bangalore", "Bengaluru"),
        ("gii-2023", "yokohama", "Tokyo–Yokohama"),  # a member city finds its cluster
        ("ici-2014", "köln", "Cologne"),
    ],
)
def test_text_search_is_case_accent_insensitive_and_matches_aliases(
    catalog, index_id, query, expected
):
    result = apply(catalog.entries(index_id), View(Filter(text=query)))
    assert expected in names(result)


def test_search_text_is_literal_not_regex(catalog):
    assert apply(catalog.entries("ici-2014"), View(Filter(text="(.*)"))).is_empty()
    assert names(apply(catalog.entries("ici-2014"), View(Filter(text="xi'an")))) == ["Xi'an"]


def test_sort_descending_puts_missing_last_and_breaks_ties_by_rank(catalog):
    frame = catalog.entries("gii-2023")
    result = apply(frame, View(sort=Sort("pct_applications", descending=True)))
    values = result["pct_applications"].to_list()
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
    assert values[len(present) :] == [None] * (len(values) - len(present))
    missing_ranks = result["rank"].to_list()[len(present) :]
    assert missing_ranks == sorted(missing_ranks)


def test_sort_ties_by_rank_then_name(catalog):
    result = apply(
        catalog.entries("ici-2014"), View(Filter(min_score=56), Sort("score", descending=True))
    )
    assert result["rank"].to_list() == [3, 5, 6, 7]  # London, Paris, Vienna, Munich all score 56


def test_sort_by_tier_follows_publisher_order(catalog):
    result = apply(catalog.entries("ici-2014"), View(sort=Sort("tier")))
    tiers = [t for t in result["tier"].to_list() if t is not None]
    order = ["NEXUS", "HUB", "NODE", "INFLUENCER", "UPSTART"]
    assert tiers == sorted(tiers, key=order.index)
    assert result["tier"].to_list()[-2:] == [None, None]  # Tegucigalpa and Yangon last


def test_bookmarked_only(catalog):
    result = apply(
        catalog.entries("gii-2023"), View(Filter(city_ids=frozenset({"kyoto-jp", "seoul-kr"})))
    )
    assert names(result) == ["Seoul", "Osaka–Kobe–Kyoto"]


def test_validate_normalises_case_and_accents(catalog):
    info, frame = catalog.get("ici-2014"), catalog.entries("ici-2014")
    flt = validate(
        info, frame, Filter(region="eastern asia", tiers=("nexus",), country="south korea")
    )
    assert flt.region == "Eastern Asia" and flt.tiers == ("NEXUS",) and flt.country == "South Korea"
    assert validate(info, frame, Filter(country="KR")).country == "KR"


@pytest.mark.parametrize(
    ("index_id", "flt", "message"),
    [
        (
            "ici-2014",
            Filter(region="Atlantis"),
            "unknown region for ici-2014 'Atlantis'; choose one of: Americas",
        ),
        (
            "ici-2014",
            Filter(tiers=("MEGA",)),
            "choose one of: HUB, INFLUENCER, NEXUS, NODE, UPSTART",
        ),
        ("gii-2023", Filter(tiers=("NEXUS",)), "gii-2023 publishes no tiers"),
        ("ieci-2024", Filter(min_score=10), "ieci-2024 has no published scores"),
        ("ici-2014", Filter(country="Narnia"), "unknown country"),
    ],
)
def test_validate_rejects_with_the_valid_choices(catalog, index_id, flt, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(".", r"\.")):
        validate(catalog.get(index_id), catalog.entries(index_id), flt)


def test_sort_parse(catalog):
    ici = catalog.get("ici-2014")
    assert Sort.parse("score:desc", ici) == Sort("score", True)
    assert Sort.parse("Reg. rank", ici) == Sort("regional_rank")
    with pytest.raises(UsageError, match="unknown sort field for ici-2014 'colour'"):
        Sort.parse("colour", ici)
    with pytest.raises(UsageError, match="unknown sort field"):
        Sort.parse("score:up", ici)


def test_describe_names_each_active_filter():
    flt = Filter(region="Eastern Asia", tiers=("NEXUS",), min_score=53, text="seo")
    assert flt.describe() == ["region=Eastern Asia", "tier=NEXUS", "score ≥ 53", 'search "seo"']
    assert Filter().is_empty and Filter().describe() == []


def _reference(frame: pl.DataFrame, view: View) -> list[str]:
    """The rows a view shows, by a plain polars filter and a full sort (no cache, no narrowing)."""
    kept = frame.with_row_index("pos").filter(view.filter.expr())
    kept = kept.sort(
        view.sort.column, "pos", descending=[view.sort.descending, False], nulls_last=True
    )
    return kept["name"].to_list()


def test_typing_a_search_narrows_to_the_same_rows_a_fresh_search_finds(catalog):
    """Each keystroke searches only what the previous text kept; the rows must not differ."""
    from cityrank_tui.core.filters import ViewCache

    frame = catalog.entries("oe-gci-2024")
    cache = ViewCache(frame)
    for sort in (Sort(), Sort("score", True), Sort("name"), Sort("country", True)):
        for base in (Filter(), Filter(region="Europe"), Filter(min_score=40)):
            for typed in ("s", "sa", "san", "san ", "san j", "sa", "o", "on"):
                view = View(base.with_(text=typed), sort)
                shown = names(cache.apply(view))
                assert shown == _reference(cache.frame, view), (sort, base, typed)
                assert shown == names(ViewCache(frame).apply(view))


@pytest.mark.parametrize("dtype", [pl.String, pl.Categorical, pl.Int8])
@pytest.mark.parametrize("descending", [False, True])
def test_a_large_sort_by_a_repeated_value_keeps_rank_order_within_each_value(dtype, descending):
    """At 60,000 rows a column of few values (country, tier) is sorted by buckets of rows; the
    order must be the one a row-by-row stable sort gives: missing last, ties in rank order."""
    rows = 60_000
    values = pl.Series([None if n % 7 == 0 else f"{n * 37 % 11:02d}" for n in range(rows)])
    frame = pl.DataFrame(
        {
            "rank": pl.int_range(1, rows + 1, dtype=pl.Int32, eager=True),
            "tier_order": pl.Series([0] * rows, dtype=pl.Int8),
            "name": [f"City {n}" for n in range(rows)],
            "country": values.cast(pl.Int8) if dtype == pl.Int8 else values.cast(dtype),
        }
    )
    result = apply(frame, View(sort=Sort("country", descending)))
    expected = frame.sort("country", descending=descending, nulls_last=True, maintain_order=True)
    assert result["rank"].to_list() == expected["rank"].to_list()
    assert result["country"].null_count() == rows // 7 + 1
    assert result["country"].tail(rows // 7 + 1).null_count() == rows // 7 + 1
