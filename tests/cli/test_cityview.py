"""Every city at once (core/cityview.py) and `cityrank-tui cities`, checked against the
per-city standings the profile uses, so the two views can never disagree."""

from __future__ import annotations

import json


def test_cli_cities(cli, table):
    code, out, _ = cli("cities", "--region", "Eastern Asia", "--min-families", "3")
    assert code == 0
    assert "Tokyo" in out and "In N families" in out
    assert "Tokyo" in out and "most recent edition that holds the city" in out

    code, out, _ = cli("cities", "--top", "2", "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and len(rows) == 2
    assert set(rows[0]["standings"]) == set(table.family_columns)

    code, out, _ = cli("cities", "--country", "KR", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("city_id,name,country,region,subregion")

    code, _, err = cli("cities", "--region", "Narnia")
    assert code == 2 and "unknown region 'Narnia'" in err and err.count("\n") == 1
    code, _, err = cli("cities", "--top", "0")
    assert code == 2 and "--top" in err
