"""correlate's verdict names what n counts: pairs of entries, a cluster once (core.matching),
never "cities" (a newcomer read "over 37 cities" where San Francisco and San Jose count once)."""

from __future__ import annotations

import re

from cityrank_tui.core import correlate


def test_the_verdict_counts_pairs_of_entries_not_cities(catalog):
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    assert result.n == result.pairs.height
    verdict = result.verdict
    assert f"over {result.n} pairs of entries" in verdict
    assert not re.search(r"\d+ cities", verdict)


def test_too_few_pairs_say_pairs(catalog):
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    few = correlate.Correlation(result.a, result.b, result.pairs.head(2))
    assert few.rho is None and "Only 2 pairs of entries ranked in both" in few.verdict
    five = correlate.Correlation(result.a, result.b, result.pairs.head(5))
    assert "rests on only 5 pairs of entries" in five.verdict
