"""City profiles, side-by-side comparison and index-versus-index correlation."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core import compare, correlate
from cityrank_tui.core.cities import NOT_IN_DATA, NOT_RANKED, find_city
from cityrank_tui.core.errors import UsageError
from cityrank_tui.core.profile import profile
from tests.support.compare import city


# -- clusters to cities ----------------------------------------------------------------------
def test_cluster_ranks_count_for_each_member_city(catalog):
    tokyo = {s.info.id: s for s in profile(catalog, city(catalog, "Tokyo")).ranked}
    yokohama = {s.info.id: s for s in profile(catalog, city(catalog, "Yokohama")).ranked}
    assert tokyo["gii-2023"].entry["name"] == yokohama["gii-2023"].entry["name"] == "Tokyo–Yokohama"
    assert tokyo["gii-2023"].via == "cluster Tokyo–Yokohama" and tokyo["ici-2014"].via == "direct"
    hk = {s.info.id: s for s in profile(catalog, city(catalog, "Hong Kong")).ranked}
    assert hk["gii-2023"].entry["name"].startswith("Shenzhen") and hk["gii-2023"].rank == 2


def test_not_ranked_differs_from_not_in_our_data(catalog):
    # Hsinchu: Taiwan is on the ICI 2014 Asia list, which we hold complete, and Hsinchu is not on it.
    absent = {s.info.id: s.status for s in profile(catalog, city(catalog, "Hsinchu")).absent}
    assert absent["ici-2014"] == NOT_RANKED
    assert absent["gii-2022"] == NOT_IN_DATA  # GII 2022: only 27 of 100 clusters are in our data
    dallas = {s.info.id: s.status for s in profile(catalog, city(catalog, "Dallas")).absent}
    assert dallas["ici-2014"] == NOT_IN_DATA  # the Americas list (USA) is not held


def test_movement_between_editions_with_the_publishers_caveat(catalog):
    moves = {
        (m.earlier.info.id, m.later.info.id): m
        for m in profile(catalog, city(catalog, "Tokyo")).movements
    }
    move = moves[("ieci-2024", "ieci-2025")]
    assert (move.earlier.rank, move.later.rank, move.change) == (8, 9, -1)
    assert move.text == "2024 → 2025: 8 → 9, down 1 (out of 43, then 50)"
    assert "not directly comparable" in move.caveat
    assert "recomputes" in moves[("gii-2022", "gii-2023")].caveat


# -- comparison ------------------------------------------------------------------------------
def test_seoul_tokyo_beijing_every_published_rank_with_its_of_n(catalog):
    cities = [city(catalog, n) for n in ("Seoul", "Tokyo", "Beijing")]
    rows = {(r.info.id, r.measure): r for r in compare.compare(catalog, cities)}
    first = ("ici-2014", "gii-2022", "gii-2023", "gii-2024", "ieci-2022", "ieci-2024", "ieci-2025")
    ranks = {index: [c.text for c in rows[(index, "rank")].cells] for index in first}
    assert ranks == {
        "ici-2014": ["12/445", "15/445", "50/445"],
        "gii-2022": ["4/100", "1/100 (cluster)", "3/100"],
        "gii-2023": ["3/100", "1/100 (cluster)", "4/100"],
        "gii-2024": ["4/100", "1/100 (cluster)", "3/100"],
        "ieci-2022": ["5/37", "8/37", "7/37"],
        "ieci-2024": ["6/43", "8/43", "7/43"],
        "ieci-2025": ["4/50", "9/50", "6/50"],
    }
    assert rows[("gii-2023", "rank")].best == {1}  # lower rank is better
    assert rows[("gii-2023", "scientific_publications")].best == {2}  # more publications is better
    assert rows[("ici-2014", "tier")].best == {0, 1}  # both NEXUS
    assert (
        rows[("ieci-2022", "influence_rank")].best == frozenset()
    )  # only one figure: nothing to compare
    assert rows[("ieci-2022", "influence_rank")].differs  # Beijing 3 against two missing figures


def test_compare_rows_differ_and_marks(catalog):
    rows = compare.compare(catalog, [city(catalog, "Seoul"), city(catalog, "Tokyo")])
    same = [r for r in rows if not r.differs and r.info.family in ("ici", "gii", "ieci")]
    assert [(r.info.id, r.measure) for r in same] == [("ici-2014", "tier")]
    gii = next(r for r in rows if r.info.id == "gii-2023" and r.measure == "rank")
    assert gii.marked(0) == "  3/100" and gii.marked(1) == "● 1/100 (cluster)"


@pytest.mark.parametrize(
    "names, message",
    [
        (["Seoul"], "only one was given"),
        (["Seoul", "Tokyo", "Beijing", "Boston", "Paris"], "at most 4"),
        (["Seoul", "seoul-kr"], "given twice"),
    ],
)
def test_compare_refuses_bad_city_lists(catalog, names, message):
    with pytest.raises(UsageError, match=message):
        compare.compare(catalog, [city(catalog, n) for n in names])


def test_spearman_matches_a_hand_computed_case(two_small_indexes):
    # d = (1-2, 2-1, 3-4, 4-3, 5-5) = (-1, 1, -1, 1, 0); Σd² = 4; ρ = 1 - 6·4 / (5·(25-1)) = 0.8
    result = correlate.correlate(two_small_indexes, "a", "b")
    assert result.n == 5 and result.rho == pytest.approx(0.8)
    # With a tie, ranks are averaged: y = (1, 2.5, 2.5, 4) against x = (1, 2, 3, 4):
    # Pearson of the ranks = 4.5 / sqrt(5 · 4.5) = 0.948683
    tied = correlate.correlate(two_small_indexes, "a", "ties")
    assert tied.n == 4 and tied.rho == pytest.approx(0.948683, abs=1e-6)
    assert "too few to mean much" in tied.verdict


def test_too_small_an_overlap_gives_no_correlation(two_small_indexes):
    result = correlate.correlate(two_small_indexes, "a", "pair")
    assert result.n == 2 and result.rho is None and "too few for a correlation" in result.verdict
    with pytest.raises(UsageError, match="different index"):
        correlate.correlate(two_small_indexes, "a", "a")


def test_ici_2014_against_gii_2023(catalog):
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    assert result.n == 37  # one observation per pair of entries (core.matching)
    tokyo = result.pairs.filter(pl.col("city_id") == "tokyo-jp").row(0, named=True)
    assert (tokyo["rank_a"], tokyo["rank_b"], tokyo["name_b"]) == (15, 1, "Tokyo–Yokohama")
    assert result.rho == pytest.approx(
        result.pairs.select(pl.corr(pl.col("rank_a").rank(), pl.col("rank_b").rank())).item()
    )
    worst = result.disagreements(1).row(0, named=True)
    assert worst["city"] == "Wuhan" and abs(worst["gap"]) == result.pairs["gap"].abs().max()


def test_no_relation_is_called_none_and_the_thresholds_are_the_documented_ones(two_small_indexes):
    result = correlate.correlate(two_small_indexes, "a", "unrelated")
    assert result.rho == pytest.approx(0.0)
    assert "no agreement" in result.verdict and "weak" not in result.verdict
    assert correlate.strength(0.01) is None and correlate.strength(-0.09) is None
    assert correlate.strength(0.1) == "weak" and correlate.strength(-0.39) == "weak"
    assert correlate.strength(0.4) == "moderate" and correlate.strength(0.7) == "strong"
    assert "strong agreement" in correlate.correlate(two_small_indexes, "a", "b").verdict


def test_gap_is_the_difference_of_the_places_shown_beside_the_ranks(catalog):
    """Equal published ranks can differ in place among the shared cities: the place is shown."""
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    pairs = result.pairs
    assert (pairs["gap"] == pairs["place_a"] - pairs["place_b"]).all()
    assert pairs["place_a"].max() <= result.n and pairs["place_b"].max() <= result.n
    text = correlate.render(result, "table")
    worst = result.disagreements(1).row(0, named=True)
    line = next(x for x in text.splitlines() if x.startswith(worst["city"] + " "))
    assert line.split()[-5:-3] == [str(worst["rank_a"]), f"{worst['place_a']:g}"]
    assert "places apart" in text


def test_scatter_caps_crowded_cells_and_the_plot_has_a_legend(catalog):
    assert correlate.scatter([1] * 8, [1] * 8, 8, 4)[0][0] == "8"
    assert correlate.scatter([1] * 9, [1] * 9, 8, 4)[0][0] == "+"
    assert correlate.scatter([1] * 30, [1] * 30, 8, 4)[0][0] == "+"
    result = correlate.correlate(catalog, "ici-2014", "gii-2023")
    lines = correlate.plot_lines(result, 36, 16)
    assert len(lines) == 16 and all(len(line) <= 36 for line in lines)
    assert "one city" in "\n".join(lines) and "9 or more" in "\n".join(lines)


def test_scatter_places_points_and_counts_overlaps():
    assert correlate.scatter([1, 5, 5], [1, 5, 5], 8, 4) == [
        "•       ",
        "        ",
        "        ",
        "       2",
    ]
    assert correlate.scatter([], [], 8, 4) == []


def test_profile_trend_charts_each_family_across_editions(catalog):
    from cityrank_tui.core.profile import BARS, trend

    prof = profile(catalog, find_city(catalog, "Seoul"))
    charts = prof.trends()
    gii = [s for s in prof.standings if s.info.family == "gii" and s.rank is not None]
    assert len(gii) >= 2
    from cityrank_tui.core.profile import family_name

    assert family_name(gii[0].info) == "GII clusters"  # charts go by the family's display name
    bars, words = charts["GII clusters"].split("  ", 1)
    assert len(bars) == len({s.info.id for s in gii}) and set(bars) <= set(BARS)
    first = min(gii, key=lambda s: s.info.edition)
    assert words.startswith(f"{first.info.edition} {first.rank}/{first.info.universe_size}")
    assert trend([]) == ""
    # taller is better: rank 1 of 100 gets the top bar
    assert trend([s for s in gii if s.rank == min(x.rank for x in gii)][:1])[0] in BARS[-2:]
