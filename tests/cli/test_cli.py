"""The scriptable commands, including every bad-input path (one clear line, exit code 2)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import polars as pl
import pytest

from cityrank_tui.core.catalog import bundled_data_dir

LISTINGS = [
    ("indexes",),
    ("show", "ici-2014"),
    ("city", "Seoul"),
    ("compare", "Seoul", "Tokyo"),
    ("correlate", "ici-2014", "gii-2023"),
    ("cities", "--top", "5"),
    ("agreement",),
    ("bookmarks", "list"),
]


def test_version(capsys):
    from cityrank_tui import __version__
    from cityrank_tui.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"cityrank-tui {__version__}"


def test_indexes_lists_every_index_with_coverage(cli):
    code, out, _ = cli("indexes", "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0
    assert [r["id"] for r in rows][:9] == [
        "ici-2014",
        "gii-2022",
        "gii-2023",
        "gii-2024",
        "gii-2025",
        "ieci-2022",
        "ieci-2024",
        "ieci-2025",
        "oe-gci-2024",
    ]
    assert len(rows) == 29  # GPCI 2025 joined the 28
    gii = rows[2]
    assert (gii["rows_bundled"], gii["universe_size"], gii["rows_full"]) == (47, 100, 35)


def test_indexes_table_and_csv(cli):
    code, out, _ = cli("indexes")
    assert code == 0 and "151 of 445 cities bundled" in out
    code, out, _ = cli("indexes", "--format", "csv")
    assert next(csv.DictReader(io.StringIO(out)))["id"] == "ici-2014"


def test_show_eastern_asia_nexus(cli):
    code, out, _ = cli("show", "ici-2014", "--region", "Eastern Asia", "--tier", "NEXUS")
    assert code == 0
    for name, score in (
        ("Seoul", "54"),
        ("Tokyo", "53"),
        ("Hong Kong", "53"),
        ("Kyoto", "50"),
        ("Shanghai", "50"),
        ("Osaka", "50"),
    ):
        line = next(line for line in out.splitlines() if f" {name} " in line)
        assert f" {score} " in line
    assert "Sydney" not in out
    assert out.rstrip().endswith(
        "Source: 2thinknow Innovation Cities™ Index 2014: www.innovation-cities.com"
    )


def test_show_json_has_the_documented_fields(cli):
    code, out, _ = cli("show", "gii-2023", "--top", "3", "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and [r["rank"] for r in rows] == [1, 2, 3]
    first = rows[0]
    for key in (
        "index",
        "rank",
        "name",
        "city_ids",
        "country",
        "region",
        "tier",
        "score",
        "source_url",
    ):
        assert key in first
    assert first["city_ids"] == ["tokyo-jp", "yokohama-jp"] and first["score"] == 11.7
    assert first["attribution"].startswith("Source: WIPO")


def test_show_regional_rank_is_its_own_field(cli):
    _, out, _ = cli("show", "ici-2014", "--search", "Seoul", "--format", "json")
    row = json.loads(out)["rows"][0]
    assert (row["rank"], row["regional_rank"]) == (12, 1)


def test_csv_export_carries_attribution_in_a_column_and_keeps_sources(cli):
    code, out, _ = cli("show", "ieci-2024", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 13 and all(r["source_url"].startswith("http") for r in rows)
    assert all(
        r["attribution"]
        == "Source: International Exchange Centers Index 2024, China Institute for Development "
        "Planning, Tsinghua University and Deloitte China"
        for r in rows
    )  # a column, not a trailing comment line that spreadsheets and `import` read as a row
    assert rows[0]["score"] == ""  # never 0


def test_markdown_export_ends_with_attribution(cli):
    code, out, _ = cli("show", "gii-2024", "--top", "2", "--format", "md")
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert last.startswith("- Source: WIPO, Global Innovation Index 2024")
    assert "| Tokyo-Yokohama |" in out


def test_show_output_file(cli, tmp_path):
    target = tmp_path / "out.json"
    code, out, err = cli("show", "ieci-2025", "--format", "json", "--output", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert len(json.loads(target.read_text())["rows"]) == 11


def test_search_and_sort(cli):
    code, out, _ = cli("show", "ici-2014", "--search", "zurich", "--format", "json")
    assert code == 0
    assert [r["name"] for r in json.loads(out)["rows"]] == ["Zürich"]
    _code, out, _ = cli(
        "show",
        "gii-2023",
        "--sort",
        "scientific_publications:desc",
        "--top",
        "1",
        "--format",
        "json",
    )
    assert json.loads(out)["rows"][0]["name"] == "Beijing"


def test_empty_result_says_which_filters(cli):
    code, out, _ = cli("show", "ici-2014", "--region", "Eastern Asia", "--min-score", "60")
    assert code == 0 and "No entry of ici-2014 matches (region=Eastern Asia, score ≥ 60)" in out


def test_city_seoul_in_every_index(cli):
    code, out, _ = cli("city", "Seoul", "--format", "json")
    data = json.loads(out)
    assert code == 0
    ranks = {e["index"]: (e["rank"], e["of"]) for e in data["rows"]}
    assert {k: ranks[k] for k in ("ici-2014", "gii-2022", "gii-2023", "gii-2024")} | {
        k: ranks[k] for k in ("ieci-2022", "ieci-2024", "ieci-2025")
    } == {
        "ici-2014": (12, 445),
        "gii-2022": (4, 100),
        "gii-2023": (3, 100),
        "gii-2024": (4, 100),
        "ieci-2022": (5, 37),
        "ieci-2024": (6, 43),
        "ieci-2025": (4, 50),
    }


def test_city_through_a_cluster_says_which(cli):
    _code, out, _ = cli("city", "Yokohama", "--format", "json")
    entries = {e["index"]: e for e in json.loads(out)["rows"]}
    assert entries["gii-2023"]["via"] == "cluster Tokyo–Yokohama"
    assert entries["ici-2014"]["via"] == "direct"
    assert entries["ieci-2024"]["status"] == "not in our data"


def test_city_table_lists_sources(cli):
    code, out, _ = cli("city", "kyoto")
    assert code == 0 and "via" in out and "cluster Osaka–Kobe–Kyoto" in out and "Sources:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nope-2020"), "unknown index 'nope-2020'; choose one of: eiu-2025"),
        (("show", "ici-2014", "--region", "Mars"), "unknown region for ici-2014 'Mars'"),
        (("show", "ici-2014", "--tier", "GIANT"), "unknown tier for ici-2014 'GIANT'"),
        (("show", "ici-2014", "--sort", "height"), "unknown sort field for ici-2014 'height'"),
        (("show", "ieci-2022", "--min-score", "3"), "ieci-2022 has no published scores"),
        (("show", "ici-2014", "--top", "0"), "--top must be 1 or more"),
        (
            ("city", "San Jose"),
            "matches several cities: San José, Costa Rica (san-jose-cr); San Jose, California, United States",
        ),
        (("city", "Atlantis"), "no city called 'Atlantis'"),
        (("city", "Seoull"), "Did you mean: Seoul"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, args, message):
    code, _out, err = cli(*args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_argparse_errors_exit_2(cli):
    with pytest.raises(SystemExit) as exc:
        cli("show", "ici-2014", "--format", "xml")
    assert exc.value.code == 2


def test_damaged_parquet_is_named(cli, tmp_path, monkeypatch):
    copy = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), copy)
    (copy / "entries" / "gii-2023.parquet").write_bytes(b"not parquet at all")
    monkeypatch.setenv("CITYRANK_BUNDLED_DIR", str(copy))
    code, _, err = cli("show", "gii-2023")
    assert code == 2
    assert "gii-2023.parquet cannot be read" in err and "Traceback" not in err


def test_missing_parquet_is_named(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CITYRANK_BUNDLED_DIR", str(tmp_path / "nowhere"))
    code, _, err = cli("indexes")
    assert code == 2 and "index metadata file is missing" in err and "indexes.parquet" in err


def test_parquet_lacking_columns_is_named(cli, tmp_path, monkeypatch):
    copy = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), copy)
    pl.DataFrame({"x": [1]}).write_parquet(copy / "entries" / "ici-2014.parquet")
    monkeypatch.setenv("CITYRANK_BUNDLED_DIR", str(copy))
    code, _, err = cli("show", "ici-2014")
    assert code == 2 and "lacks columns: index, rank, name" in err


def test_paths(cli, tmp_path):
    code, out, _ = cli("--paths")
    assert code == 0
    assert str(tmp_path / "config" / "bookmarks.toml") in out


@pytest.mark.parametrize(
    "command", LISTINGS, ids=lambda c: c[0] if len(c) == 1 else "-".join(c[:2])
)
def test_every_listing_command_takes_the_same_formats_and_output(cli, tmp_path, command):
    cli("bookmarks", "add", "Seoul")
    for fmt in ("table", "csv", "json", "md"):
        code, out, err = cli(*command, "--format", fmt)
        assert code == 0 and out.strip(), (fmt, err)
        if fmt == "json":
            json.loads(out)
    target = tmp_path / "out.md"
    code, out, err = cli(*command, "--output", str(target))  # the extension picks Markdown
    assert code == 0 and not out and "wrote" in err
    assert "|" in target.read_text(encoding="utf-8")
    code, _, err = cli(*command, "--format", "csv", "--output", str(tmp_path / "x.json"))
    assert code == 2 and "contradicts" in err and not (tmp_path / "x.json").exists()


def test_bookmarks_remove_answers_with_the_citys_name(cli):
    assert cli("bookmarks", "add", "Seoul")[2].strip().endswith("(1 bookmark)")
    code, _, err = cli("bookmarks", "remove", "seoul-kr")
    assert code == 0 and err.startswith("removed Seoul (seoul-kr; 0 bookmarks)")
