"""The Cities median: how many figures it rests on (n), and the default order that puts a
median of one figure after medians of two or more (a newcomer found Denver and Atlanta 2nd and
3rd from a single percentile). Checked against a hand-made frame, then on the bundled data by
recounting each city's percentiles from its standings."""

from __future__ import annotations

import statistics

import polars as pl
import pytest

from cityrank_tui.core import cityview


def _table(rows: list[tuple[str, float | None, int]]) -> cityview.CityTable:
    frame = pl.DataFrame(
        {
            "city_id": [name.lower() for name, _, _ in rows],
            "name": [name for name, _, _ in rows],
            "country": ["X"] * len(rows),
            "country_iso2": ["XX"] * len(rows),
            "region": ["R"] * len(rows),
            "subregion": ["S"] * len(rows),
            "search_text": [name.lower() for name, _, _ in rows],
            cityview.COUNT: [n for _, _, n in rows],
            cityview.MEDIAN: [m for _, m, _ in rows],
            cityview.FIGURES: [n if m is not None else 0 for _, m, n in rows],
        },
        schema_overrides={cityview.MEDIAN: pl.Float64, cityview.FIGURES: pl.Int32},
    )
    return cityview.CityTable(frame, ())


def test_a_median_of_one_figure_sorts_after_medians_of_two_or_more_by_hand():
    table = _table(
        [("Alone", 99.0, 1), ("Pair", 80.0, 2), ("Many", 90.0, 5), ("Low", 10.0, 3),
         ("Single", 50.0, 1), ("None", None, 0)]
    )  # fmt: skip
    best = cityview.view(table, cityview.CityFilter(), cityview.sort_key(table, "median_pctl"))
    assert best["name"].to_list() == ["Many", "Pair", "Low", "Alone", "Single", "None"]
    worst = cityview.view(table, cityview.CityFilter(), ("median_pctl", False))
    assert worst["name"].to_list() == ["Low", "Pair", "Many", "Single", "Alone", "None"]


def test_n_counts_the_percentiles_behind_each_median_and_orders_the_bundled_cities(catalog):
    table = cityview.city_table(catalog)
    frame = cityview.view(table, cityview.CityFilter(), (cityview.MEDIAN, True))
    seen_one = False
    for record in cityview.records(table, frame):
        pctls = [s["percentile"] for s in record["standings"].values()]  # type: ignore[union-attr]
        present = [p for p in pctls if p is not None]
        assert record["median_figures"] == len(present), record["name"]
        if present:
            assert record["median_percentile"] == pytest.approx(
                statistics.median(present), rel=1e-12
            )
        seen_one = seen_one or len(present) < 2
        assert not (seen_one and len(present) >= 2), (
            f"{record['name']} sorts after a 1-figure median"
        )
    names = frame["name"].to_list()
    denver = frame.filter(pl.col("name") == "Denver").row(0, named=True)
    assert denver[cityview.FIGURES] == 1
    assert names.index("Denver") > frame.filter(pl.col(cityview.FIGURES) >= 2).height - 1
