"""A city's standing in a family comes from the most recent edition that holds it, with its
edition shown; latest-only and per-family editions; exact medians; numeric exports with
coordinates. Figures are read from the source CSVs in data/sources by plain Python."""

from __future__ import annotations

import csv
import json
import re
import statistics
from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core import cityview
from cityrank_tui.core.errors import UsageError

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"


def _rank(file: str, city: str, column: str = "rank", name: str = "city") -> int:
    with open(SOURCES / file, encoding="utf-8", newline="") as handle:
        found = [int(r[column]) for r in csv.DictReader(handle) if r[name] == city]
    assert len(found) == 1, (file, city)
    return found[0]


def _row(table: cityview.CityTable, city_id: str) -> dict[str, object]:
    return table.frame.filter(pl.col("city_id") == city_id).row(0, named=True)


def test_krakow_stands_by_oe_2024_and_gawc_2020(table):
    krakow = _row(table, "krakow-pl")
    oe, gawc = _rank("oe_gci_2024.csv", "Krakow"), _rank("gawc_2020.csv", "Krakow")
    assert krakow["oe-gci"] == f"{oe}/1,000 ’24" and krakow["oe-gci#edition"] == "oe-gci-2024"
    assert krakow["gawc"] == f"{gawc}/707 ’20" and krakow["gawc#edition"] == "gawc-2020"
    assert krakow["families"] == 2
    exact = statistics.median([100 * (1000 - oe) / 1000, 100 * (707 - gawc) / 707])
    assert krakow["median_pctl"] == pytest.approx(exact, rel=1e-12)


def test_at_least_45_cities_are_in_5_families_and_few_in_none(table):
    five = cityview.view(table, cityview.CityFilter(min_families=5), (cityview.MEDIAN, True))
    assert five.height >= 45
    assert table.frame.filter(pl.col("families") == 0).height < 50  # was 861 of 1,089


def test_helsinki_medians_are_exact_and_rounded_only_to_display(catalog):
    ici = _rank("ici_2014_europe.csv", "Helsinki", "global_rank")
    imd = _rank("imd_sci_2024.csv", "Helsinki")
    latest = cityview.city_table(catalog, cityview.EditionRule(latest_only=True))
    helsinki = _row(latest, "helsinki-fi")
    exact = statistics.median([100 * (445 - ici) / 445, 100 * (142 - imd) / 142])
    assert exact == pytest.approx(94.0220, abs=1e-4)
    assert helsinki["median_pctl"] == pytest.approx(exact, rel=1e-12)
    frame = cityview.view(latest, cityview.CityFilter(text="Helsinki"), ("name", False))
    text = cityview.render(latest, frame, "table")
    assert re.search(r"Helsinki .* 94\.0  +2\n", text) and "94.1" not in text  # n: 2 figures
    assert "each family's latest edition" in text

    default = _row(cityview.city_table(catalog), "helsinki-fi")
    oe = _rank("oe_gci_2024.csv", "Helsinki")
    gii = _rank("gii_2023_st_clusters.csv", "Helsinki", name="cluster")  # its latest holding it
    gpci = _rank("gpci_2023.csv", "Helsinki")
    pctls = [
        100 * (445 - ici) / 445,
        100 * (100 - gii) / 100,
        100 * (1000 - oe) / 1000,
        100 * (48 - gpci) / 48,
        100 * (142 - imd) / 142,
    ]
    assert default["median_pctl"] == pytest.approx(statistics.median(pctls), rel=1e-12)


def test_not_ranked_only_where_we_hold_the_whole_list(table):
    seattle = _row(table, "seattle-us")
    assert seattle["gpci"] == "n/r ’23"  # GPCI 2023: 48 of 48 held; GPCI 2024 holds 6
    # no GII edition is held whole (at most 47 of 100 clusters): never "not ranked"
    assert not table.frame["gii"].drop_nulls().str.starts_with("n/r").any()
    assert table.frame.filter(pl.col("gii").is_null()).height > 0


def test_a_family_held_to_one_edition_and_bad_choices(catalog):
    held = cityview.city_table(catalog, cityview.EditionRule(fixed=(("oe-gci", "oe-gci-2025"),)))
    krakow = _row(held, "krakow-pl")
    assert krakow["oe-gci"] is None and krakow["families"] == 1  # OE 2025 holds 10 cities
    assert "oe-gci-2025" in cityview.header_note(held)
    with pytest.raises(UsageError, match="unknown family 'oe'"):
        cityview.city_table(catalog, cityview.EditionRule(fixed=(("oe", "oe-gci-2024"),)))
    with pytest.raises(UsageError, match="editions of oe-gci are"):
        cityview.city_table(catalog, cityview.EditionRule(fixed=(("oe-gci", "gii-2023"),)))


def test_cli_edition_options(cli):
    code, out, _ = cli("cities", "--search", "Krakow", "--edition", "oe-gci=oe-gci-2024")
    assert code == 0 and "267/1,000 ’24" in out
    code, out, _ = cli("cities", "--search", "Helsinki", "--latest-only")
    assert code == 0 and "94.0" in out
    code, _, err = cli("cities", "--edition", "oe-gci")
    assert code == 2 and "FAMILY=INDEX" in err and err.count("\n") == 1
    code, out, _ = cli("agreement", "--edition", "oe-gci=oe-gci-2025", "--format", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert {r["index_a"] for r in rows if r["family_a"] == "oe-gci"} == {"oe-gci-2025"}


def test_sorting_by_a_family_follows_the_rule(table):
    by_oe = cityview.view(table, cityview.CityFilter(), ("oe-gci", False))
    ranks = by_oe["oe-gci#rank"].drop_nulls().to_list()
    assert ranks == sorted(ranks) and len(ranks) > 900  # OE 2024's list, not OE 2025's 10


def test_cities_exports_numbers_editions_and_coordinates(cli, catalog):
    code, out, _ = cli("cities", "--search", "Krakow", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].startswith("# ")  # the attribution of the figures follows the rows
    rows = list(csv.DictReader(line for line in lines if not line.startswith("# ")))
    assert len(rows) == 1
    krakow = rows[0]
    assert krakow["oe-gci_rank"] == "267" and krakow["oe-gci_of"] == "1000"
    assert krakow["oe-gci_edition"] == "oe-gci-2024"
    assert float(krakow["oe-gci_percentile"]) == pytest.approx(100 * (1000 - 267) / 1000)
    assert float(krakow["lat"]) == pytest.approx(50.06143) and float(
        krakow["lon"]
    ) == pytest.approx(19.93658)
    assert not any(re.fullmatch(r"\d+/\d.*", v or "") for v in krakow.values())  # never 1/50

    code, out, _ = cli("cities", "--search", "London", "--country", "GB", "--format", "json")
    london = json.loads(out)["rows"][0]
    cities = catalog.cities.filter(pl.col("city_id") == "london-gb").row(0, named=True)
    assert (london["lat"], london["lon"]) == (cities["latitude"], cities["longitude"])
    oe = london["standings"]["oe-gci"]
    assert set(oe) >= {"rank", "of", "percentile", "edition"}
    assert isinstance(oe["rank"], int) and isinstance(oe["of"], int)
    assert oe["percentile"] == pytest.approx(100 * (oe["of"] - oe["rank"]) / oe["of"])
