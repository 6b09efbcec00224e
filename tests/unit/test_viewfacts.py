"""What a view holds, without UI: rank bands, the view's score range, where a rank or a city is."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.filters import Filter, View, ViewCache
from cityrank_tui.core.history import ViewHistory
from cityrank_tui.core.viewfacts import (
    band_top,
    find_city,
    find_rank,
    holds_city,
    rank_bands,
    score_range,
)


def test_rank_bands_stop_at_the_last_rank_and_cut_the_last_band():
    assert rank_bands(100) == [(1, 10), (11, 25), (26, 50), (51, 100)]
    assert rank_bands(40) == [(1, 10), (11, 25), (26, 40)]
    assert rank_bands(0) == []


def test_band_top_is_the_publishers_universe_else_the_last_rank_held(catalog):
    info = catalog.get("gii-2023")
    assert band_top(info, catalog.entries("gii-2023")) == 100
    frame = pl.DataFrame({"rank": [1, 2, 17]})
    from dataclasses import replace

    assert band_top(replace(info, universe_size=None), frame) == 17


def test_score_range_is_the_views_not_the_whole_index(catalog):
    cache = ViewCache(catalog.entries("ici-2014"))
    whole = score_range(cache.frame)
    assert (whole.low, whole.high) == (28, 56)
    rows = cache.rows(View(Filter(region="Asia", tiers=("NEXUS",), min_score=53)))
    shown = score_range(cache.frame, rows)
    assert (shown.low, shown.high, shown.scored, shown.missing) == (53, 54, 3, 0)


def test_score_range_counts_missing_scores_and_never_fills_them():
    frame = pl.DataFrame({"score": [None, 2.5, None, float("nan")]})
    found = score_range(frame)
    assert (found.low, found.high, found.scored, found.missing) == (2.5, 2.5, 1, 3)
    empty = score_range(frame, pl.Series([0], dtype=pl.UInt32))
    assert (empty.low, empty.high, empty.scored) == (None, None, 0)


def test_find_rank_exact_or_the_next_rank_held():
    frame = pl.DataFrame({"rank": [1, 2, 5, 9]})
    rows = pl.Series([0, 1, 2, 3], dtype=pl.UInt32)
    assert find_rank(frame, rows, 2) is not None and find_rank(frame, rows, 2).position == 1
    hit = find_rank(frame, rows, 3)
    assert hit is not None and (hit.position, hit.rank, hit.exact) == (2, 5, False)
    assert find_rank(frame, rows, 10) is None
    backwards = pl.Series([3, 2, 1, 0], dtype=pl.UInt32)  # sorted worst first
    hit = find_rank(frame, backwards, 9)
    assert hit is not None and hit.position == 0


def test_find_city_in_the_view_or_none_when_filtered_out(catalog):
    cache = ViewCache(catalog.entries("ici-2014"))
    assert holds_city(cache.frame, "seoul-kr") and not holds_city(cache.frame, "atlantis-xx")
    rows = cache.rows(View())
    at = find_city(cache.frame, rows, "seoul-kr")
    assert at is not None and cache.frame["name"][int(rows[at])] == "Seoul"
    europe = cache.rows(View(Filter(region="Europe")))
    assert find_city(cache.frame, europe, "seoul-kr") is None


def test_undo_gives_back_the_views_before_in_order_and_is_bounded():
    history = ViewHistory(limit=2)
    a, b, c = View(Filter(text="a")), View(Filter(text="b")), View(Filter(text="c"))
    for view in (a, b, c):
        history.record(view)
    assert history.undo() == c and history.undo() == b and history.undo() is None
