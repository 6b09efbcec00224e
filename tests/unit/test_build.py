"""The bundled Parquet is exactly what data/build.py makes from the sources, and the sources are read faithfully."""

from __future__ import annotations

import csv

import polars as pl
import pytest

from tests.support.build import DATA, build, gazetteer_world


def _csv_rows(name: str) -> int:
    with (DATA / "sources" / name).open(encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.fixture(scope="module")
def gazetteer():
    return gazetteer_world()[0]


def test_asia_seed_has_87_rows_and_repairs_each_shifted_row():
    seed = DATA / "sources" / "ici_2014_asia_seed.txt"
    rows, repaired = build.parse_asia_seed(seed)
    assert len(rows) == 87
    shifted_lines = [
        line for line in seed.read_text(encoding="utf-8").splitlines() if line.endswith("| |")
    ]
    assert repaired == len(shifted_lines) == 19
    assert [r["regional_rank"] for r in rows] == list(range(1, 88))


@pytest.mark.parametrize(
    ("name", "country", "score", "rank", "tier", "state"),
    [
        ("Seoul", "South Korea", 54, 12, "NEXUS", None),
        ("Singapore", "Singapore", 52, 27, "NEXUS", None),
        ("Taipei", "Taiwan", 46, 87, "HUB", None),
        ("Tokyo", "Japan", 53, 15, "NEXUS", "Tokyo"),
        ("Yangon", "Burma", 28, 437, None, "Yangon Region"),
        ("Fukuoka", "Japan", 46, 88, "HUB", "Fukoaka"),  # the published misspelling is kept
    ],
)
def test_seed_rows_are_repaired(catalog, name, country, score, rank, tier, state):
    row = catalog.entries("ici-2014").filter(pl.col("name") == name).row(0, named=True)
    assert (row["country"], row["score"], row["rank"], row["tier"], row["state"]) == (
        country,
        score,
        rank,
        tier,
        state,
    )


def test_yangon_is_unclassified_and_says_so(catalog):
    row = catalog.entries("ici-2014").filter(pl.col("name") == "Yangon").row(0, named=True)
    assert row["classification"] is None and row["tier"] is None
    assert "No classification" in row["note"]
    assert row["city_ids"] == ["yangon-mm"] and row["country_iso2"] == "MM"


@pytest.mark.parametrize(
    ("index_id", "expected"),
    [
        ("ici-2014", 87 + _csv_rows("ici_2014_europe.csv") + _csv_rows("ici_2014_americas.csv")),
        ("gii-2022", _csv_rows("gii_2022_st_clusters.csv")),
        ("gii-2023", _csv_rows("gii_2023_st_clusters.csv")),
        ("gii-2024", _csv_rows("gii_2024_st_clusters.csv")),
        ("ieci-2022", _csv_rows("ieci_2022.csv")),
        ("ieci-2024", _csv_rows("ieci_2024.csv")),
        ("ieci-2025", _csv_rows("ieci_2025.csv")),
    ],
)
def test_every_source_row_is_bundled(catalog, index_id, expected):
    assert catalog.entries(index_id).height == expected
    assert catalog.get(index_id).rows_bundled == expected


def test_row_counts_match_the_sources_notes():
    # data/sources/README.md: 29 Europe rows, 35 Americas rows, GII 47/39/27/43, IECI 20/13/11.
    assert _csv_rows("ici_2014_europe.csv") == 29
    assert _csv_rows("ici_2014_americas.csv") == 35
    assert [_csv_rows(f"gii_{y}_st_clusters.csv") for y in (2023, 2024, 2022, 2025)] == [
        47,
        39,
        27,
        43,
    ]
    assert [_csv_rows(f"ieci_{y}.csv") for y in (2022, 2024, 2025)] == [20, 13, 11]


def test_coverage_counts(catalog):
    assert catalog.get("gii-2023").rows_full == 35  # ranks 1-35 carry WIPO's counts
    assert catalog.get("gii-2023").coverage.startswith("47 of 100 clusters bundled; 35 with")
    assert catalog.get("ici-2014").universe_size == 445
    assert [catalog.get(i).universe_size for i in ("ieci-2022", "ieci-2024", "ieci-2025")] == [
        37,
        43,
        50,
    ]


def test_missing_values_stay_null_never_zero(catalog):
    ieci = catalog.entries("ieci-2024")
    assert ieci["score"].null_count() == ieci.height
    gii = catalog.entries("gii-2023")
    philadelphia = gii.filter(pl.col("rank") == 35).row(0, named=True)
    assert philadelphia["pct_applications"] == 5390 and philadelphia["pct_share_pct"] is None
    assert (
        gii.filter(pl.col("rank") > 35)["pct_applications"].null_count()
        == gii.filter(pl.col("rank") > 35).height
    )


def test_every_entry_keeps_its_source_url_and_links_a_city(catalog):
    for index_id in catalog.indexes:
        frame = catalog.entries(index_id)
        assert frame["source_url"].null_count() == 0, index_id
        assert frame["city_ids"].list.len().min() >= 1, index_id


@pytest.mark.parametrize(
    ("index_id", "name", "members"),
    [
        ("gii-2023", "Tokyo–Yokohama", ["tokyo-jp", "yokohama-jp"]),
        (
            "gii-2023",
            "Shenzhen–Hong Kong–Guangzhou",
            ["shenzhen-cn", "hong-kong-hk", "guangzhou-cn"],
        ),
        ("gii-2023", "San Jose–San Francisco, CA", ["san-jose-us", "san-francisco-us"]),
        ("gii-2023", "Washington, DC–Baltimore, MD", ["washington-us", "baltimore-us"]),
        ("gii-2024", "Macau – Zhuhai", ["macau-mo", "zhuhai-cn"]),
        ("ici-2014", "Yantai-Weihai", ["yantai-cn", "weihai-cn"]),
        ("ici-2014", "Changchun, Jilin", ["changchun-cn"]),
        ("ici-2014", "San Jose, Costa Rica", ["san-jose-cr"]),
    ],
)
def test_clusters_link_to_each_member_city(catalog, index_id, name, members):
    row = catalog.entries(index_id).filter(pl.col("name") == name).row(0, named=True)
    assert row["city_ids"] == members


def test_misspelt_and_variant_names_get_canonical_cities(catalog):
    cities = catalog.cities
    names = dict(zip(cities["city_id"], cities["name"], strict=False))
    assert names["fukuoka-jp"] == "Fukuoka"
    rio = catalog.entries("ici-2014").filter(pl.col("name") == "Rio De Janeiro").row(0, named=True)
    assert rio["city_names"] == "Rio de Janeiro"  # canonical, while the published name is kept
    bengaluru = catalog.entries("ici-2014").filter(pl.col("name") == "Bangalore").row(0, named=True)
    assert bengaluru["city_ids"] == ["bengaluru-in"]


def test_unlinkable_name_fails_the_build(gazetteer):
    from gazetteer import LinkError

    with pytest.raises(LinkError, match="Atlantis"):
        gazetteer.link("Atlantis–Tokyo", None)


def test_a_name_two_cities_share_links_to_neither_without_a_country(gazetteer):
    from gazetteer import LinkError

    with pytest.raises(LinkError, match="Melbourne"):
        gazetteer.link("Melbourne", None)  # Australia and Florida: the build never guesses
    assert gazetteer.link("Melbourne", "Australia") == ["melbourne-au"]


@pytest.mark.parametrize(
    ("published", "country", "ids"),
    [
        ("New York (New York)", "U.S.", ["new-york-us"]),
        ("Mumbai/Bombay", "India", ["mumbai-in"]),
        ("Vienna/Wien", "Austria", ["vienna-at"]),
        ("Washington DC", None, ["washington-us"]),
        ("Dusseldorf", "Germany", ["dusseldorf-de"]),
        ("Frankfurt am Main", "Germany", ["frankfurt-de"]),
        ("Sao Paulo", None, ["sao-paulo-br"]),
        ("Seoul", "Korea", ["seoul-kr"]),
        ("Dubai-Sharjah-Ajman", "UAE", ["dubai-ae", "sharjah-ae", "ajman-ae"]),
        ("Osaka-Kyoto", "Japan", ["osaka-jp", "kyoto-jp"]),
        ("Hong Kong", "Hong Kong SAR, China", ["hong-kong-hk"]),
        ("Amsterdam", "the Netherlands", ["amsterdam-nl"]),
        ("Istanbul", "Türkiye", ["istanbul-tr"]),
    ],
)
def test_publisher_spellings_link(gazetteer, published, country, ids):
    assert gazetteer.link(published, country) == ids
