"""core/opened.py: the steps of an opened file agree with `import`, row for row."""

from __future__ import annotations

import shlex
from pathlib import Path

from cityrank_tui.core import importer
from cityrank_tui.core.opened import OPEN_ID, OpenRequest, import_command, link, read_all, read_head
from tests.support.opening import excel_csv

DATA = Path(__file__).parents[1] / "data"


def test_unlinked_gives_builds_rows_in_builds_order(catalog):
    """importer.unlinked is build() without linking: same ranks, names, figures and order."""
    table = importer.read_table(DATA / "linking_entries.csv")
    table = table.select("rank", "name", "country_iso2", "tier").sample(fraction=1.0, seed=3)
    mapping = {"rank": "rank", "name": "name", "country": "country_iso2", "tier": "tier"}
    result = importer.build(catalog, "t", table, mapping)
    built = result.frame
    quick, tiers, _, _ = importer.unlinked(table, mapping, None, "t")
    columns = ["rank", "name", "score", "tier", "tier_order", "country", "source_url"]
    assert quick.select(columns).equals(built.select(columns))
    assert quick["city_ids"].list.len().sum() == 0  # nothing linked: no city guessed
    assert tiers == result.tiers


def test_the_head_is_the_first_rows_and_linking_keeps_them_in_place(tmp_path, catalog):
    rows = [("Rank", "City", "Score"), *((str(n), f"Town {n}", f"{n},5") for n in range(1, 30_001))]
    path = excel_csv(tmp_path, "towns.csv", rows=rows)
    request = OpenRequest(path)
    head = read_head(request)
    whole = read_all(request)
    assert head.stage == "head" and whole.stage == "unlinked"
    assert head.frame.equals(whole.frame.head(head.frame.height))
    assert head.info.universe_size is None and whole.info.universe_size == 30_000
    done = link(catalog, whole)
    assert done.frame["name"].equals(whole.frame["name"]) and done.status == ""
    assert done.frame["index"].unique().to_list() == [OPEN_ID]
    assert done.frame["city_ids"][0].to_list() == ["towns:town-1-xx"]  # as `import` names it
    assert done.info.measure("score").decimals == 1  # 1,5 is shown as 1.5, not 2


def test_a_small_file_is_read_whole_at_once(tmp_path):
    path = excel_csv(tmp_path, "small.csv")
    opened = read_head(OpenRequest(path, mapping={"rank": "Rang", "name": "Stadt"}))
    assert opened.stage == "unlinked" and opened.frame.height == 8


def test_the_import_command_keeps_the_options_and_quotes_a_hostile_name(tmp_path):
    path = excel_csv(tmp_path, "-Städte Ranking.csv")
    request = OpenRequest(path, name="DE 2024", mapping={"rank": "Rang"}, delimiter=";")
    command = import_command(request)
    assert shlex.split(command) == [
        "cityrank-tui",
        "import",
        str(path.resolve()),  # absolute: a leading dash is not read as an option
        "--id",
        "stadte-ranking",
        "--name",
        "DE 2024",
        "--map",
        "rank=Rang",
        "--delimiter",
        ";",
    ]
    evil = OpenRequest(tmp_path / "x\x1b]52;c;Zm9v\x07.csv")
    assert "\x1b" not in import_command(evil) and "\\x1b" in import_command(evil)


def test_the_suggested_id_is_never_the_cities_tabs_name(tmp_path):
    from cityrank_tui.core.opened import import_id

    assert import_id(tmp_path / "Cities.csv") == "my-cities"  # import refuses "cities"
    assert import_id(tmp_path / "Cities 2024.csv") == "cities-2024"
