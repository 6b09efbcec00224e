"""Build the bundled Parquet files from the sources kept beside this script.

    python data/build.py            # writes data/parquet/
    python data/build.py --out DIR  # writes elsewhere (the tests rebuild into a temp folder)

Inputs (all in data/):
  sources/*.csv, sources/ici_2014_asia_seed.txt  public figures, one source_url per row
  indexes.toml                                   what each index is (publisher, attribution, ...)
  countries.csv                                  ISO codes and UN M49 region / sub-region
  cities.csv                                     stable city ids, canonical names, aliases

Nothing is estimated: a value missing from a source stays null. The build fails loudly when
a published name cannot be linked to exactly one city, so no row is ever silently dropped.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from cityrank_tui.core.schema import CITY_SCHEMA, ENTRY_SCHEMA, INDEX_SCHEMA  # noqa: E402
from cityrank_tui.core.textnorm import fold  # noqa: E402

SOURCES = HERE / "sources"
ASIA_URL = "http://innovation-cities.com/?p=8900"
CLASSIFICATION = re.compile(r"^\d (NEXUS|HUB|NODE|INFLUENCER|UPSTART)$")
STATE_SUFFIX = re.compile(r",\s*[A-Z]{2}$")
PART_SEPARATOR = re.compile(r"\s*[–—-]\s*")

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


class BuildError(Exception):
    pass


@dataclass
class Geography:
    countries: dict[str, dict[str, str]] = field(default_factory=dict)
    country_keys: dict[str, str] = field(default_factory=dict)
    cities: dict[str, dict[str, object]] = field(default_factory=dict)
    city_keys: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Geography:
        geo = cls()
        for row in _read_csv(HERE / "countries.csv"):
            geo.countries[row["iso2"]] = row
            for key in [row["iso2"], row["iso3"], row["name"], *_split_aliases(row["aliases"])]:
                geo.country_keys[fold(key)] = row["iso2"]
        for row in _read_csv(HERE / "cities.csv"):
            if row["country_iso2"] not in geo.countries:
                raise BuildError(
                    f"cities.csv: {row['city_id']} has unknown country {row['country_iso2']}"
                )
            aliases = _split_aliases(row["aliases"])
            geo.cities[row["city_id"]] = {**row, "aliases": aliases}
            for key in {fold(row["name"]), *(fold(a) for a in aliases)}:
                geo.city_keys.setdefault(key, []).append(row["city_id"])
        return geo

    def country_hints(self, published: str | None) -> set[str]:
        """ISO codes named by a published country or economy ('CN/HK', 'China and Hong Kong, China')."""
        if not published:
            return set()
        hints = set()
        for part in re.split(r"/| and ", published):
            key = fold(part.strip().rstrip("*"))
            if key not in self.country_keys:
                raise BuildError(f"unknown country or economy {part!r} in {published!r}")
            hints.add(self.country_keys[key])
        if "CN" in hints:  # the publishers file Hong Kong and Macao under China
            hints |= {"HK", "MO"}
        return hints

    def link(self, name: str, published_country: str | None) -> list[str]:
        """The city ids a published name refers to: one city, or each member of a cluster."""
        hints = self.country_hints(published_country)
        whole = self._lookup(name, hints)
        if whole:
            return [whole]
        ids = []
        for part in PART_SEPARATOR.split(name):
            city = self._lookup(STATE_SUFFIX.sub("", part), hints)
            if city is None:
                raise BuildError(
                    f"cannot link {part!r} (in {name!r}) to exactly one city in cities.csv"
                )
            ids.append(city)
        return ids

    def _lookup(self, name: str, hints: set[str]) -> str | None:
        found = self.city_keys.get(fold(name), [])
        if hints:
            found = [c for c in found if self.cities[c]["country_iso2"] in hints]
        return found[0] if len(found) == 1 else None


def _split_aliases(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def _read_csv(path: Path) -> list[dict[str, str | None]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)
        ]


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


def ici_rows() -> list[dict]:
    asia, _ = parse_asia_seed(SOURCES / "ici_2014_asia_seed.txt")
    europe = [
        {
            "regional_rank": _int(r["region_rank"]),
            "rank": _int(r["global_rank"]),
            "classification": r["classification"],
            "name": r["city"],
            "state": r["state"],
            "country": r["country"],
            "score": _float(r["score"]),
            "publisher_region": "Europe",
            "source_url": r["source_url"],
        }
        for r in _read_csv(SOURCES / "ici_2014_europe.csv")
    ]
    sub_ranks = {
        (r["global_rank"], r["city"]): r["subregion_rank"]
        for r in _read_csv(SOURCES / "ici_2014_americas_latin_america_subregion.csv")
    }
    americas = [
        {
            "regional_rank": _int(r["region_rank"]),
            "subregional_rank": _int(sub_ranks[(r["global_rank"], r["city"])]),
            "rank": _int(r["global_rank"]),
            "classification": r["classification"],
            "name": r["city"],
            "state": r["state"],
            "country": r["country"],
            "score": _float(r["score"]),
            "publisher_region": "Americas",
            "publisher_subregion": "Latin America",
            "source_url": r["source_url"],
            "note": "Classified '0' in the source (below the UPSTART band)."
            if r["classification"] == "0"
            else None,
        }
        for r in _read_csv(SOURCES / "ici_2014_americas.csv")
    ]
    rows = asia + europe + americas
    for row in rows:
        row["tier"] = _tier(row["classification"])
    return rows


def gii_rows(edition: int) -> list[dict]:
    return [
        {
            "rank": _int(r["rank"]),
            "name": r["cluster"],
            "country": r["economy"],
            "score": _float(r["total_share_pct"]),
            "pct_applications": _int(r["pct_applications"]),
            "scientific_publications": _int(r["scientific_publications"]),
            "pct_share_pct": _float(r["pct_share_pct"]),
            "pub_share_pct": _float(r["pub_share_pct"]),
            "top_patent_applicant": r["top_patent_applicant"],
            "top_scientific_organization": r["top_scientific_organization"],
            "source_url": r["source_url"],
        }
        for r in _read_csv(SOURCES / f"gii_{edition}_st_clusters.csv")
    ]


def ieci_rows(edition: int) -> list[dict]:
    rows = []
    for r in _read_csv(SOURCES / f"ieci_{edition}.csv"):
        if any(
            r[k]
            for k in (
                "overall_score",
                "attractiveness_score",
                "influence_score",
                "connectivity_score",
            )
        ):
            raise BuildError(
                "ieci: a score appeared in the sources; add a column for it before bundling"
            )
        rows.append(
            {
                "rank": _int(r["rank"]),
                "name": r["city"],
                "country": r["country"],
                "attractiveness_rank": _int(r["attractiveness_rank"]),
                "influence_rank": _int(r["influence_rank"]),
                "connectivity_rank": _int(r["connectivity_rank"]),
                "source_url": r["source_url"],
            }
        )
    return rows


def complete(index_id: str, rows: list[dict], geo: Geography, tiers: list[str]) -> pl.DataFrame:
    """Add the index id, city links, consistent geography and the search key to every row."""
    for row in rows:
        row["index"] = index_id
        row["city_ids"] = ids = geo.link(row["name"], row.get("country"))
        cities = [geo.cities[c] for c in ids]
        first = geo.countries[cities[0]["country_iso2"]]
        row["city_names"] = "; ".join(c["name"] for c in cities)
        row["country_iso2"] = first["iso2"]
        row["country_name"] = first["name"]
        row["region"] = first["m49_region"]
        row["subregion"] = first["m49_subregion"]
        row["tier_order"] = tiers.index(row["tier"]) + 1 if row.get("tier") else None
        if row["rank"] is None and not row.get("note"):
            row["note"] = UNRANKED_NOTES.get(index_id)
        row["note"] = NOTES.get((index_id, row["name"]), row.get("note"))
        keys = [
            row["name"],
            *(c["name"] for c in cities),
            *(a for c in cities for a in c["aliases"]),
        ]
        row["search_text"] = " | ".join(dict.fromkeys(fold(k) for k in keys))
    frame = pl.DataFrame(rows, schema=ENTRY_SCHEMA, strict=False)
    return frame.sort("rank", "name", nulls_last=True)


def build(out: Path) -> dict[str, int]:
    geo = Geography.load()
    meta = tomllib.loads((HERE / "indexes.toml").read_text(encoding="utf-8"))
    loaders = {
        "ici-2014": ici_rows,
        "gii-2022": lambda: gii_rows(2022),
        "gii-2023": lambda: gii_rows(2023),
        "gii-2024": lambda: gii_rows(2024),
        "ieci-2022": lambda: ieci_rows(2022),
        "ieci-2024": lambda: ieci_rows(2024),
        "ieci-2025": lambda: ieci_rows(2025),
    }
    if set(loaders) != set(meta):
        raise BuildError(
            f"indexes.toml and the loaders disagree: {sorted(set(loaders) ^ set(meta))}"
        )
    (out / "entries").mkdir(parents=True, exist_ok=True)
    index_rows, counts = [], {}
    for index_id, info in meta.items():
        frame = complete(index_id, loaders[index_id](), geo, info["tiers"])
        frame.write_parquet(out / "entries" / f"{index_id}.parquet")
        groups = set(frame["publisher_region"].drop_nulls()) | set(
            frame["publisher_subregion"].drop_nulls()
        )
        if set(info["complete_groups"]) - groups:
            raise BuildError(
                f"{index_id}: complete_groups not among its publisher regions: "
                f"{sorted(set(info['complete_groups']) - groups)}"
            )
        full = frame.filter(
            pl.all_horizontal(pl.col(c).is_not_null() for c in info["full_columns"])
        ).height
        counts[index_id] = frame.height
        index_rows.append(
            {
                "id": index_id,
                **info,
                "rows_bundled": frame.height,
                "rows_full": full,
                "has_scores": frame["score"].is_not_null().any(),
                "bundled": True,
            }
        )
    pl.DataFrame(index_rows, schema=INDEX_SCHEMA, strict=False).write_parquet(
        out / "indexes.parquet"
    )
    cities = [
        {
            "city_id": c["city_id"],
            "name": c["name"],
            "country_iso2": c["country_iso2"],
            "country": geo.countries[c["country_iso2"]]["name"],
            "region": geo.countries[c["country_iso2"]]["m49_region"],
            "subregion": geo.countries[c["country_iso2"]]["m49_subregion"],
            "aliases": c["aliases"],
        }
        for c in geo.cities.values()
    ]
    pl.DataFrame(cities, schema=CITY_SCHEMA).sort("city_id").write_parquet(out / "cities.parquet")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE / "parquet", help="output folder (default: data/parquet)"
    )
    args = parser.parse_args(argv)
    try:
        counts = build(args.out)
    except (BuildError, OSError, KeyError, ValueError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    for index_id, n in counts.items():
        print(f"{index_id}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
