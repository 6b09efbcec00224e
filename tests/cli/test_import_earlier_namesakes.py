"""A name that matches two new cities of an earlier import (one made with a country, one
without) is reported with both of them described, never as 'Town 527 ()'."""

from __future__ import annotations

from cityrank_tui.cli import main


def test_an_earlier_imports_new_cities_are_named_among_the_candidates(tmp_path, capsys):
    first = tmp_path / "first.csv"
    first.write_text("Rank,City,Country\n1,Town 527,Germany\n2,Town 527,\n3,Paris,France\n")
    second = tmp_path / "second.csv"
    second.write_text("Rank,City\n1,Town 527\n2,Paris\n")
    assert main(["import", str(first), "--id", "first", "--name", "First"]) == 0
    capsys.readouterr()
    assert main(["import", str(second), "--id", "second", "--name", "Second"]) == 0
    err = capsys.readouterr().err
    (line,) = [line for line in err.splitlines() if "match several known cities" in line]
    assert (
        "Town 527 (Town 527, Germany [first:town-527-de] | Town 527, ? [first:town-527-xx])" in line
    )
