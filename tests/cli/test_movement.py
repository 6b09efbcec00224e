"""`show` carries the movement column where editions compare, and says why where they do not."""

from __future__ import annotations

import csv
import io
import json


def test_show_table_has_a_move_column_after_the_rank_and_says_what_it_counts(cli):
    code, out, _ = cli("show", "gii-2023", "--top", "4")
    assert code == 0
    lines = out.splitlines()
    assert "Move: ▲▼ vs 2022 (? not in its 27 rows we hold)" in lines
    header = next(line for line in lines if line.startswith("Rank"))
    assert header.split()[:3] == ["Rank", "Move", "Name"]
    seoul = next(line for line in lines if "Seoul" in line)
    assert seoul.split()[:3] == ["3", "▲1", "Seoul"]  # 4th in 2022, 3rd in 2023


def test_show_says_why_there_is_no_move_column(cli):
    _, out, _ = cli("show", "gii-2025", "--top", "2")
    assert "No Move column: not comparable with 2024: VC deals added" in out.splitlines()
    header = next(line for line in out.splitlines() if line.startswith("Rank"))
    assert header.split()[:2] == ["Rank", "Name"]
    _, out, _ = cli("show", "gawc-2024", "--top", "2")
    assert "No Move column: not comparable with 2020: classes, not ranks" in out


def test_csv_and_json_carry_the_previous_rank_the_movement_is_counted_from(cli):
    _, out, _ = cli("show", "gii-2023", "--search", "qingdao", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["rank"], row["movement"], row["previous_rank"], row["movement_against"]) == (
        "23",
        "▲11",
        "34",
        "gii-2022",
    )
    _, out, _ = cli("show", "gii-2023", "--search", "london", "--format", "json")
    (london,) = json.loads(out)["rows"]
    assert (london["movement"], london["previous_rank"]) == ("?", None)
    _, out, _ = cli("show", "gii-2025", "--top", "1", "--format", "json")
    assert "movement" not in json.loads(out)["rows"][0]


def test_show_sorts_by_move_as_places_gained_not_as_text(cli):
    _, out, _ = cli("show", "gii-2023", "--sort", "Move:desc", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    # Qingdao rose 11 places (34 → 23): the most of the 27 clusters 2022 lets us compare
    assert (rows[0]["name"], rows[0]["movement"]) == ("Qingdao", "▲11")
    places = [int(r["previous_rank"]) - int(r["rank"]) for r in rows if r["previous_rank"]]
    assert places == sorted(places, reverse=True)
    assert rows[-1]["movement"] in ("?", "")  # no movement known: last either way
    _, out, _ = cli("show", "gii-2023", "--sort", "Move", "--format", "csv")
    first = next(csv.DictReader(io.StringIO(out)))
    assert (first["name"], first["movement"]) == ("Istanbul", "▼13")  # lost the most
    code, _, err = cli("show", "gii-2025", "--sort", "Move")
    assert code != 0 and "Move" not in err.split("choose")[-1]  # no Move column in 2025
