"""Each imported or opened row's tier_order is its tier's place in the tier order (1 = best),
missing for a row without a tier, whether the order has a few tiers or many; checked row by
row against a lookup in Python."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import importer


@pytest.mark.parametrize(
    "order",
    [
        ["Alpha", "Beta", "Gamma", "Delta"],
        ["Alpha"],
        [f"Tier {n}" for n in range(1, 21)],  # more than a comparison per tier is made for
    ],
)
def test_each_row_gets_its_tiers_place(order):
    tiers = [order[n % len(order)] for n in range(50)] + [None, order[0]]
    frame = pl.DataFrame({"tier": tiers}, schema={"tier": pl.String})
    codes = {t: n for n, t in enumerate(order, 1)}
    got = frame.select(importer._tier_codes(codes)).to_series()
    assert got.dtype == pl.Int8
    assert got.to_list() == [None if t is None else order.index(t) + 1 for t in tiers]


def test_the_whole_import_path_numbers_tiers_as_given(tmp_path):
    path = tmp_path / "tiers.csv"
    path.write_text("Rank,City,Tier\n1,Oslo,B\n2,Bern,A\n3,Riga,\n4,Rome,B\n", encoding="utf-8")
    table = importer.read_table(path)
    mapping = {"rank": "Rank", "name": "City", "tier": "Tier"}
    frame, tiers, _, _ = importer.unlinked(table, mapping, ["A", "B"], "t")
    assert tiers == ["A", "B"]
    assert frame["tier_order"].to_list() == [2, 1, None, 2]
