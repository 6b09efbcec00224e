"""Imports honour the country a row gives, list what a name without one could mean, and warn
about names a lossy save damaged; a new city takes its row's country and region.

The files are the kind users send: Excel's semicolon CSV saved as Windows-1252 with German
headers and decimal commas, and a plain UTF-8 CSV. The expected places were read by hand from
GeoNames (through places.parquet): London, Ontario is 6058560; St. Petersburg, Florida 4171563;
Perth, Scotland 2640358; Córdoba, Andalusia 2519240; Victoria, British Columbia 6174041;
Santiago de Compostela 3109642 (GeoNames lists 'Santiago' among its names).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core import importer
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.reading import read_table

# What a German user's Excel saves: semicolons, cp1252, decimal commas. 'Łódź' has letters
# cp1252 lacks: the save writes '?ód?' (Python's errors="replace" does the same).
GERMAN = """Rang;Stadt;Land;Punkte
1;London;Canada;85,25
2;St. Petersburg;USA;80
3;Santiago;Spain;79
4;Perth;UK;78
5;Córdoba;Spanien;77
6;Canton;USA;76
7;Victoria;Canada;75
8;Łódź;Polen;73
"""
NO_COUNTRY = """Rank,City
1,Victoria
2,Francisco
3,Canton
4,Zürich
"""
MAP = {"rank": "Rang", "name": "Stadt", "country": "Land", "score": "Punkte"}


def _import(tmp_path: Path, text: str, encoding: str, mapping: dict[str, str] | None = None):
    path = tmp_path / "cities.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    table = read_table(path)
    mapping, _ = importer.resolve_mapping(table.columns, mapping or {})
    result = importer.build(Catalog(user_dir=tmp_path / "data"), "mine", table, mapping)
    rows = {r["rank"]: r for r in result.frame.iter_rows(named=True)}
    return result, rows


def _geonameid(catalog: Catalog, result, city_id: str) -> int | None:
    for frame in (result.new_cities, catalog.cities):
        found = frame.filter(pl.col("city_id") == city_id)
        if found.height:
            return found["geonameid"][0]
    return None


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return _import(tmp_path_factory.mktemp("de"), GERMAN, "cp1252", MAP)


@pytest.mark.parametrize(
    ("rank", "geonameid", "iso"),
    [
        (1, 6058560, "CA"),  # London, Ontario: not London, England, the one bundled London
        (2, 4171563, "US"),  # St. Petersburg, Florida: not Saint Petersburg, Russia
        (3, 3109642, "ES"),  # Santiago de Compostela: not Santiago, Chile
        (4, 2640358, "GB"),  # Perth, Scotland: not Perth, Australia
        (5, 2519240, "ES"),  # Córdoba, Spain ('Spanien'): not Córdoba, Argentina
        (7, 6174041, "CA"),  # Victoria, British Columbia: not 'several known cities'
    ],
)
def test_a_name_with_a_country_links_to_the_place_in_that_country(german, rank, geonameid, iso):
    result, rows = german
    (city_id,) = rows[rank]["city_ids"]
    assert _geonameid(Catalog(), result, city_id) == geonameid
    assert rows[rank]["country_iso2"] == iso


def test_canton_usa_is_an_american_canton_and_the_report_names_the_others(german):
    result, rows = german
    (city_id,) = rows[6]["city_ids"]
    assert city_id != "guangzhou-cn" and rows[6]["country_iso2"] == "US"
    line = next(x for x in result.report if "several GeoNames places" in x)
    assert "Canton ->" in line
    assert "Canton, Ohio, US" in line and "Canton, Michigan, US" in line


def test_a_lossy_save_is_reported_and_the_new_city_takes_its_rows_country(german):
    result, rows = german
    lodz = rows[8]
    assert lodz["name"] == "?ód?"
    assert lodz["city_ids"] == ["mine:od-pl"]  # a new city, in Poland ('Polen')
    assert (lodz["country_iso2"], lodz["country_name"], lodz["region"]) == (
        "PL",
        "Poland",
        "Europe",
    )
    line = next(x for x in result.report if "'?' or '\ufffd'" in x)
    assert line.startswith("1 name holds") and ": ?ód?." in line and "UTF-8" in line


def test_the_figures_of_the_german_file_are_read_as_written(german):
    _, rows = german
    assert rows[1]["score"] == 85.25 and rows[2]["score"] == 80.0


def test_a_name_without_a_country_that_matches_several_is_listed_with_its_candidates(tmp_path):
    result, rows = _import(tmp_path, NO_COUNTRY, "utf-8")
    assert rows[1]["city_ids"] == ["mine:victoria-xx"]  # kept as a new city, not guessed
    line = next(x for x in result.report if "several known cities" in x)
    assert "Victoria (" in line and "[victoria-sc]" in line and "[hong-kong-hk]" in line
    assert rows[4]["city_ids"] == ["zurich-ch"]  # one known city: linked as before


def test_francisco_is_not_an_old_name_of_a_cuban_town(tmp_path):
    result, rows = _import(tmp_path, NO_COUNTRY, "utf-8")
    assert rows[2]["city_ids"] == ["mine:francisco-xx"]
    assert "amancio" not in " ".join(result.report).lower()


def test_a_place_name_without_a_country_still_links_to_the_most_populous(tmp_path):
    """No country: 'Canton' is Guangzhou's old name in English, a known city, and links there;
    the report stays quiet about it because only one known city has that name."""
    _, rows = _import(tmp_path, NO_COUNTRY, "utf-8")
    assert rows[3]["city_ids"] == ["guangzhou-cn"]


def test_utf8_with_the_right_letters_links_lodz(tmp_path):
    result, rows = _import(tmp_path, GERMAN, "utf-8", MAP)
    assert rows[8]["name"] == "Łódź" and rows[8]["country_iso2"] == "PL"
    assert not rows[8]["city_ids"][0].startswith("mine:")
    assert not any("'?' or" in x for x in result.report)


def test_the_cli_import_of_the_german_file_says_it_all(cli, tmp_path):
    path = tmp_path / "staedte.csv"
    path.write_bytes(GERMAN.encode("cp1252", errors="replace"))
    maps = [x for field, column in MAP.items() for x in ("--map", f"{field}={column}")]
    code, _, err = cli("import", str(path), "--id", "staedte", "--name", "Städte", *maps)
    assert code == 0, err
    assert "read as Windows-1252" in err and "semicolons" in err
    assert "Canton -> canton-us, of: Canton, Michigan, US | Canton, Ohio, US" in err
    assert "1 name holds '?' or" in err
    code, out, _ = cli("city", "london-ca")
    assert code == 0 and "staedte" in out


def test_a_known_city_taken_without_a_country_names_its_namesakes(tmp_path):
    """'London' alone links to the bundled London, England; the report says GeoNames also has
    London, Ontario, so a user who meant that one knows to give the country."""
    result, rows = _import(tmp_path, "Rank,City\n1,London\n2,Zürich\n", "utf-8")
    assert rows[1]["city_ids"] == ["london-gb"]
    line = next(x for x in result.report if "without a country was linked" in x)
    assert line.startswith("1 name without") and "London (also London, Ontario, CA)" in line
    assert "Zürich (also" not in line
