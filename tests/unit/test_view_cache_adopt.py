"""A frame replaced by one whose sort column holds the same values row for row (an opened
file's rows once linked) keeps the orders already made for it; a column that changed does not."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.filters import Sort, ViewCache


def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    names = ["Oslo", "Bergen", "Aachen", "Oslo", "Zug", "Bern"]
    before = pl.DataFrame(
        {
            "rank": pl.Series(range(1, 7), dtype=pl.Int32),
            "name": names,
            "country_name": [None] * 6,
        },
        schema_overrides={"country_name": pl.String},
    )
    after = before.with_columns(
        country_name=pl.Series(["Norway", "Norway", "Germany", None, "Switzerland", "Switzerland"])
    )
    return before, after


def test_an_order_whose_column_is_unchanged_is_kept_and_is_the_order_of_the_new_frame():
    before, after = frames()
    old = ViewCache(before)
    by_name = old.order(Sort("name"))
    new = ViewCache(after)
    new.adopt(old)
    assert Sort("name") in new._orders and new._orders[Sort("name")] is by_name
    # by another route: Python's stable sort of the names, ties in rank order
    expected = sorted(range(6), key=lambda i: after["name"][i])
    assert new.order(Sort("name")).to_list() == expected


def test_an_order_whose_column_changed_is_made_again_for_the_new_frame():
    before, after = frames()
    old = ViewCache(before)
    old.order(Sort("country_name"))  # every country missing: rank order
    new = ViewCache(after)
    new.adopt(old)
    assert Sort("country_name") not in new._orders
    got = new.order(Sort("country_name")).to_list()
    countries = after["country_name"].to_list()
    known = sorted((i for i in range(6) if countries[i]), key=lambda i: countries[i])
    assert got == known + [i for i in range(6) if countries[i] is None]


def test_a_frame_of_another_height_keeps_nothing():
    before, _ = frames()
    old = ViewCache(before)
    old.order(Sort("name"))
    new = ViewCache(before.head(5))
    new.adopt(old)
    assert not new._orders
