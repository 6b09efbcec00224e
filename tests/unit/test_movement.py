"""Movement against the previous edition: matched by cities, never guessed (core/movement.py)."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.movement import (
    MOVEMENT,
    PLACES,
    PREVIOUS_RANK,
    basis,
    compare,
    explain,
    with_movement,
)


def frame(rows: list[tuple[int | None, str, list[str]]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rank": [r for r, _, _ in rows],
            "name": [n for _, n, _ in rows],
            "city_ids": [ids for _, _, ids in rows],
        },
        schema={"rank": pl.Int32, "name": pl.String, "city_ids": pl.List(pl.String)},
    )


PREVIOUS = frame(
    [
        (1, "A–B", ["a", "b"]),
        (2, "C", ["c"]),
        (3, "D–E–F", ["d", "e", "f"]),
        (None, "G (in the list, rank not published)", ["g"]),
        (5, "H", ["h"]),
    ]
)


def cells(current: pl.DataFrame, complete: bool) -> list[str | None]:
    return compare(current, PREVIOUS, complete)[MOVEMENT].to_list()


def test_rose_fell_same_in_the_rows_order():
    current = frame([(1, "C", ["c"]), (2, "A–B", ["a", "b"]), (5, "H", ["h"])])
    moved = compare(current, PREVIOUS, complete=False)
    assert moved[MOVEMENT].to_list() == ["▲1", "▼1", "="]
    assert moved[PREVIOUS_RANK].to_list() == [2, 1, 5]
    assert moved[PLACES].to_list() == [1, -1, 0]


def test_a_cluster_matches_by_its_cities_else_by_its_first_named_city():
    current = frame(
        [
            (1, "B–A (same members, other order)", ["b", "a"]),
            (2, "D (redrawn, named after the same city)", ["d"]),
        ]
    )
    moved = compare(current, PREVIOUS, complete=True)
    assert moved[MOVEMENT].to_list() == ["=", "▲1"]
    assert moved[PREVIOUS_RANK].to_list() == [1, 3]


def test_absent_from_the_previous_list_is_new_only_when_we_hold_that_list_whole():
    current = frame([(4, "X", ["x"])])
    assert cells(current, complete=True) == ["new"]
    assert cells(current, complete=False) == ["?"]


def test_no_rank_on_either_side_or_a_differently_drawn_cluster_is_missing_not_guessed():
    current = frame(
        [
            (3, "G", ["g"]),  # in the previous edition without a rank
            (None, "C", ["c"]),  # no rank in this edition
            (6, "E", ["e"]),  # only a member of the previous D–E–F: not new, not matched
        ]
    )
    moved = compare(current, PREVIOUS, complete=True)
    assert moved[MOVEMENT].to_list() == [None, None, None]
    assert moved[PREVIOUS_RANK].to_list() == [None, 2, None]
    assert moved[PLACES].to_list() == [None, None, None]


def test_gii_2023_against_2022_as_the_sources_print_them(catalog):
    """Checked by hand in data/sources/gii_202{2,3}_st_clusters.csv: Seoul 4 then 3, Qingdao 34
    then 23, Istanbul 46 then 59, Cologne 23 then 25; London is not in the 27 rows of 2022."""
    info = catalog.get("gii-2023")
    shown = with_movement(catalog, info, catalog.entries("gii-2023"))[0]
    by_name = dict(zip(shown["name"], shown[MOVEMENT], strict=True))
    assert by_name["Seoul"] == "▲1"
    assert by_name["Qingdao"] == "▲11"
    assert by_name["Istanbul"] == "▼13"
    assert by_name["Cologne"] == "▼2"
    assert by_name["Tokyo–Yokohama"] == "="
    assert by_name["London"] == "?"
    assert set(shown["movement_against"]) == {"gii-2022"}


def test_gii_2024_cologne_has_no_rank_so_no_movement(catalog):
    shown, _ = with_movement(catalog, catalog.get("gii-2024"), catalog.entries("gii-2024"))
    cologne = shown.filter(pl.col("name") == "Cologne").row(0, named=True)
    assert (cologne[MOVEMENT], cologne[PREVIOUS_RANK]) == (None, 25)


def test_the_column_is_absent_where_the_publisher_says_editions_differ(catalog):
    for index_id, reason in (
        ("gii-2025", "VC deals added"),
        ("gawc-2024", "classes, not ranks"),
        ("gii-2022", "the first edition we hold"),
        ("ici-2014", "the only edition we hold"),
    ):
        info = catalog.get(index_id)
        found = basis(catalog, info)
        assert (found.shown, found.reason) == (False, reason)
        assert MOVEMENT not in with_movement(catalog, info, catalog.entries(index_id))[0].columns
    assert basis(catalog, catalog.get("gii-2025")).why_absent == (
        "not comparable with 2024: VC deals added"
    )
    assert basis(catalog, catalog.get("gii-2022")).why_absent == "the first edition we hold"
    assert basis(catalog, catalog.get("ici-2014")).why_absent == ""  # nothing to compare: no word


def test_the_legend_says_what_a_question_mark_or_new_means(catalog):
    assert basis(catalog, catalog.get("gii-2023")).legend == (
        "▲▼ vs 2022 (? not in its 27 rows we hold)"
    )
    # OE 2024 is held whole (1,000 of 1,000): a city absent from it would be new
    oe = basis(catalog, catalog.get("oe-gci-2025"))
    assert oe.complete
    assert oe.legend == "▲▼ vs 2024 (new: not on its list)"


def test_a_rows_details_say_the_movement_in_words(catalog):
    shown, _ = with_movement(catalog, catalog.get("gii-2024"), catalog.entries("gii-2024"))
    rows = {r["name"]: r for r in shown.iter_rows(named=True)}
    assert explain(rows["Beijing"]) == "▲1: rank 4 in gii-2023"
    assert (
        explain(rows["Changsha"])
        == "?: not in the rows of gii-2023 we hold (the publisher may rank it)"
    )
    assert explain(rows["Cologne"]) == "—: no rank in this edition (rank 25 in gii-2023)"
    assert explain(catalog.entries("gii-2025").row(0, named=True)) is None


def test_gfci_38_agrees_with_the_change_z_yen_prints_beside_each_rank(catalog):
    """GFCI 38's table prints each centre's change in rank since GFCI 37. Wherever we hold both
    ranks our movement says the same, except Boston: printed "Decrease 2", yet the two editions
    print it 19th then 17th (and its rating rose 733 -> 742 as printed), so ▲2 is what the ranks
    say. Tokyo and Zurich rose from below the 20 rows of GFCI 37 we hold: '?', not a guess."""
    import csv
    from pathlib import Path

    source = Path(__file__).parents[2] / "data" / "sources" / "gfci_38.csv"
    printed = {
        int(r["rank"]): r["change_in_rank"]
        for r in csv.DictReader(source.open(encoding="utf-8"))
        if r["change_in_rank"]
    }
    shown, _ = with_movement(catalog, catalog.get("gfci-38"), catalog.entries("gfci-38"))
    ours = dict(zip(shown["rank"], shown[MOVEMENT], strict=True))
    words = {"Increase": "▲", "Decrease": "▼"}
    differ, not_held = set(), set()
    for rank, change in printed.items():
        word, _, places = change.partition(" ")
        expected = "=" if word == "Steady" else words[word] + places
        if ours[rank] == "?":
            not_held.add(rank)
        elif ours[rank] != expected:
            differ.add((rank, change, ours[rank]))
    assert len(printed) == 20
    assert not_held == {15, 16}  # Tokyo, Zurich
    assert differ == {(17, "Decrease 2", "▲2 ⚠")}  # Boston, see above: marked, both kept


def test_an_unreadable_previous_edition_leaves_this_one_open_without_movement(tmp_path):
    import shutil

    from cityrank_tui.core.catalog import Catalog

    bundled = tmp_path / "parquet"
    shutil.copytree(Catalog().bundled_dir, bundled)
    (bundled / "entries" / "gii-2022.parquet").write_bytes(b"not parquet")
    broken = Catalog(bundled_dir=bundled)
    info = broken.get("gii-2023")
    shown, found = with_movement(broken, info, broken.entries("gii-2023"))
    assert MOVEMENT not in shown.columns and shown.height == 47
    assert found.why_absent == "no movement: gii-2022 cannot be read"
