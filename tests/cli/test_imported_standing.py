"""A user's own small list on the Cities view (found by a newcomer review): a three-row import
marked every other city in the world "n/r" (not ranked) and labelled its ranks '#0'."""

from __future__ import annotations

import json


def test_an_import_without_an_edition_is_no_whole_list_and_has_no_edition_tag(cli, tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text("Rank,City,Country\n1,London,UK\n2,Paris,France\n3,Berlin,Germany\n")
    assert cli("import", str(source), "--id", "mine", "--name", "Mine")[0] == 0
    _, out, _ = cli("cities", "--search", "London", "--country", "GB", "--format", "json")
    london = json.loads(out)["rows"][0]["standings"]["mine"]
    assert london["standing"] == "1/3" and london["rank"] == 1 and london["of"] == 3
    _, out, _ = cli("cities", "--search", "Tokyo", "--format", "json")
    tokyo = json.loads(out)["rows"][0]["standings"]["mine"]
    assert tokyo["status"] is None and tokyo["standing"] is None  # not in the file: not n/r
    _, table, _ = cli("cities", "--search", "Tokyo")
    assert "n/r" not in table.split("Tokyo", 1)[1].splitlines()[0].split()[-3:]
    assert "#0" not in cli("cities", "--search", "London")[1]
