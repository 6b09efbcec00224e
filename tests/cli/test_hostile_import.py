"""Hostile and careless imports and outputs (issue 12): path-like ids, formula cells, mistyped
metadata, wrong encodings and delimiters, decimal commas, re-imports, concurrent imports, killed
writers, output files whose extension lies, and copies too large for a terminal.

Every test runs the real CLI (in-process) or the real app, and checks that bad input gives one
line and exit 2, never a traceback, and that no file outside the user's folders changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time

import polars as pl
import pytest

from cityrank_tui.core import render
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import paths, userindexes
from tests.support.hostile_import import csv_file, do_import, no_traceback


def rows_of(cli, index_id: str = "mine") -> list[dict]:
    code, out, err = cli("show", index_id, "--format", "json")
    assert code == 0, err
    return json.loads(out)["rows"]


def _bookmarks(cli) -> None:
    assert cli("bookmarks", "add", "Seoul")[0] == 0
    assert paths.bookmarks_file().is_file()


FORMULAS = (
    "Rank,City,Score,Tier,Note\n"
    '1,"=HYPERLINK(""http://evil"",""click"")",-5,+Alpha,@SUM(A1)\n'
    "2,+Town,7,-Beta,=1+1\n"
    "3,London,8,Gamma,-2 below\n"
)


TRIGGER = ("=", "+", "-", "@", "\t", "\r")


def _cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _guarded(rows: list[dict], numeric: tuple[str, ...] = ()) -> None:
    for row in rows:
        for key, value in row.items():
            if key in numeric or not value:
                continue
            assert not value.startswith(TRIGGER), (key, value)


KEPT = ("rank", "name", "score", "tier", "note", "source_url", "country")


def _state(cli) -> tuple:
    folder = paths.data_dir() / "indexes"
    cities = [
        pl.read_parquet(p).sort("city_id").to_dicts() for p in folder.glob("*.cities.parquet")
    ]
    return (
        rows_of(cli),
        cli("city", "Kraków", "--format", "json")[1:],
        cli("city", "Montréal", "--format", "json")[1:],
        cities,
    )


def _age(path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


@pytest.mark.parametrize(
    "bad_id",
    ["../../config/bookmarks", "../x", "a/b", "name\n", "gawc\n", "/tmp/abs-id", "A-B", ".hidden"],
)
def test_remove_index_refuses_ids_that_are_paths(cli, tmp_path, bad_id):
    _bookmarks(cli)
    before = paths.bookmarks_file().read_bytes()
    outside = tmp_path / "x.toml"
    outside.write_text("keep = true\n")
    (paths.data_dir() / "indexes").mkdir(parents=True, exist_ok=True)
    code, _, err = cli("remove-index", bad_id)
    assert code == 2 and no_traceback(err) and "not an index id" in err
    assert paths.bookmarks_file().read_bytes() == before and outside.is_file()


def test_remove_index_with_a_newline_does_not_remove_the_index(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n")
    assert do_import(cli, path, "gawc")[0] == 0
    code, _, err = cli("remove-index", "gawc\n")  # `$` would have matched before the newline
    assert code == 2 and "not an index id" in err
    assert len(rows_of(cli, "gawc")) == 1


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "name\n", "/tmp/abs-id", "x" * 49])
def test_import_refuses_ids_that_are_paths(cli, tmp_path, bad_id):
    path = csv_file(tmp_path, "Rank,City\n1,London\n")
    code, _, err = do_import(cli, path, bad_id)
    assert code == 2 and no_traceback(err) and "lower-case letters" in err
    folder = paths.data_dir() / "indexes"
    assert not folder.exists() or not [p for p in folder.iterdir() if not p.name.startswith(".")]


def test_every_csv_writer_guards_formula_cells(cli, tmp_path):
    path = csv_file(tmp_path, FORMULAS)
    assert do_import(cli, path, "evil")[0] == 0
    assert do_import(cli, csv_file(tmp_path, FORMULAS, "b.csv"), "evil-b")[0] == 0
    code, out, _ = cli("show", "evil", "--format", "csv")
    rows = _cells(out)
    _guarded(rows, numeric=("score", "rank", "lat", "lon", "geonames_id"))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil","click")'
    assert rows[0]["score"] == "-5"  # a number stays a number
    assert rows[0]["tier"] == "'+Alpha" and rows[0]["note"] == "'@SUM(A1)"
    target = tmp_path / "out.csv"
    assert cli("show", "evil", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
    # the clipboard (y / Y) gets the same text
    cat = Catalog(user_dir=paths.data_dir())
    copied = render.clipboard_text(
        cat.entries("evil"), cat.get("evil"), "csv", "e", cat.cities, "sorted by Rank"
    )
    assert copied == out
    # city, compare, correlate and the bookmarks export
    code, out, err = cli("city", "+Town", "--format", "csv")
    assert code == 0, err
    _guarded(_cells(out), numeric=("rank", "of", "percentile", "score"))
    assert cli("bookmarks", "add", "+Town")[0] == 0
    code, out, _ = cli("bookmarks", "export", "--format", "csv")
    body = [line for line in out.splitlines() if not line.startswith("# ")]
    _guarded(_cells("\n".join(body)))
    assert "'+Town" in out
    code, out, _ = cli("compare", "+Town", "London", "--format", "csv")
    _guarded(_cells("\n".join(li for li in out.splitlines() if not li.startswith("# "))))
    code, out, _ = cli("correlate", "evil", "evil-b", "--format", "csv")
    body = [line for line in out.splitlines() if not line.startswith("# ")]
    rows = _cells("\n".join(body))
    _guarded(rows, numeric=("rank_a", "rank_b", "gap"))
    assert any(r["city"] == "'+Town" for r in rows)


def test_a_guarded_export_imports_back_as_it_was(cli, tmp_path):
    assert do_import(cli, csv_file(tmp_path, FORMULAS), "evil")[0] == 0
    target = tmp_path / "back.csv"
    assert cli("show", "evil", "--output", str(target))[0] == 0
    assert do_import(cli, target, "evil-again")[0] == 0
    first, again = rows_of(cli, "evil"), rows_of(cli, "evil-again")
    keys = ("rank", "name", "score", "tier", "note")
    assert [[r[k] for k in keys] for r in first] == [[r[k] for k in keys] for r in again]


def test_a_failing_parquet_export_is_one_line(cli, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    code, _, err = cli("show", "ici-2014", "--format", "parquet", "--output", "/dev/full")
    assert code == 2 and "Traceback" not in err and "cannot write /dev/full" in err


def test_ranks_beyond_32_bits_are_refused_with_the_line(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n3000000000,Paris\n")
    code, _, err = do_import(cli, path)
    assert code == 2 and "Traceback" not in err and "at most 2,147,483,647 (lines 3)" in err


@pytest.mark.parametrize(
    "column",
    [
        pl.Series("City", [["London"], ["Paris"]]),
        pl.Series("City", [b"London", b"Paris"]),
        pl.Series("City", [{"n": "London"}, {"n": "Paris"}]),
    ],
)
def test_nested_or_binary_parquet_columns_are_one_line(cli, tmp_path, column):
    path = tmp_path / "nested.parquet"
    pl.DataFrame([pl.Series("Rank", [1, 2]), column]).write_parquet(path)
    code, _, err = do_import(cli, path)
    assert code == 2 and "Traceback" not in err and "column 'City' (for name) holds" in err
    # the same column, not mapped, is simply not imported
    pl.DataFrame(
        [pl.Series("Rank", [1, 2]), pl.Series("Town", ["London", "Paris"]), column]
    ).write_parquet(path)
    code, _, err = do_import(cli, path, "mine", "--map", "name=Town")
    assert code == 0, err
    assert [r["name"] for r in rows_of(cli)] == ["London", "Paris"]


def test_a_cp1252_csv_is_decoded_and_said(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City,Note\n1,Zürich,café – “quoted”\n", encoding="cp1252")
    code, _, err = do_import(cli, path)
    assert code == 0, err
    assert "read as Windows-1252 (cp1252)" in err
    row = rows_of(cli)[0]
    assert row["name"] == "Zürich" and row["city_ids"] == ["zurich-ch"]
    assert row["note"] == "café – “quoted”" and "\ufffd" not in json.dumps(row)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_marks_are_honoured(cli, tmp_path, encoding):
    path = csv_file(tmp_path, "Rank,City\n1,Zürich\n2,Kraków\n", encoding=encoding)
    code, _, err = do_import(cli, path)
    assert code == 0, err
    assert "byte-order mark" in err and "guessed rank = column 'Rank'" in err
    assert [r["name"] for r in rows_of(cli)] == ["Zürich", "Kraków"]


def test_encoding_option_and_replacement_characters(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,Zürich\n", encoding="latin-1")
    code, _, err = do_import(cli, path, "mine", "--encoding", "latin-1")
    assert code == 0 and "read as latin-1" in err
    assert rows_of(cli)[0]["name"] == "Zürich"
    code, _, err = do_import(cli, path, "mine", "--encoding", "utf-8")
    assert code == 2 and "is not valid utf-8" in err and "line 2" in err
    code, _, err = do_import(cli, path, "mine", "--encoding", "klingon")
    assert code == 2 and "not an encoding" in err
    lossy = csv_file(tmp_path, "Rank,City\n1,Z\ufffdrich\n", "lossy.csv")
    code, _, err = do_import(cli, lossy, "lossy")
    assert code == 0 and "U+FFFD" in err and "line 2" in err


def test_utf16_without_a_bom_is_refused_with_a_hint(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n", encoding="utf-16-le")
    code, _, err = do_import(cli, path)
    assert code == 2 and "--encoding utf-16-le" in err
    code, _, err = do_import(cli, path, "mine", "--encoding", "utf-16-le")
    assert code == 0, err


def test_decimal_commas_are_read_as_decimals_and_said(cli, tmp_path):
    text = 'Rank;City;Score\n1;Zürich;12,5\n2;Basel;"1.234,75"\n3;Bern;7\n'
    code, _, err = do_import(cli, csv_file(tmp_path, text))
    assert code == 0, err
    assert "column 'Score' has decimal commas" in err and "'12,5' read as 12.5" in err
    assert [r["score"] for r in rows_of(cli)] == [12.5, 1234.75, 7.0]


def test_thousands_separators_are_removed_and_said(cli, tmp_path):
    text = 'Rank,City,Score\n"1,000",London,"1,234.5"\n2,Paris,3.25\n'
    code, _, err = do_import(cli, csv_file(tmp_path, text))
    assert code == 0, err
    assert "column 'Score': thousands separators removed" in err
    assert "column 'Rank': thousands separators removed" in err
    assert [(r["rank"], r["score"]) for r in rows_of(cli)] == [(2, 3.25), (1000, 1234.5)]


def test_mixed_decimal_marks_are_refused_with_lines(cli, tmp_path):
    text = 'Rank,City,Score\n1,London,"12,5"\n2,Paris,3.25\n3,Rome,"1,2,3"\n'
    code, _, err = do_import(cli, csv_file(tmp_path, text))
    assert code == 2 and "mixes decimal commas (line 2: '12,5')" in err
    assert "decimal points (line 3: '3.25')" in err
    code, _, err = do_import(cli, csv_file(tmp_path, 'Rank,City,Score\n1,Rome,"1,2,3"\n'))
    assert code == 2 and "line 2: '1,2,3'" in err  # no longer read silently as 123


@pytest.mark.parametrize("sep, word", [(";", "semicolons"), ("\t", "tabs"), ("|", "pipes")])
def test_delimiters_are_detected_and_said(cli, tmp_path, sep, word):
    text = sep.join(["Rank", "City", "Score"]) + "\n" + sep.join(["1", "Zürich", "12"]) + "\n"
    code, _, err = do_import(cli, csv_file(tmp_path, text))
    assert code == 0, err
    assert f"fields separated by {word}" in err
    assert rows_of(cli)[0]["name"] == "Zürich"


def test_delimiter_option(cli, tmp_path):
    path = csv_file(tmp_path, "Rank;City,with comma\n1;Paris, France\n")
    code, _, err = do_import(cli, path, "mine", "--delimiter", ";", "--map", "name=City,with comma")
    assert code == 0 and "as --delimiter says" in err
    assert rows_of(cli)[0]["name"] == "Paris, France"
    code, _, err = do_import(cli, path, "mine", "--delimiter", "x")
    assert code == 2 and "--delimiter 'x'" in err


# Each bundled index's own rows, shown once per worker: the three formats compare against the same.
_ORIGINAL_ROWS: dict[str, list[dict]] = {}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_every_bundled_index_exported_imports_back_with_identical_rows(
    cli, tmp_path, monkeypatch, fmt
):
    bundled = [i for i, info in Catalog().indexes.items() if info.bundled]
    for n, index_id in enumerate(bundled):
        # Each round trip in a data folder of its own: an import is read against the bundled
        # cities alone (not the earlier round trips' imports), and the catalogue stays small.
        monkeypatch.setenv("CITYRANK_DATA_DIR", str(tmp_path / f"data-{n}"))
        target = tmp_path / f"{index_id}.{fmt}"
        assert cli("show", index_id, "--output", str(target))[0] == 0
        code, _, err = do_import(cli, target, f"back-{n}")
        assert code == 0, err
        if index_id not in _ORIGINAL_ROWS:
            _ORIGINAL_ROWS[index_id] = rows_of(cli, index_id)
        original, back = _ORIGINAL_ROWS[index_id], rows_of(cli, f"back-{n}")
        # A classification without ranks (GaWC 2024) lists its rows in class order, which an
        # import without --tiers does not know: the rows must be the same, in any order.
        kept = sorted(([r[k] for k in KEPT] for r in original), key=repr)
        assert kept == sorted(([r[k] for k in KEPT] for r in back), key=repr), index_id
        if all(r["rank"] is not None for r in original):
            assert [[r[k] for k in KEPT] for r in original] == [[r[k] for k in KEPT] for r in back]


def test_an_old_export_with_a_trailing_source_line_imports_without_it(cli, tmp_path):
    path = csv_file(tmp_path, "rank,name\n1,London\n2,Paris\n# Source: someone\n")
    code, _, err = do_import(cli, path)
    assert code == 0 and "skipped 1 comment line" in err
    assert [r["name"] for r in rows_of(cli)] == ["London", "Paris"]


def test_reimport_equals_first_import(cli, tmp_path):
    # London is bundled, Tromsø a GeoNames place no bundled index names, Gotham and Zzyzxville
    # are in no gazetteer: each kind of link must come out of a re-import as it came the first time.
    path = csv_file(
        tmp_path,
        "Rank,City,Country\n1,London,GB\n2,Tromsø,NO\n3,Gotham,US\n4,Zzyzxville,CA\n",
    )
    expected = (
        "2 of 4 names linked to cities (1 of them to GeoNames places not in any bundled index); "
        "2 kept as new cities: Gotham; Zzyzxville"
    )
    code, _, first_err = do_import(cli, path)
    assert code == 0 and expected in first_err, first_err
    once = _state(cli)
    assert "no city called" not in once[1][1]
    code, _, again_err = do_import(cli, path)
    assert code == 0 and expected in again_err, again_err
    assert _state(cli) == once
    cli("bookmarks", "add", "London")
    for name in ("Tromsø", "Gotham"):
        code, out, _ = cli("city", name)
        assert code == 0 and "bookmark" not in out


def test_output_extension_and_format_must_agree(cli, tmp_path):
    code, _, err = cli("show", "ici-2014", "--output", str(tmp_path / "x.weird"))
    assert code == 2 and "unknown extension '.weird'" in err
    code, _, err = cli(
        "show", "ici-2014", "--output", str(tmp_path / "one.json"), "--format", "csv"
    )
    assert code == 2 and "contradicts" in err
    assert not (tmp_path / "one.json").exists()
    code, _, err = cli("bookmarks", "export", "--output", str(tmp_path / "b.xlsx"))
    assert code == 2 and "tsv, json or md, not xlsx" in err
    cli("bookmarks", "add", "Seoul")
    assert cli("bookmarks", "export", "--output", str(tmp_path / "b.json"))[0] == 0
    assert json.loads((tmp_path / "b.json").read_text())["rows"][0]["lists"] == []


def test_xlsx_output_is_real_excel_and_never_a_formula(cli, tmp_path):
    assert do_import(cli, csv_file(tmp_path, FORMULAS), "evil")[0] == 0
    target = tmp_path / "view.xlsx"
    code, _, err = cli("show", "evil", "--output", str(target))
    assert code == 0, err
    assert target.read_bytes()[:2] == b"PK"  # a zip: an Excel workbook, not text
    frame = pl.read_excel(target)
    assert frame["name"][1] == "+Town" and frame["note"][1] == "=1+1"  # text, as written
    assert frame["attribution"][0].startswith("Imported by the user")


def test_xlsx_without_the_writer_says_how_to_get_it(cli, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    code, _, err = cli("show", "ici-2014", "--output", str(tmp_path / "v.xlsx"))
    assert code == 2 and "pip install 'cityrank-tui[excel]'" in err


def test_json_outputs_use_lists_and_end_with_a_newline(cli, tmp_path):
    for args in (
        ("show", "gii-2023", "--top", "3"),
        ("bookmarks", "export"),
    ):
        cli("bookmarks", "add", "Seoul", "--list", "asia")
        target = tmp_path / "out.json"
        assert cli(*args, "--output", str(target), "--force")[0] == 0  # the second replaces
        text = target.read_text()
        assert text.endswith("}\n")
    rows = json.loads(cli("show", "gii-2023", "--top", "3", "--format", "json")[1])["rows"]
    assert rows[0]["city_names"] == ["Tokyo", "Yokohama"] and isinstance(rows[0]["city_ids"], list)
    marks = json.loads(cli("bookmarks", "export", "--format", "json")[1])["rows"]
    assert marks[0]["lists"] == ["asia"]
    ici = json.loads(cli("show", "ici-2014", "--format", "json")[1])["rows"]
    scores = [r["score"] for r in ici if r["score"] is not None]
    assert max(scores) == 56 and all(type(s) is int for s in scores)
    gii = json.loads(cli("show", "gii-2023", "--format", "json")[1])["rows"]
    assert {type(r["score"]) for r in gii} - {type(None)} == {float}  # 11.7, so 6.0 stays 6.0
    entries = json.loads(cli("city", "Seoul", "--format", "json")[1])["rows"]
    # each score as its index declares it: ICI's integer 56, GII's share 1.3 (as in `show`)
    scores = {e["index"]: e["score"] for e in entries if e["score"] is not None}
    assert type(scores["ici-2014"]) is int and type(scores["gii-2023"]) is float
    assert {type(e["rank"]) for e in entries} - {type(None)} == {int}  # null: not in our data


def test_a_second_import_of_the_same_id_is_told_another_is_running(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n")
    with userindexes.import_lock(paths.data_dir(), "mine"):
        code, _, err = do_import(cli, path)
        assert code == 2 and "another import of mine is running" in err
        assert do_import(cli, path, "other")[0] == 0  # another id is not held up
    assert do_import(cli, path)[0] == 0
    assert not list((paths.data_dir() / "indexes").glob(".*.lock"))  # no lock file left behind


def test_concurrent_imports_in_processes_never_give_a_confusing_error(tmp_path):
    import subprocess
    import sys

    rows = "\n".join(f"{n},Town {n}" for n in range(1, 40_001))
    path = csv_file(tmp_path, f"Rank,City\n{rows}\n")
    cmd = [sys.executable, "-m", "cityrank_tui.cli", "import", str(path), "--id", "big"]
    procs = [
        subprocess.Popen(
            [*cmd, "--name", "Big"], stderr=subprocess.PIPE, text=True, env=os.environ.copy()
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs if p.stderr]
    for code, err in results:
        assert "Traceback" not in err
        assert code == 0 or "another import of big is running" in err, err
    assert any(code == 0 for code, _ in results)


def test_stale_temp_files_of_ours_are_removed_on_the_next_write(cli, tmp_path):
    _bookmarks(cli)
    folder = paths.bookmarks_file().parent
    stale = folder / ".bookmarks.toml.k2j4h5g6.tmp"
    fresh = folder / ".bookmarks.toml.a1b2c3d4.tmp"
    foreign = folder / "bookmarks.toml.mine.tmp"
    for path in (stale, fresh, foreign):
        path.write_text("half a write")
    _age(stale, 3600)
    _age(foreign, 3600)
    assert cli("bookmarks", "add", "Tokyo")[0] == 0
    assert not stale.exists() and fresh.exists() and foreign.exists()


def test_a_killed_imports_parquet_is_removed_on_the_next_import(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n")
    assert do_import(cli, path, "kept")[0] == 0
    folder = paths.data_dir() / "indexes"
    orphan = folder / "gone.20240101000000-123-456.parquet"
    recent = folder / "running.20240101000000-124-457.parquet"
    other = folder / "notes.parquet.bak"
    for p in (orphan, recent, other):
        p.write_bytes(b"PAR1partial")
    _age(orphan, 7200)
    _age(other, 7200)
    assert do_import(cli, path, "next")[0] == 0
    assert not orphan.exists() and recent.exists() and other.exists()
    assert rows_of(cli, "kept") and rows_of(cli, "next")  # files in use are never touched


def test_replacement_characters_in_a_parquet_file_are_reported(cli, tmp_path):
    path = tmp_path / "lossy.parquet"
    pl.DataFrame({"Rank": [1, 2], "City": ["Z\ufffdrich", "Paris"]}).write_parquet(path)
    code, _, err = do_import(cli, path)
    assert code == 0 and "1 cell(s) hold the replacement character U+FFFD" in err


def test_a_line_with_too_many_fields_is_named(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\n1,London\n2,Paris,France\n")
    code, _, err = do_import(cli, path)
    assert code == 2 and "line 3 has 3 fields but the header has 2" in err


def test_old_mac_line_ends_and_a_wrong_delimiter(cli, tmp_path):
    path = csv_file(tmp_path, "Rank,City\r1,London\r2,Paris\r")
    code, _, err = do_import(cli, path)
    assert code == 0, err
    assert [r["name"] for r in rows_of(cli)] == ["London", "Paris"]
    code, _, err = do_import(cli, path, "mine", "--delimiter", "tab")
    assert code == 2 and "one column: say the right delimiter with --delimiter" in err


def test_a_metadata_file_not_named_like_an_id_is_skipped(cli, tmp_path):
    folder = paths.data_dir() / "indexes"
    folder.mkdir(parents=True)
    (folder / "Not An Id.toml").write_text('name = "x"\nrows_bundled = 1\nuniverse_size = 1\n')
    code, _, err = cli("indexes")
    assert code == 0 and "Not An Id.toml is not named like an imported index" in err


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_a_hint(cli, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Rank,City\n1,London\n2,\x81\x8d\n")
    code, _, err = do_import(cli, path)
    assert code == 2 and "neither UTF-8 nor Windows-1252 text (line 3)" in err
    assert "--encoding" in err
    assert do_import(cli, path, "mine", "--encoding", "latin-1")[0] == 0


def test_whole_numbers_with_dot_groups_are_thousands_and_said(cli, tmp_path):
    text = "Rank;City\n999;London\n1.000;Paris\n1.001;Rome\n"
    code, _, err = do_import(cli, csv_file(tmp_path, text))
    assert code == 0, err
    assert "column 'Rank': thousands separators removed from 2 figure(s)" in err
    assert [r["rank"] for r in rows_of(cli)] == [999, 1000, 1001]


def test_a_workbook_saved_as_csv_is_named_for_what_it_is(cli, tmp_path):
    path = tmp_path / "sheet.csv"
    pl.DataFrame({"Rank": [1], "City": ["London"]}).write_excel(path)
    code, _, err = do_import(cli, path)
    assert code == 2 and "is a workbook or Parquet file, not text" in err


def test_unmatched_names_are_capped_on_screen_and_all_in_the_report_file(cli, tmp_path):
    rows = "\n".join(f"{n},Nowhere {n}" for n in range(1, 101))
    report = tmp_path / "report.txt"
    code, _, err = cli(
        "import",
        str(csv_file(tmp_path, f"Rank,City\n{rows}\n")),
        "--id",
        "nowhere",
        "--name",
        "Nowhere",
        "--report",
        str(report),
    )
    assert code == 0
    assert "Nowhere 20; … and 80 more (--report FILE lists all)" in err
    assert "Nowhere 21;" not in err
    written = report.read_text(encoding="utf-8")
    assert all(f"Nowhere {n}" in written for n in (1, 21, 100))


def test_a_fifo_in_place_of_imported_metadata_never_hangs(tmp_path):
    """Item 4 for indexes/<id>.toml: refused at once, named, the other indexes still listed."""
    import subprocess
    import sys

    folder = paths.data_dir() / "indexes"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "piped.toml")
    proc = subprocess.run(
        [sys.executable, "-m", "cityrank_tui.cli", "indexes"],
        capture_output=True,
        text=True,
        timeout=60,  # before the fix: blocked forever opening the FIFO
        env=os.environ.copy(),
        check=False,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "piped.toml" in proc.stderr and "not a regular file" in proc.stderr
    assert "ici-2014" in proc.stdout
