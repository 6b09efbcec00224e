"""Importing your own index (CSV, TSV, Parquet, Excel), removing it, and exporting views."""

from __future__ import annotations

import json
import os
import re

import polars as pl
import pytest

from cityrank_tui.store import paths, userindexes
from tests.support.importing import ROWS, imported, write


@pytest.mark.parametrize("kind", ["csv", "tsv", "parquet", "xlsx"])
def test_round_trip_each_format(cli, tmp_path, kind):
    path = write(tmp_path, kind)
    code, _, err = imported(cli, path, *(["--sheet", "Cities"] if kind == "xlsx" else []))
    assert code == 0, err
    assert "guessed rank = column 'Rank'" in err and "guessed name = column 'City'" in err
    assert "4 of 6 names linked to cities (1 of them to GeoNames places" in err
    assert "2 kept as new cities: Gotham" in err  # every unmatched name is listed
    assert "1 rank is shared by several rows (kept as ties), e.g. 3" in err  # not "1 ranks are"
    assert "1 row has no rank: kept" in err
    code, out, _ = cli("show", "my-gawc-2024", "--format", "json")
    rows = json.loads(out)["rows"]
    assert [(r["rank"], r["name"], r["score"], r["tier"]) for r in rows] == [
        (1, "London", 90.5, "Alpha"),
        (2, "New York", 88.0, "Alpha"),
        (3, "Gotham", 70.0, "Beta"),
        (3, "zurich", 70.0, "Beta"),
        (5, "[red]x[/red]\x1b[31m", 50.0, "Gamma"),
        (None, "Springfield", None, "Gamma"),
    ]
    assert rows[0]["city_ids"] == ["london-gb"] and rows[3]["city_ids"] == ["zurich-ch"]
    assert rows[3]["city_names"] == ["Zürich"] and rows[1]["country_iso2"] == "US"
    assert rows[2]["city_ids"] == ["my-gawc-2024:gotham-us"] and rows[2]["region"] == "Americas"
    assert all(r["source_url"] == path.resolve().as_uri() for r in rows)
    assert rows[0]["attribution"].startswith("Imported by the user from gawc.")


def test_imported_index_works_everywhere(cli, tmp_path):
    imported(cli, write(tmp_path, "csv"))
    assert "my-gawc-2024" in cli("indexes")[1]
    code, out, _ = cli("show", "my-gawc-2024", "--tier", "beta", "--region", "Europe")
    assert code == 0 and "zurich" in out and "Gotham" not in out
    code, out, _ = cli("city", "Zürich")
    assert re.search(r"my-gawc-2024 +rank 3 of 6", out)
    code, out, _ = cli("city", "Gotham")  # a name no known city matched: kept as a new city
    assert code == 0 and re.search(r"my-gawc-2024 +rank 3 of 6", out)
    code, out, _ = cli("compare", "London", "New York")
    assert re.search(r"GaWC 2024 +Rank +● 1/6", out)  # the import, by its --name
    assert cli("bookmarks", "add", "Gotham")[0] == 0


def test_names_linked_to_nothing_are_cities_made_from_their_rows(cli, tmp_path):
    # "Gotham" (US) and the unreadable name link to nothing: they are cities, found by name
    # and linked to by a later import, but no cities file holds them (only the GeoNames place)
    imported(cli, write(tmp_path, "csv"))
    (cities_file,) = (paths.data_dir() / "indexes").glob("*.cities.parquet")
    assert pl.read_parquet(cities_file)["name"].to_list() == ["Springfield"]
    later = tmp_path / "later.csv"
    later.write_text("Rank,City,Country\n1,Gotham,United States\n2,Metropolis,\n", encoding="utf-8")
    code, _, err = cli("import", str(later), "--id", "later", "--name", "Later")
    assert code == 0 and "1 of 2 names linked to cities" in err, err
    code, out, _ = cli("city", "my-gawc-2024:gotham-us")
    assert re.search(r"my-gawc-2024 +rank 3 of 6", out) and re.search(r"later +rank 1 of 2", out)
    code, out, _ = cli("city", "Metropolis")  # a new city of the later import
    assert re.search(r"later +rank 2 of 2", out) and not re.search(r"my-gawc-2024 +rank", out)
    # its source gives no country: said so, never "None"
    assert out.splitlines()[0] == (
        "Metropolis, country not known: none in its source (id later:metropolis-xx)"
    )
    assert "None" not in out


def test_reimport_replaces_and_a_failed_import_keeps_the_previous_version(cli, tmp_path):
    imported(cli, write(tmp_path, "csv"))
    before = cli("show", "my-gawc-2024", "--format", "csv")[1]
    bad = write(
        tmp_path,
        "csv",
        [
            *ROWS,
            {"Rank": "seven", "City": "Metropolis", "Country": "", "Score": "1", "Tier": "Gamma"},
        ],
    )
    code, _, err = imported(cli, bad)
    assert code == 2 and "line 8: 'seven'" in err
    assert cli("show", "my-gawc-2024", "--format", "csv")[1] == before
    smaller = write(tmp_path, "csv", ROWS[:2])
    code, _, err = imported(cli, smaller)
    assert code == 0 and "replaced my-gawc-2024: 2 rows" in err
    assert len(json.loads(cli("show", "my-gawc-2024", "--format", "json")[1])["rows"]) == 2
    files = sorted(p.name for p in (paths.data_dir() / "indexes").iterdir())
    assert (
        len(files) == 2 and "my-gawc-2024.toml" in files
    )  # the old version's files are gone (no new cities now)


