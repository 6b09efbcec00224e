"""An import on the Cities view is shown, not counted (a product decision after a newcomer
review): a user's list moved bundled cities' medians and "in N families" counts. Its figures
stay in their own column and fields; the median and the count come from published rankings."""

from __future__ import annotations

import json
import statistics


def _denver(cli) -> dict:
    _, out, _ = cli("cities", "--search", "Denver", "--country", "US", "--format", "json")
    return json.loads(out)["rows"][0]


def test_a_small_import_moves_no_median_and_no_family_count(cli, tmp_path):
    before = _denver(cli)
    source = tmp_path / "mine.csv"
    source.write_text("Rank,City,Country\n1,Denver,USA\n2,Atlanta,USA\n3,Lagos,Nigeria\n")
    assert cli("import", str(source), "--id", "mine", "--name", "Mine")[0] == 0
    after = _denver(cli)
    mine = after["standings"]["mine"]
    assert (mine["rank"], mine["of"]) == (1, 3)  # shown: its own figures are kept
    assert mine["percentile"] is not None  # it would have moved the median
    published = [
        s["percentile"]
        for key, s in after["standings"].items()
        if key != "mine" and s["percentile"] is not None
    ]
    assert after["median_percentile"] == before["median_percentile"]
    assert after["median_percentile"] == statistics.median(published)
    assert after["median_percentile"] != statistics.median([*published, mine["percentile"]])
    assert after["families"] == before["families"]
    assert after["median_figures"] == len(published)
    _, table, _ = cli("cities", "--search", "Denver")
    assert "imports shown, not counted in the median" in table.lower()
    _, csv, _ = cli("cities", "--search", "Denver", "--format", "csv")
    assert "mine_rank" in csv.splitlines()[0]
