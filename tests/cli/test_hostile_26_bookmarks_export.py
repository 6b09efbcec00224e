"""Issue 26 item 18: `bookmarks export` of thousands of bookmarks.

5,000 bookmarks (every bundled city, 2,000 cities an imported list made, the rest ids no longer
in the data) exported as JSON and CSV: every figure is checked against the index files read
row by row here in plain Python (the best-ranked entry naming the city), every absence against
the per-city route (`cities.best_standings`), and the JSON is written in pieces, never held
whole (50,000 bookmarks made a 460 MB string and took 3 GB)."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest
import tomli_w

from cityrank_tui.core import cities
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import paths

COUNT = 5_000
IMPORTED = 2_000


@pytest.fixture
def marks(cli, tmp_path):
    """(bookmarks file content, catalogue) for COUNT bookmarks."""
    names = tmp_path / "list.csv"
    lines = ["rank,city,country"] + [
        f"{n},Placeville {n},{'France' if n % 2 else 'Kenya'}" for n in range(1, IMPORTED + 1)
    ]
    names.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = cli("import", str(names), "--id", "big", "--name", "Big list")
    assert code == 0, err
    catalog = Catalog(user_dir=paths.data_dir())
    ids = list(catalog.cities["city_id"])
    assert len(ids) > IMPORTED + 1000
    ids += [f"gone-{n}-xx" for n in range(COUNT - len(ids))]
    items = [
        {
            "city_id": city_id,
            "name": f"Stored {n}",
            "note": f"=note {n}" if n % 7 == 0 else f"note {n}",
            "lists": ["Shortlist"] if n % 3 == 0 else [],
            "added": f"2026-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}",
        }
        for n, city_id in enumerate(ids)
    ]
    for item in items:
        if not item["lists"]:
            del item["lists"]
    paths.bookmarks_file().parent.mkdir(parents=True, exist_ok=True)
    paths.bookmarks_file().write_text(tomli_w.dumps({"bookmarks": items}), encoding="utf-8")
    return items, catalog


def _best_entries(catalog: Catalog) -> dict[tuple[str, str], dict]:
    """(index id, city id) -> the best-ranked entry naming the city, read row by row."""
    best: dict[tuple[str, str], dict] = {}
    for index_id in catalog.indexes:
        for row in catalog.entries(index_id).iter_rows(named=True):
            for city_id in row["city_ids"] or []:
                old = best.get((index_id, city_id))
                if old is None or (
                    row["rank"] is not None and (old["rank"] is None or row["rank"] < old["rank"])
                ):
                    best[(index_id, city_id)] = row
    return best


def _check(items, catalog, rows):
    """`rows`: (city id, name, known, note, lists, {index id: (status, rank, via, url)})."""
    best = _best_entries(catalog)
    known = set(catalog.cities["city_id"])
    names = catalog.city_names
    assert [r[0] for r in rows] == [i["city_id"] for i in items]  # in the order they were added
    for item, (city_id, name, is_known, note, lists, indexes) in zip(items, rows, strict=True):
        assert note == item["note"] and lists == item.get("lists", [])
        assert is_known == (city_id in known)
        assert name == (names[city_id] if is_known else item["name"])
        assert list(indexes) == list(catalog.indexes)
        city = cities.city_by_id(catalog, city_id) if is_known else None
        sample = city is not None and city_id.startswith("b") and ":" not in city_id
        absent = cities.best_standings(catalog, city) if sample else {}
        for index_id, (status, rank, via, url) in indexes.items():
            entry = best.get((index_id, city_id))
            if not is_known:
                assert (status, rank, via, url) == ("unknown city", None, None, None)
            elif entry is None:
                assert status in ("not ranked", "not in our data") and rank is via is url is None
                if index_id in absent:  # the per-city route, for bundled ids starting with b
                    assert status == absent[index_id].status
            else:
                assert rank == entry["rank"] and url == entry["source_url"]
                cluster = len(entry["city_ids"]) > 1
                assert via == (f"cluster {entry['name']}" if cluster else "direct")
                if rank is not None:
                    assert status.startswith(f"rank {rank}")


def test_five_thousand_bookmarks_as_json_hold_every_figure_from_the_index_files(cli, marks):
    items, catalog = marks
    code, out, err = cli("bookmarks", "export", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["title"] == "Bookmarks" and document["attribution"]
    rows = [
        (
            r["city_id"],
            r["name"],
            r["known"],
            r["note"],
            r.get("lists", []),
            {
                k: (v["status"], v["rank"], v["via"], v["source_url"])
                for k, v in r["indexes"].items()
            },
        )
        for r in document["rows"]
    ]
    _check(items, catalog, rows)
    # the same document as json.dumps lays it out (the rows written one at a time)
    assert out == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_five_thousand_bookmarks_as_csv_hold_every_figure_from_the_index_files(cli, marks):
    items, catalog = marks
    code, out, err = cli("bookmarks", "export", "--format", "csv")
    assert code == 0, err
    body = [line for line in out.splitlines(keepends=True) if not line.startswith("# ")]
    records = list(csv.DictReader(io.StringIO("".join(body))))

    def number(text):
        return int(text) if text else None

    rows = [
        (
            r["city_id"],
            r["name"],
            r["known"] == "true",  # yes/no as JSON writes it, in every CSV
            r["note"][1:] if r["note"].startswith("'") else r["note"],  # a formula is guarded
            r["lists"].split("; ") if r["lists"] else [],
            {
                i: (
                    r[f"{i}_status"],
                    number(r[f"{i}_rank"]),
                    r[f"{i}_via"] or None,
                    r[f"{i}_source_url"] or None,
                )
                for i in catalog.indexes
            },
        )
        for r in records
    ]
    _check(items, catalog, rows)
    assert all(r["note"].startswith("'=") for r in records[::7])


def test_the_json_is_written_a_piece_at_a_time_never_held_whole(cli, marks, tmp_path):
    """Python's own memory during the export stays below the document's size (old code:
    the whole text, its bytes and every record were held at once)."""
    target = tmp_path / "marks.json"
    tracemalloc.start()
    try:
        code, _out, err = cli("bookmarks", "export", "--format", "json", "--output", str(target))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0, err
    size = target.stat().st_size
    assert size > 30_000_000  # every index for each of 5,000 cities
    assert peak < size, f"{peak:,} bytes held for a {size:,}-byte document"
