"""Every bundled edition against its source file; the gazetteer; the CLI over all families."""

from __future__ import annotations

import json
import re

import pytest

GAWC_ACK = (
    "The data were produced by Ben Derudder and Peter J. Taylor and constitute Dataset 31 of "
    "the Globalization and World Cities (GaWC) research network (https://gawc.lboro.ac.uk/) "
    "publication of inter-city data."
)


def test_london_in_at_least_12_families(cli):
    code, out, _ = cli("city", "London", "--format", "json")
    data = json.loads(out)
    families = {e["family"] for e in data["rows"] if e["status"].startswith(("rank", "listed"))}
    assert code == 0 and len(families) >= 12


def test_city_by_a_shared_name_says_which_it_took(cli):
    code, out, _ = cli("city", "Melbourne")  # Australia, 60 times as populous as Florida's
    assert code == 0 and out.startswith("Melbourne, Victoria, Australia")
    assert "Also called Melbourne: Melbourne, Florida, United States (melbourne-us)" in out
    code, out, _ = cli("city", "melbourne-us")
    assert code == 0 and out.startswith("Melbourne, Florida, United States")
    assert "Also called" not in out


def test_oe_2024_northern_europe_top_5_with_category_ranks(cli):
    code, out, _ = cli("show", "oe-gci-2024", "--region", "Northern Europe", "--top", "5")
    assert code == 0
    for label in ("Economics", "Human cap.", "Qual. of life", "Environment", "Governance"):
        assert label in out
    body = [line for line in out.splitlines() if re.match(r"\s*\d+ {2,}[A-Z]", line)]
    assert len(body) == 5 and "London" in body[0]


GAWC_2024 = "The World According to GaWC 2024, a city classification by the Globalization and World Cities (GaWC) research network (https://gawc.lboro.ac.uk/)."


def test_gawc_2024_alpha_plus_lists_eight_cities_with_the_acknowledgement(cli):
    """GaWC 2024 is acknowledged as the 2024 classification, never as Dataset 31 (the 2020
    connectivity data, whose acknowledgement belongs to that data)."""
    code, out, _ = cli("show", "gawc-2024", "--tier", "Alpha+", "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and len(rows) == 8
    assert all(GAWC_2024 in r["attribution"] for r in rows)
    assert not any("Dataset 31" in r["attribution"] for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "md", "table"])
def test_gawc_exports_carry_the_acknowledgement(cli, fmt):
    for index_id, ack in (("gawc-2020", GAWC_ACK), ("gawc-2024", GAWC_2024)):
        code, out, _ = cli("show", index_id, "--top", "3", "--format", fmt)
        assert code == 0 and ack in out.replace("\n", " ")


def test_correlate_oe_2024_with_gawc_2020_compares_400_cities(cli):
    code, out, _ = cli("correlate", "oe-gci-2024", "gawc-2020", "--format", "json")
    assert code == 0
    assert json.loads(out)["n"] >= 400


def test_sources_command_names_terms_and_geonames(cli):
    code, out, _ = cli("sources", "gawc-2020")
    assert code == 0 and GAWC_ACK in out and "protocol" in out
    code, out, _ = cli("sources")
    assert code == 0 and "GeoNames" in out and "CC BY 4.0" in out


def test_indexes_groups_editions_under_families_with_publisher_lists(cli):
    code, out, _ = cli("indexes")
    assert code == 0
    assert "Asia 87 of 87" in out and "Europe 29 of 153" in out
    assert out.index("gii-2022") < out.index("gii-2025") < out.index("ieci-2022")


def test_import_links_names_to_geonames_places(cli, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "Rank,City,Country\n1,Kraków,Poland\n2,Reykjavík,Iceland\n3,Qwxyzville,\n4,Tromsø,Norway\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(path), "--id", "mine", "--name", "Mine")
    assert code == 0, err
    code, out, _ = cli("show", "mine", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)["rows"]}
    assert rows["Kraków"]["city_ids"] == ["krakow-pl"]
    assert (rows["Kraków"]["region"], rows["Kraków"]["subregion"]) == ("Europe", "Eastern Europe")
    assert rows["Reykjavík"]["subregion"] == "Northern Europe"
    assert rows["Reykjavík"]["city_ids"][0].startswith("reykjavik-is")
    # a place no bundled index names comes from the GeoNames table shipped with the app
    assert rows["Tromsø"]["city_ids"] == ["tromso-no"]
    assert rows["Tromsø"]["subregion"] == "Northern Europe"
    assert "kept as new cities: Qwxyzville" in err  # unmatched names are listed
