"""A publisher's own change column against the ranks and ratings we hold: both kept, the row
marked ⚠, the details saying which is which, and the build listing every such row.

The expected rows come from the source CSVs by hand arithmetic (not the app's matching):
GFCI 38 prints each centre's change since GFCI 37; where both editions' files hold the centre,
the printed change must equal previous rank - rank (places gained) and rating - previous rating.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core.movement import MOVEMENT, PREVIOUS_RANK, with_movement
from cityrank_tui.core.published_change import CONFLICT, published_gain
from tests.support.build import DATA, build

SOURCES = Path(__file__).parents[2] / "data" / "sources"
SIGN = {"Increase": 1, "Decrease": -1}


def _rows(name: str) -> dict[str, dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8") as handle:
        return {r["city"]: r for r in csv.DictReader(handle)}


def _printed(text: str) -> int:
    word, _, size = text.partition(" ")
    return 0 if word == "Steady" else SIGN[word] * int(size)


def _disagreeing_by_hand() -> set[str]:
    before, now = _rows("gfci_37.csv"), _rows("gfci_38.csv")
    out = set()
    for city, row in now.items():
        old = before.get(city)
        if old is None:
            continue
        rank_held = row["change_in_rank"] and old["rank"] and row["rank"]
        if rank_held and int(old["rank"]) - int(row["rank"]) != _printed(row["change_in_rank"]):
            out.add(city)
        rating_held = row["change_in_rating"] and old["score"] and row["score"]
        gained = int(row["score"] or 0) - int(old["score"] or 0)
        if rating_held and gained != _printed(row["change_in_rating"]):
            out.add(city)
    return out


@pytest.mark.parametrize(
    ("text", "gain"),
    [
        ("Increase 3", 3),
        ("Decrease 2", -2),
        ("Steady", 0),
        ("decrease 14", -14),
        ("", None),
        (None, None),
        ("up 3", None),
        ("New", None),
    ],
)
def test_published_changes_are_read_only_in_the_publishers_words(text, gain):
    assert published_gain(text) == gain


def test_gfci_38_marks_exactly_the_rows_whose_printed_change_our_rows_contradict(catalog):
    expected = _disagreeing_by_hand()
    assert expected == {"Boston"}
    shown, basis = with_movement(catalog, catalog.get("gfci-38"), catalog.entries("gfci-38"))
    flagged = shown.filter(pl.col(CONFLICT).is_not_null())
    assert set(flagged["name"]) == expected
    assert shown.filter(pl.col(MOVEMENT).str.contains("⚠"))["name"].to_list() == ["Boston"]
    assert basis.legend.endswith("; ⚠ 1 differs from the published change")


def test_both_figures_stay_and_the_details_say_which_is_which(catalog):
    shown, _ = with_movement(catalog, catalog.get("gfci-38"), catalog.entries("gfci-38"))
    boston = shown.filter(pl.col("name") == "Boston").row(0, named=True)
    assert boston["change_in_rank"] == "Decrease 2"  # the publisher's, as printed
    assert boston[MOVEMENT] == "▲2 ⚠" and boston[PREVIOUS_RANK] == 19  # ours, 19th -> 17th
    why = boston[CONFLICT]
    assert "'Decrease 2' (from 15th)" in why and "19th in gfci-37, 17th here" in why
    assert "the first is the publisher's" in why


def test_a_rating_change_is_checked_against_the_ratings_we_hold(catalog):
    """Boston's rating rose 733 -> 742 (+9, as printed); a file printing 'Increase 5' would be
    marked, naming 737 as the published start and +9 as ours."""
    frame = catalog.entries("gfci-38").with_columns(
        pl.when(pl.col("name") == "New York City")
        .then(pl.lit("Increase 5"))
        .otherwise(pl.col("change_in_rating"))
        .alias("change_in_rating")
    )
    shown, _ = with_movement(catalog, catalog.get("gfci-38"), frame)
    new_york = shown.filter(pl.col("name") == "New York City").row(0, named=True)
    # New York: 769 in GFCI 37, 766 in GFCI 38 (printed 'Decrease 3')
    assert "'Increase 5' (from 761)" in new_york[CONFLICT]
    assert "-3 (769 in gfci-37, 766 here)" in new_york[CONFLICT]
    assert new_york[MOVEMENT] == "= ⚠"


def test_indexes_without_a_published_change_carry_no_conflict(catalog):
    shown, basis = with_movement(catalog, catalog.get("gii-2023"), catalog.entries("gii-2023"))
    assert shown[CONFLICT].null_count() == shown.height
    assert "⚠" not in basis.legend and not shown[MOVEMENT].str.contains("⚠").any()


def test_the_build_lists_every_such_row():
    report = build.published_against_ours(DATA / "parquet")
    listed = [line for line in report.splitlines()[1:] if line.strip()]
    assert len(listed) == len(_disagreeing_by_hand()) == 1
    assert listed[0].startswith("  gfci-38 Boston: Rank change as published: 'Decrease 2'")


def test_the_details_show_the_conflict_only_where_there_is_one(catalog):
    from cityrank_tui.tui.texts import details_text

    info = catalog.get("gfci-38")
    shown, _ = with_movement(catalog, info, catalog.entries("gfci-38"))
    rows = {r["name"]: r for r in shown.iter_rows(named=True)}
    boston = details_text(info, rows["Boston"], {}).plain
    assert "Published vs ours" in boston and "'Decrease 2' (from 15th)" in boston
    assert "Published vs ours" not in details_text(info, rows["Paris"], {}).plain
