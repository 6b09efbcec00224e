"""ICI's Reg. rank says which of 2thinknow's lists it is a rank in (found by a newcomer review:
under a UN Asia filter Tel Aviv showed 12, its rank in 2thinknow's Europe list). Checked
against the source CSVs: each list's file gives its cities' list ranks."""

from __future__ import annotations

import csv
import json

from tests.support.build import DATA


def _source(name: str) -> dict[str, int]:
    with (DATA / "sources" / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rank = "region_rank" if "region_rank" in rows[0] else "subregion_rank"
    return {r["city"]: int(r[rank]) for r in rows if r[rank]}


def _rows(cli, *args: str) -> list[dict]:
    code, out, err = cli("show", "ici-2014", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)["rows"]


def test_tel_aviv_under_un_asia_shows_its_rank_in_2thinknows_europe_list(cli):
    europe = _source("ici_2014_europe.csv")
    tel_aviv = next(r for r in _rows(cli, "--region", "Asia") if r["name"] == "Tel Aviv")
    assert tel_aviv["regional_rank"] == europe["Tel Aviv"] == 12
    assert tel_aviv["rank_list"] == "Europe"
    _, table, _ = cli("show", "ici-2014", "--region", "Asia", "--search", "Tel Aviv")
    lines = [line for line in table.splitlines() if not line.startswith("View:")]  # names it too
    header, row = (line for line in lines if "Tel Aviv" in line or "Reg." in line)
    assert "2thinknow list" in header and "Europe" in row.split("Tel Aviv", 1)[1]


def test_every_list_rank_names_the_list_its_source_file_is(cli):
    lists = {
        "Europe": _source("ici_2014_europe.csv"),
        "Latin America": _source("ici_2014_americas_latin_america_subregion.csv"),
    }
    rows = _rows(cli)
    for row in rows:
        ranked = row["regional_rank"] or row["subregional_rank"]
        assert (row["rank_list"] is None) == (ranked is None), row["name"]
        if row["rank_list"] in lists:
            assert lists[row["rank_list"]][row["name"]] == ranked, row["name"]
    named = {r["rank_list"] for r in rows}
    assert {"Asia", "Europe", "Latin America"} <= named
