"""Which rankings agree: the agreement matrix in core and the `agreement` command."""

from __future__ import annotations

from collections import defaultdict

import pytest

from cityrank_tui.core import agreement
from cityrank_tui.core.correlate import MIN_MEANINGFUL, correlate
from cityrank_tui.core.errors import UsageError


def test_latest_editions_take_each_familys_newest(catalog):
    chosen = agreement.chosen_editions(catalog, "latest")
    by_family = defaultdict(list)
    for info in catalog.indexes.values():
        by_family[agreement.family_key(info)].append(info.edition)
    assert sorted(agreement.family_key(i) for i in chosen) == sorted(by_family)
    for info in chosen:
        assert info.edition == max(by_family[agreement.family_key(info)])


def test_all_editions_and_bad_choice(catalog):
    assert agreement.chosen_editions(catalog, "all") == list(catalog.indexes.values())
    with pytest.raises(UsageError, match="--editions"):
        agreement.chosen_editions(catalog, "newest")


def test_every_pair_gives_the_figures_of_the_correlation_view(catalog):
    infos = agreement.chosen_editions(catalog, "all")
    pairs = agreement.agreement(catalog, infos)
    assert len(pairs) == len(infos) * (len(infos) - 1) // 2
    for pair in pairs:
        result = correlate(catalog, pair.a.id, pair.b.id)
        assert (pair.n, pair.rho) == (result.n, result.rho), (pair.a.id, pair.b.id)


def test_cells_read_without_colour(catalog):
    a, b = list(catalog.indexes.values())[:2]
    assert agreement.Pair(a, b, 40, 0.82).cell == "+0.82█"
    assert agreement.Pair(a, b, 40, -0.45).cell == "-0.45▓"
    assert agreement.Pair(a, b, 40, 0.2).cell == "+0.20▒"
    assert agreement.Pair(a, b, 40, 0.01).cell == "+0.01░"
    assert agreement.Pair(a, b, MIN_MEANINGFUL - 1, 0.5).cell == "+0.50▓ few"
    assert agreement.Pair(a, b, 2, None).cell == "n<3"


def test_ranked_pairs_leave_out_small_overlaps(catalog):
    a, b, c = agreement.chosen_editions(catalog, "latest")[:3]  # three families
    pairs = [
        agreement.Pair(a, b, 30, 0.1),
        agreement.Pair(a, c, 5, 0.9),
        agreement.Pair(b, c, 30, 0.6),
        agreement.Pair(a, c, 30, None),
    ]
    assert [(p.a.id, p.b.id) for p in agreement.ranked_pairs(pairs)] == [(b.id, c.id), (a.id, b.id)]