def test_a_failing_write_changes_nothing(cli, tmp_path, monkeypatch):
    imported(cli, write(tmp_path, "csv"))
    before = cli("show", "my-gawc-2024", "--format", "csv")[1]
    files = sorted((paths.data_dir() / "indexes").iterdir())

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    real_replace = os.replace
    monkeypatch.setattr(userindexes.tomlfile.os, "replace", full)
    code, _, err = imported(cli, write(tmp_path, "csv", ROWS[:2]))
    monkeypatch.setattr(userindexes.tomlfile.os, "replace", real_replace)
    assert code == 2 and "no space left on the disk holding" in err and "nothing was changed" in err
    assert sorted((paths.data_dir() / "indexes").iterdir()) == files
    assert cli("show", "my-gawc-2024", "--format", "csv")[1] == before


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("Rank,City\n", [], "the file has no rows"),
        ("Foo,Bar\n1,2\n", [], "no rank or name column: the file has Foo, Bar"),
        (
            "Rank,Town\n1,A\nx,B\n3,C\n4.5,D\n",
            [],
            "2 rank value(s) in column 'Rank' are not whole numbers (line 3: 'x', line 5: '4.5')",
        ),
        (
            "Rank,City,Score\n1,A,high\n",
            [],
            "score value(s) in column 'Score' are not numbers (line 2: 'high')",
        ),
        ("Rank,City\n1,A\n2,\n", [], "1 row(s) have no name (lines 3)"),
        ("Rank,City\n0,A\n", [], "ranks must be 1 or more"),
        ("Rank,City,Tier\n1,A,Gold\n", ["--tiers", "Alpha"], "tier values not in --tiers: Gold"),
        ("Rank,City\n1,A\n", ["--map", "rank"], "write FIELD=COLUMN"),
        ("Rank,City\n1,A\n", ["--map", "name=Town"], "unknown column for --map name 'Town'"),
        ("Rank,City\n1,A\n", ["--map", "rnk=Rank"], "unknown field 'rnk'"),
    ],
)
def test_bad_files_get_one_clear_line(cli, tmp_path, content, args, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    code, _, err = cli("import", str(path), "--id", "mine", "--name", "Mine", *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (paths.data_dir() / "indexes" / "mine.toml").exists()


def test_bad_ids_formats_and_unreadable_files(cli, tmp_path):
    good = write(tmp_path, "csv")
    assert "is a bundled index" in cli("import", str(good), "--id", "ici-2014", "--name", "x")[2]
    assert "lower-case letters" in cli("import", str(good), "--id", "My Index", "--name", "x")[2]
    assert "names the Cities tab" in cli("import", str(good), "--id", "cities", "--name", "x")[2]
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    assert "unknown format '.xyz'" in cli("import", str(odd), "--id", "a", "--name", "x")[2]
    assert (
        "no such file" in cli("import", str(tmp_path / "gone.csv"), "--id", "a", "--name", "x")[2]
    )
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"\x00garbage")
    code, _, err = cli("import", str(broken), "--id", "a", "--name", "x")
    assert code == 2 and "cannot read broken.parquet as PARQUET" in err


def test_remove_index(cli, tmp_path):
    imported(cli, write(tmp_path, "csv"))
    assert cli("remove-index", "my-gawc-2024")[0] == 0
    assert "my-gawc-2024" not in cli("indexes")[1]
    assert not list((paths.data_dir() / "indexes").iterdir())
    code, _, err = cli("remove-index", "ici-2014")
    assert code == 2 and "bundled" in err
    code, _, err = cli("remove-index", "my-gawc-2024")
    assert code == 2 and "no imported index called 'my-gawc-2024'" in err


def test_damaged_imported_index_is_skipped_with_a_warning(cli, tmp_path):
    imported(cli, write(tmp_path, "csv"))
    (paths.data_dir() / "indexes" / "my-gawc-2024.toml").write_text("name = [broken")
    code, out, err = cli("indexes")
    assert code == 0 and "ici-2014" in out and "my-gawc-2024" not in out
    assert "cannot be read" in err and "skipped" in err


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "parquet"])
def test_show_output_in_every_format_keeps_sources_and_attribution(cli, tmp_path, fmt):
    target = tmp_path / f"view.{fmt}"
    code, _, _ = cli(
        "show", "ici-2014", "--region", "Eastern Asia", "--tier", "NEXUS", "--output", str(target)
    )
    assert code == 0
    if fmt == "parquet":
        frame = pl.read_parquet(target)
        assert (
            frame["name"].to_list()[:2] == ["Seoul", "Tokyo"]
            and frame["source_url"].null_count() == 0
        )
        assert frame["attribution"][0].startswith("Source: 2thinknow")
    else:
        text = target.read_text()
        assert (
            "Seoul" in text
            and "http://innovation-cities.com/?p=8900" in text
            and "2thinknow" in text
        )
    code, _, err = cli("show", "ici-2014", "--format", "parquet")
    assert code == 2 and "needs --output" in err


def test_an_ambiguous_name_without_a_country_is_kept_and_reported(cli, tmp_path):
    path = tmp_path / "sj.csv"
    path.write_text("Rank,City\n1,San Jose\n2,London\n")
    code, _, err = cli("import", str(path), "--id", "sj", "--name", "SJ")
    assert code == 0 and "1 names match several known cities" in err and "San Jose" in err
    rows = json.loads(cli("show", "sj", "--format", "json")[1])["rows"]
    assert rows[0]["city_ids"] == ["sj:san-jose-xx"] and rows[1]["city_ids"] == ["london-gb"]
    path.write_text("Rank,City,Country\n1,San Jose,Costa Rica\n")
    cli("import", str(path), "--id", "sj", "--name", "SJ")
    assert json.loads(cli("show", "sj", "--format", "json")[1])["rows"][0]["city_ids"] == [
        "san-jose-cr"
    ]
