"""#24 item 18: `city NAME` says what it matched, prefers the city's own name, does not match
nickname-style alternate names, and lists real candidates with their state or province.
Before: `city Londn` printed London with no word of the match; `city York` offered Jakarta
(GeoNames' "New York Van Java") and no York, England; `city Portland` took Portland, Oregon
silently; `city Suzhou` listed two identical "Suzhou, China"; `city "London, Canada"` found
nothing though an import holds London, Ontario."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.cityfind import _nickname, match_city
from cityrank_tui.core.textnorm import fold


def test_a_match_by_another_name_says_what_it_matched(cli):
    code, out, err = cli("city", "Londn")
    assert code == 0, err
    assert "Londn: matched London, England, United Kingdom" in out


def test_york_lists_the_places_called_york_and_never_jakarta(cli):
    code, _, err = cli("city", "York")
    assert code == 2
    assert "York, England, United Kingdom" in err
    assert "York, Pennsylvania, United States" in err
    assert "Jakarta" not in err
    assert "New York" in err  # the known name holding it, said apart


def test_portland_names_the_other_portlands_it_did_not_take(cli):
    code, out, err = cli("city", "Portland")
    assert code == 0, err
    assert out.startswith("Portland, Oregon, United States")
    assert "Also called Portland: Portland, Maine, United States" in out
    code, _, err = cli("city", "Portland, Maine")
    assert code == 2 and "Portland, Maine, United States (in none of our indexes)" in err


def test_two_cities_of_one_name_are_told_apart_by_their_province(cli):
    code, _, err = cli("city", "Suzhou")
    assert code == 2
    assert "Suzhou, Jiangsu, China (suzhou-cn)" in err
    assert "Suzhou, Anhui, China (suzhou-cn-1793743)" in err
    code, out, err = cli("city", "Suzhou, Anhui")
    assert code == 0, err
    assert out.startswith("Suzhou, Anhui, China")


def test_the_exact_name_wins_over_names_holding_it(cli):
    code, out, err = cli("city", "London")
    assert code == 0, err
    assert out.startswith("London, England, United Kingdom")  # not East London, not Ontario
    assert "Also called London: London, Ontario, Canada" in out


def test_london_canada_finds_the_imported_london_in_canada(cli, tmp_path):
    path = tmp_path / "hubs.csv"
    pl.DataFrame(
        {"Rank": [1, 2], "City": ["London", "Toronto"], "Country": ["Canada", "Canada"]}
    ).write_csv(path)
    code, _, err = cli("import", str(path), "--id", "ca-hubs", "--name", "CA hubs")
    assert code == 0, err
    code, out, err = cli("city", "London, Canada")
    assert code == 0, err
    assert out.startswith("London, Ontario, Canada")
    assert "ca-hubs" in out and "rank 1" in out
    code, out, err = cli("city", "London")
    assert code == 0 and out.startswith("London, England")  # the prominent one, said
    assert "London, Ontario, Canada" in out


def test_nickname_style_alternate_names_are_not_matched():
    names = {"new york", "jakarta", "albany", "sao goncalo", "sao goncalo do amarante"}
    assert _nickname("new york van java", "jakarta", names)
    assert _nickname("albany i new york", "albany", names)
    assert not _nickname("batavia", "jakarta", names)
    assert not _nickname("kota batam", "batam", names | {"kota"})  # one-word names are words
    assert not _nickname("sao goncalo do amarante", "sao goncalo do amarante", names)


def test_jakarta_keeps_its_other_names_but_not_the_nickname():
    catalog = Catalog()
    assert match_city(catalog, "Batavia").city.city_id == "jakarta-id"
    jakarta = match_city(catalog, "jakarta-id").city
    assert "new york van java" in {fold(a) for a in jakarta.aliases}  # held, not matched
    found = match_city(catalog, "New York")
    assert found.city.city_id == "new-york-us" and found.note is None
