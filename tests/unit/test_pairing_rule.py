"""One observation per pair of entries (core.matching) in `correlate` and `agreement`, and
agreement on real overlaps, recomputed from the source CSVs in data/sources by plain Python:
names matched by hand, the rule applied by hand, Spearman's ρ from average ranks by hand."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core import agreement, correlate

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def _key(name: str) -> str:
    """'São Paulo' -> 'sao paulo'; 'Washington, DC' -> 'washington'; 'New York City' -> 'new york'."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    plain = plain.split(",")[0].strip()
    return re.sub(r" city$", "", plain)


def _rows(file: str) -> list[dict[str, str]]:
    with open(SOURCES / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _average_ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = _average_ranks(xs), _average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return cov / var


def _pair_units_with_cities(
    units: list[tuple[int, list[str]]], cities: dict[str, int]
) -> list[tuple[int, int]]:
    """The rule by hand: each unit (rank, member keys, principal first) once, through its
    principal if the other index ranks it, else its best-ranked member there; each city once."""
    used: set[str] = set()
    pairs = []
    for rank, members in sorted(units):
        ranked = [m for m in members if m in cities and m not in used]
        if not ranked:
            continue
        chosen = members[0] if members[0] in ranked else min(ranked, key=lambda m: cities[m])
        used.add(chosen)
        pairs.append((rank, cities[chosen]))
    return pairs


def _gpci_2023() -> dict[str, int]:
    return {_key(r["city"]): int(r["rank"]) for r in _rows("gpci_2023.csv")}


def test_gii_clusters_against_gpci_cities_from_the_source_csvs(catalog):
    gpci = _gpci_2023()
    units = [
        (int(r["rank"]), [_key(part) for part in r["cluster"].split("–")])
        for r in _rows("gii_2023_st_clusters.csv")
    ]
    pairs = _pair_units_with_cities(units, gpci)
    rho = _spearman([a for a, _ in pairs], [b for _, b in pairs])

    result = correlate.correlate(catalog, "gii-2023", "gpci-2023")
    assert result.n == len(pairs) == 27
    assert result.rho == pytest.approx(rho, abs=1e-12)
    # San Jose–San Francisco meets GPCI's San Francisco once (San Jose is not in GPCI)
    assert result.pairs.filter(pl.col("name_a") == "San Jose–San Francisco, CA").height == 1

    cell = agreement.matrix(catalog).pairs[("gii", "gpci")]  # the families' fullest overlap
    assert (cell.a.id, cell.b.id, cell.n) == ("gii-2023", "gpci-2023", len(pairs))
    assert cell.rho == pytest.approx(rho, abs=1e-12)
    assert "GII 2023" in cell.detail and "GPCI 2023" in cell.detail


def test_oe_units_against_gpci_cities_from_the_source_csvs(catalog):
    """OE 2024 lists units too ('Osaka-Kyoto', 'Dubai-Sharjah-Ajman'): each counts once."""
    gpci = _gpci_2023()
    units = []
    for r in _rows("oe_gci_2024.csv"):
        members = [_key(part) for part in r["city"].split("-")]
        members = [re.sub(r" am main$", "", m) for m in members]  # Frankfurt am Main
        units.append((int(r["rank"]), members))
    # only the GPCI cities' rows (all in OE's top 430) are read, so a fix to later rows cannot
    # change this figure
    units = [u for u in units if any(m in gpci for m in u[1])]
    pairs = _pair_units_with_cities(units, gpci)
    rho = _spearman([a for a, _ in pairs], [b for _, b in pairs])

    result = correlate.correlate(catalog, "oe-gci-2024", "gpci-2023")
    assert result.n == len(pairs) == 48
    assert result.rho == pytest.approx(rho, abs=1e-12)
    cell = agreement.matrix(catalog).pairs[("oe-gci", "gpci")]
    assert (cell.a.id, cell.b.id, cell.n) == ("oe-gci-2024", "gpci-2023", 48)
    assert cell.rho == pytest.approx(rho, abs=1e-12)


def test_a_cluster_counts_once_and_its_members_are_not_ranked_on_their_own(catalog):
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    ids = set(result.pairs["city_id"].to_list())
    assert not {"san-jose-us", "san-francisco-us"} <= ids  # one cluster, one observation
    # every entry of either index is used at most once: n counts entries, never members twice
    assert result.pairs["name_a"].n_unique() == result.n
    assert result.pairs["name_b"].n_unique() == result.n
    # members of clusters named after other cities are not in the disagreement list
    listed = set(result.disagreements(result.n)["city"].to_list())
    assert not listed & {"Guangzhou", "Yokohama", "Suzhou", "Kobe", "Kyoto", "Cambridge"}
    assert "Shenzhen" in listed and "Tokyo" in listed  # the clusters' principal cities
    from cityrank_tui.core import matching

    text = correlate.render(result, "table")
    assert matching.RULE in text  # the rule is said where the figures show


def test_the_rule_on_hand_made_entries():
    from cityrank_tui.core import matching

    left = pl.DataFrame(
        {
            "entry": pl.Series([0, 1, 2, 3], dtype=pl.UInt32),
            "rank": [1, 2, 3, 4],
            "name": ["San Francisco", "San Jose", "Hong Kong", "Guangzhou"],
            "city_ids": [["sf"], ["sj"], ["hk"], ["gz"]],
            "tier": [None, None, None, None],
        }
    )
    right = pl.DataFrame(
        {
            "entry": pl.Series([0, 1], dtype=pl.UInt32),
            "rank": [1, 2],
            "name": ["SJ–SF", "SZ–HK–GZ"],
            "city_ids": [["sj", "sf"], ["sz", "hk", "gz"]],
            "tier": [None, None],
        }
    )
    paired = matching.pair_entries(left, right).sort("entry_b")
    # SJ–SF through its principal San Jose; SZ–HK–GZ (Shenzhen not ranked on the left)
    # through its best-ranked member there, Hong Kong; San Francisco and Guangzhou left out
    assert paired.rows() == [(1, 0, "sj"), (2, 1, "hk")]


def test_classes_are_ordinal_ties_never_too_few(catalog):
    """GaWC 2024 publishes classes (120 cities): set by class order, equal classes tied."""
    # classes 1,1,2,2,3 against ranks 1..5: average ranks 1.5,1.5,3.5,3.5,5 vs 1..5;
    # deviations from 3: (-1.5,-1.5,.5,.5,2) and (-2,-1,0,1,2): Σxy = 9, Σx² = 9, Σy² = 10
    frame = pl.DataFrame({"a": [1, 1, 2, 2, 3], "b": [1, 2, 3, 4, 5]})
    by_hand = _spearman([1, 1, 2, 2, 3], [1, 2, 3, 4, 5])
    assert by_hand == pytest.approx(9 / math.sqrt(90))
    assert correlate.spearman(frame, "a", "b") == pytest.approx(by_hand, abs=1e-12)
    # and so the 120 cities of GaWC 2024 meet other indexes by their classes' order
    result = correlate.correlate(catalog, "gawc-2024", "oe-gci-2024")
    assert result.n >= 100 and result.rho is not None
    everything = agreement.matrix(catalog, "all")
    for (a, b), pair in everything.pairs.items():
        if "gawc-2024" in (a, b) and a != b:
            assert pair.n < 3 or pair.rho is not None, (a, b)
    assert "classes, not ranks" in agreement.render(everything, "table")


def test_most_and_least_agreeing_never_pair_a_family_with_itself(catalog):
    for editions in ("overlap", "all"):
        best = agreement.ranked_pairs(agreement.matrix(catalog, editions).unique_pairs)
        assert best
        assert all(agreement.family_key(p.a) != agreement.family_key(p.b) for p in best)


def test_each_family_pair_takes_its_editions_with_the_largest_overlap(catalog):
    result = agreement.matrix(catalog)
    oe_gawc = result.pairs[("oe-gci", "gawc")]
    assert (oe_gawc.a.id, oe_gawc.b.id) == ("oe-gci-2024", "gawc-2020")
    for a in ("oe-gci-2024", "oe-gci-2025"):
        for b in ("gawc-2020", "gawc-2024"):
            assert correlate.correlate(catalog, a, b).n <= oe_gawc.n
    keys = [k for k, _ in result.rows]
    assert len(keys) == len(set(keys)) == len(agreement.chosen_editions(catalog, "latest"))
