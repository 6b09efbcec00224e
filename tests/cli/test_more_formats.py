"""TSV for every listing command, `bookmarks export` as a table, and `--paths` as JSON."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

LISTINGS = [
    ("indexes",),
    ("sources", "gawc-2020"),
    ("show", "gpci-2023", "--top", "5"),
    ("city", "Paris"),
    ("compare", "London", "Paris"),
    ("correlate", "gawc-2020", "gii-2023"),
    ("cities", "--top", "5"),
    ("agreement",),
]


def rows(text: str, delimiter: str) -> list[list[str]]:
    body = "".join(line + "\n" for line in text.splitlines() if not line.startswith("# "))
    return list(csv.reader(io.StringIO(body), delimiter=delimiter))


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_tsv_holds_the_cells_csv_holds(cli, command):
    code, as_csv, err = cli(*command, "--format", "csv")
    assert code == 0, err
    code, as_tsv, err = cli(*command, "--format", "tsv")
    assert code == 0, err
    assert "\t" in as_tsv.splitlines()[0]
    assert rows(as_tsv, "\t") == rows(as_csv, ",") and len(rows(as_csv, ",")) > 1


def test_bookmarks_export_writes_the_table_list_shows(cli, tmp_path):
    assert cli("bookmarks", "add", "Paris", "--note", "trip")[0] == 0
    code, listed, err = cli("bookmarks", "list")
    assert code == 0, err
    code, exported, err = cli("bookmarks", "export", "--format", "table")
    assert code == 0, err
    assert exported == listed and exported.startswith("City  ") and "Paris  trip" in exported
    target = tmp_path / "marks.txt"
    assert cli("bookmarks", "export", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == listed


def test_paths_as_json_is_the_one_shape_naming_each_folder(cli):
    code, out, err = cli("--paths", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert list(doc) == ["title", "rows", "attribution"]
    where = {r["name"]: r["path"] for r in doc["rows"]}
    config = os.environ["CITYRANK_CONFIG_DIR"]
    assert where["config"].startswith(config) and where["bookmarks"].startswith(config)
    assert where["state"].startswith(os.environ["CITYRANK_STATE_DIR"])
    assert where["imported indexes"].startswith(os.environ["CITYRANK_DATA_DIR"])
    code, text, _ = cli("--paths")
    assert [line.split(":", 1)[0] for line in text.splitlines()] == list(where)


def test_format_without_paths_or_a_command_is_one_line(cli):
    code, out, err = cli("--format", "json")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_an_empty_view_says_so_in_the_table_and_is_an_empty_document_elsewhere(cli):
    args = ("show", "gpci-2023", "--search", "zzzz")
    code, out, err = cli(*args)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == 'No entry of gpci-2023 matches (search "zzzz").'
    assert lines[2] == "" and lines[3].startswith("Source: The Mori") and len(lines) == 4
    doc = json.loads(cli(*args, "--format", "geojson")[1])
    assert doc["features"] == [] and doc["properties"]["not_placed"] == []
    assert cli(*args, "--format", "tsv")[1].count("\n") == 1  # the header only
