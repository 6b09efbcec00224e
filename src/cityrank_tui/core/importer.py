"""Bring your own index: read a CSV, TSV, Parquet or Excel file, map its columns, check every
figure, link names to known cities, and hand back entries in the same shape as a bundled index.

Nothing here writes files (store/userindexes.py does). Every problem is a UsageError that says
what is wrong and where (line numbers count the header as line 1, as a spreadsheet shows them).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..store import userindexes
from ..store.userindexes import ID_PATTERN, valid_id
from . import numbers
from .catalog import Catalog
from .errors import UsageError
from .numbers import lines as _lines
from .reading import FORMATS, UNSUPPORTED, read_table
from .schema import CITY_SCHEMA, conform
from .textnorm import fold, fold_expr

__all__ = ["FORMATS", "ID_PATTERN", "read_table"]
MAX_RANK = 2**31 - 1  # ranks are stored as 32-bit integers
TEXT_FIELDS = ("tier", "country", "region", "subregion", "note", "source_url")

FIELDS = ("rank", "name", "score", "tier", "country", "region", "subregion", "note", "source_url")
REQUIRED = ("rank", "name")
# Column names (folded) that obviously mean a field, tried in order.
GUESSES = {
    "rank": ("rank", "global rank", "overall rank", "ranking", "position", "pos", "#", "no", "no."),
    "name": (
        "name",
        "city",
        "city name",
        "town",
        "cluster",
        "cluster name",
        "metro",
        "metropolitan area",
        "location",
    ),
    "score": ("score", "index score", "total score", "overall score", "total", "value", "points"),
    "tier": ("tier", "class", "class.", "classification", "band", "category", "group"),
    "country": ("country", "economy", "country/economy", "nation", "country code", "iso2"),
    "region": ("region", "continent", "world region"),
    "subregion": ("subregion", "sub-region", "sub region"),
    "note": ("note", "notes", "comment", "comments", "remarks"),
    "source_url": ("source_url", "source", "url", "link", "source url"),
}
SHOW_BAD = 5  # offending rows listed per problem


@dataclass
class ImportResult:
    frame: pl.DataFrame  # entries, ENTRY_SCHEMA columns
    new_cities: pl.DataFrame  # CITY_SCHEMA rows for names no known city matched
    mapping: dict[str, str]  # field -> source column
    ignored: list[str]  # source columns not used
    tiers: list[str]
    report: list[str] = field(
        default_factory=list
    )  # what a user should know (ties, missing ranks, …)
    full_report: list[str] = field(default_factory=list)  # the same, every name listed


Progress = Callable[[str], None]


def check_id(index_id: str, catalog: Catalog) -> None:
    if not valid_id(index_id):
        raise UsageError(
            f"index id {index_id!r} must be lower-case letters, digits and hyphens (e.g. gawc-2024)"
        )
    info = catalog.indexes.get(index_id)
    if info is not None and info.bundled:
        raise UsageError(f"{index_id!r} is a bundled index; choose another id for your import")


def resolve_mapping(columns: list[str], given: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Explicit --map entries first, then obvious column names. Returns (mapping, fields guessed)."""
    unknown = sorted(set(given) - set(FIELDS))
    if unknown:
        raise UsageError(f"--map: unknown field {unknown[0]!r}; fields are {', '.join(FIELDS)}")
    mapping: dict[str, str] = {}
    for fld, column in given.items():
        if column not in columns:
            raise UsageError.unknown(f"column for --map {fld}", column, columns)
        mapping[fld] = column
    guessed = []
    by_fold = {fold(c): c for c in reversed(columns)}  # first column wins on equal names
    for fld in FIELDS:
        if fld in mapping:
            continue
        for candidate in GUESSES[fld]:
            found = by_fold.get(candidate)
            if found is not None and found not in mapping.values():
                mapping[fld] = found
                guessed.append(fld)
                break
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        one = len(columns) == 1 and any(sep in columns[0] for sep in ",;\t|")
        raise UsageError(
            f"no {' or '.join(missing)} column: the file has {', '.join(columns) or 'no columns'}; "
            + (
                "that is one column: say the right delimiter with --delimiter"
                if one
                else f"say which with --map {missing[0]}=COLUMN"
            )
        )
    return mapping, guessed


def build(
    catalog: Catalog,
    index_id: str,
    table: pl.DataFrame,
    mapping: dict[str, str],
    tiers: list[str] | None = None,
    progress: Progress | None = None,
    source: str = "",
) -> ImportResult:
    """Turn a read table into checked entries. Raises UsageError naming the first problem."""
    say = progress or (lambda message: None)
    if table.height == 0:
        raise UsageError("the file has no rows")
    for fld, column in mapping.items():
        dtype = table.schema[column]
        if isinstance(dtype, UNSUPPORTED) or dtype == pl.Binary:
            raise UsageError(
                f"column {column!r} (for {fld}) holds {dtype} values, not text or numbers, "
                "so it cannot be imported; map another column with --map"
            )
    report: list[str] = []
    started = time.perf_counter()
    parsed = numbers.parse(table[mapping["rank"]], mapping["rank"], "rank", integer=True)
    rank = parsed.values
    notes = [parsed.note]
    below_one = (rank < 1).fill_null(False)
    if below_one.any():
        raise UsageError(
            f"ranks must be 1 or more (lines {', '.join(map(str, _lines(below_one)))})"
        )
    too_big = (rank > MAX_RANK).fill_null(False)
    if too_big.any():
        raise UsageError(
            f"ranks must be at most {MAX_RANK:,} (lines {', '.join(map(str, _lines(too_big)))})"
        )
    if "score" in mapping:
        parsed = numbers.parse(table[mapping["score"]], mapping["score"], "score")
        score, notes = parsed.values, [*notes, parsed.note]
    else:
        score = pl.Series([None] * table.height, dtype=pl.Float64)
    report += [note for note in notes if note]
    names = _unguard(table[mapping["name"]].str.strip_chars())
    empty = names.is_null() | (names == "")
    if empty.any():
        raise UsageError(
            f"{empty.sum()} row(s) have no name (lines {', '.join(map(str, _lines(empty)))})"
        )
    say(f"checked {table.height:,} ranks and scores ({time.perf_counter() - started:.1f} s)")
    if rank.null_count():
        report.append(
            f"{rank.null_count():,} {'row has' if rank.null_count() == 1 else 'rows have'} no "
            "rank: kept, listed after the ranked rows"
        )
    ranked = rank.drop_nulls().cast(pl.Int32)
    ties = ranked.is_duplicated()
    if ties.any():
        tied = ranked.filter(ties).unique().sort()
        report.append(
            f"{tied.len():,} {'rank is' if tied.len() == 1 else 'ranks are'} shared by several "
            "rows (kept as ties), e.g. "
            f"{', '.join(map(str, tied.head(5).to_list()))}"
        )

    columns = {"rank": rank.cast(pl.Int32), "name": names, "score": score.cast(pl.Float64)}
    for fld in TEXT_FIELDS:
        if fld in mapping:
            values = _unguard(table[mapping[fld]].str.strip_chars())
            columns[fld] = pl.select(pl.when(values == "").then(None).otherwise(values)).to_series()
    frame = pl.DataFrame(columns)
    catalog = _without_own_cities(catalog, index_id)

    tier_order = _tiers(frame, tiers)
    started = time.perf_counter()
    frame, new_cities, unsure, guessed = _link_cities(catalog, frame, index_id)
    say(f"linked names to cities ({time.perf_counter() - started:.1f} s)")
    full_report = [*report, *link_report(frame, new_cities, unsure, guessed, cap=None)]
    report.extend(link_report(frame, new_cities, unsure, guessed))
    given_source = (
        pl.col("source_url") if "source_url" in frame.columns else pl.lit(None, dtype=pl.String)
    )
    frame = frame.with_columns(
        pl.coalesce(given_source, pl.lit(source or None, dtype=pl.String)).alias("source_url"),
        pl.lit(index_id).alias("index"),
        (
            pl.col("tier").replace_strict(
                {t: n for n, t in enumerate(tier_order, 1)}, default=None, return_dtype=pl.Int8
            )
            if "tier" in frame.columns
            else pl.lit(None, dtype=pl.Int8)
        ).alias("tier_order"),
    )
    full = conform(frame).sort("rank", "name", nulls_last=True, maintain_order=True)
    ignored = [c for c in table.columns if c not in mapping.values()]
    return ImportResult(full, new_cities, mapping, ignored, tier_order, report, full_report)


def _unguard(values: pl.Series) -> pl.Series:
    """Undo the `'` our CSV exports put before a cell starting with = + - @ (formula injection
    guard), so that an export imports back as it was."""
    return values.str.replace(r"^'([=+\-@\t\r])", "$1")


def _without_own_cities(catalog: Catalog, index_id: str) -> Catalog:
    """The catalogue as a first import of `index_id` sees it: without the cities that this id's
    previous import created. Otherwise a re-import links its names to those, keeps no cities
    file of its own, and the old one (removed with the old version) leaves them orphaned."""
    info = catalog.indexes.get(index_id)
    if info is None or info.bundled or catalog.user_dir is None:
        return catalog
    own = userindexes.own_city_ids(catalog.user_dir, index_id)
    if own is None:
        return catalog  # none, or unreadable: the catalogue skipped those cities already
    view = copy.copy(catalog)
    # Catalog.cities and city_names are cached properties (stored in the instance's __dict__).
    view.__dict__["cities"] = catalog.cities.filter(~pl.col("city_id").is_in(own.implode()))
    view.__dict__.pop("city_names", None)
    return view


def _tiers(frame: pl.DataFrame, given: list[str] | None) -> list[str]:
    if "tier" not in frame.columns:
        if given:
            raise UsageError("--tiers given but no tier column is mapped (--map tier=COLUMN)")
        return []
    present = (
        frame.sort("rank", nulls_last=True)["tier"]
        .drop_nulls()
        .unique(maintain_order=True)
        .to_list()
    )
    if not given:
        return present  # in the order they first appear down the ranking
    unknown = [t for t in present if t not in given]
    if unknown:
        raise UsageError(
            f"tier values not in --tiers: {', '.join(unknown[:SHOW_BAD])}; "
            f"--tiers lists {', '.join(given)}"
        )
    return list(given)


LISTED = 20  # names listed on screen per kind; `import --report FILE` writes them all


def _names(names: list[str], cap: int | None) -> str:
    if cap is None or len(names) <= cap:
        return "; ".join(names)
    return "; ".join(names[:cap]) + f"; … and {len(names) - cap:,} more (--report FILE lists all)"


def link_report(
    frame: pl.DataFrame,
    new_cities: pl.DataFrame,
    unsure: pl.Series,
    guessed: pl.DataFrame,
    cap: int | None = LISTED,
) -> list[str]:
    """What linking did, naming the names that were not linked for certain: the first `cap` of
    each kind (all of them with cap=None, for `import --report FILE`)."""
    placeholders = new_cities.filter(pl.col("geonameid").is_null())
    places = new_cities.height - placeholders.height
    lines = []
    if unsure.len():
        lines.append(
            f"{unsure.len():,} names match several known cities and no country column decided: "
            f"{_names(unsure.to_list(), cap)}. Kept as new cities; map a country column to link them"
        )
    if guessed.height:
        pairs = _names([f"{n} -> {c}" for n, c in guessed.iter_rows()], cap)
        lines.append(
            f"{guessed.height:,} names match several GeoNames places; the most populous was "
            f"taken (give a country to choose): {pairs}"
        )
    linked = frame.height - placeholders.height
    line = (
        f"{linked:,} of {frame.height:,} names linked to cities ({places:,} of them to GeoNames "
        f"places not in any bundled index); {placeholders.height:,} kept as new cities"
    )
    if placeholders.height:
        line += f": {_names(placeholders['name'].to_list(), cap)}"
    lines.append(line)
    return lines


def _link_cities(
    catalog: Catalog, frame: pl.DataFrame, index_id: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series, pl.DataFrame]:
    """Match each name (accent- and case-insensitive, aliases too) to one known city, in the row's
    country when one is given; names matching none are kept as new cities, never dropped.
    Also returns the names that matched several cities with no country to decide between them."""
    cities = catalog.cities
    keys = (
        cities.select(
            "city_id", "country_iso2", key=pl.concat_list(pl.col("name"), pl.col("aliases"))
        )
        .explode("key")
        .drop_nulls("key")
        .with_columns(key=fold_expr(pl.col("key")))
        .unique(["key", "city_id"])
    )
    countries = _countries(catalog)
    frame = frame.with_row_index("_row").with_columns(_key=fold_expr(pl.col("name")))
    if "country" in frame.columns:
        frame = frame.with_columns(_country=fold_expr(pl.col("country"))).join(
            countries, left_on="_country", right_on="key", how="left"
        )
    else:
        frame = frame.with_columns(
            pl.lit(None, dtype=pl.String).alias(c)
            for c in ("country_iso2", "country_name", "region", "subregion")
        )
    candidates = frame.select("_row", "_key", "country_iso2").join(
        keys, left_on="_key", right_on="key", how="inner"
    )
    # Keep a candidate when it is the only one for the name, or the only one in the row's country.
    in_country = candidates.filter(pl.col("country_iso2") == pl.col("country_iso2_right"))
    only = candidates.filter(pl.len().over("_row") == 1)
    chosen = (
        pl.concat([in_country.filter(pl.len().over("_row") == 1), only])
        .unique("_row", keep="first")
        .select("_row", "city_id")
    )
    ambiguous = candidates.filter(pl.len().over("_row") > 1).join(chosen, on="_row", how="anti")
    frame = frame.join(chosen, on="_row", how="left")
    frame, places, place_unsure = _link_places(catalog, frame, ambiguous["_row"])
    city_geo = cities.select(
        "city_id",
        pl.col("country_iso2").alias("_iso"),
        pl.col("country").alias("_cname"),
        pl.col("region").alias("_reg"),
        pl.col("subregion").alias("_sub"),
    )
    frame = frame.join(city_geo, on="city_id", how="left").with_columns(
        country_iso2=pl.coalesce("_iso", "_place_iso", "country_iso2"),
        country_name=pl.coalesce("_cname", "_place_country", "country_name"),
        region=pl.coalesce("_reg", "_place_region", "region"),
        subregion=pl.coalesce("_sub", "_place_sub", "subregion"),
    )
    new_id = pl.concat_str(
        [
            pl.lit(f"{index_id}:"),
            pl.col("_key").str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-"),
            pl.lit("-"),
            pl.col("country_iso2").fill_null("xx").str.to_lowercase(),
        ]
    )
    frame = frame.with_columns(
        pl.coalesce("city_id", "_place_id", new_id).alias("city_id"),
        (pl.col("city_id").is_null() & pl.col("_place_id").is_null()).alias("_new"),
    )
    new = (
        frame.filter("_new")
        .unique("city_id", keep="first", maintain_order=True)
        .select(
            "city_id",
            "name",
            "country_iso2",
            pl.col("country_name").alias("country"),
            "region",
            "subregion",
            pl.lit([], dtype=pl.List(pl.String)).alias("aliases"),
        )
    )
    new = _with_city_columns(new)
    new = pl.concat([new, places.filter(pl.col("city_id").is_in(frame["city_id"].implode()))])
    known = cities.select("city_id", pl.col("name").alias("_canon")).join(
        keys.group_by("city_id").agg(pl.col("key").str.join(" | ").alias("_aliases")), on="city_id"
    )
    frame = frame.join(known, on="city_id", how="left").with_columns(
        city_ids=pl.concat_list("city_id"),
        city_names=pl.coalesce("_canon", "name"),
        search_text=pl.concat_str(
            [pl.col("_key"), pl.col("_aliases").fill_null("")], separator=" | "
        ),
    )
    unsure = frame.filter(pl.col("_row").is_in(ambiguous["_row"].implode()))["name"].unique(
        maintain_order=True
    )
    guessed = (
        frame.filter(pl.col("_row").is_in(place_unsure.implode()))
        .select("name", "city_id")
        .unique(maintain_order=True)
    )
    frame = frame.sort("_row").drop([c for c in frame.columns if c.startswith("_")] + ["city_id"])
    return frame, new, unsure, guessed


def _countries(catalog: Catalog) -> pl.DataFrame:
    """Every ISO country's names, aliases and codes (folded) -> ISO code, name, UN M49 region."""
    known = catalog.countries.select(
        pl.col("iso2").alias("country_iso2"),
        pl.col("name").alias("country_name"),
        pl.col("m49_region").alias("region"),
        pl.col("m49_subregion").alias("subregion"),
        key=pl.concat_list(
            pl.col("name"), pl.col("iso2"), pl.col("iso3"), pl.col("aliases").str.split("|")
        ),
    )
    keys = known.explode("key").drop_nulls("key").filter(pl.col("key") != "")
    keys = keys.with_columns(key=fold_expr(pl.col("key")))
    # a key two countries share decides neither
    return keys.unique(["key", "country_iso2"]).filter(pl.len().over("key") == 1)


def _with_city_columns(frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.with_columns(
            pl.lit(None, dtype=t).alias(c) for c, t in CITY_SCHEMA.items() if c not in frame.columns
        )
        .select(list(CITY_SCHEMA))
        .cast(pl.Schema(CITY_SCHEMA))
    )


def _link_places(
    catalog: Catalog, frame: pl.DataFrame, ambiguous: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
    """Names no bundled city matched, linked to a GeoNames place (in the row's country when one
    is given): its main name first, then its other Latin names; the most populous of several,
    which are reported as ambiguous. Returns the frame (with _place_id, _place_iso), the new
    cities those places become, and the rows whose match was ambiguous."""
    empty = pl.Series("_row", [], dtype=pl.UInt32)
    open_rows = frame.filter(
        pl.col("city_id").is_null() & ~pl.col("_row").is_in(ambiguous.implode())
    ).select("_row", "_key", "country_iso2")
    none = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(c)
        for c in ("_place_id", "_place_iso", "_place_country", "_place_region", "_place_sub")
    )
    if open_rows.is_empty():
        return none, _with_city_columns(pl.DataFrame()), empty
    places = catalog.places
    names = places.select("geonameid", key=fold_expr(pl.col("name")), level=pl.lit(0))
    alts = (
        places.select("geonameid", key=pl.col("aliases"), level=pl.lit(1))
        .explode("key")
        .drop_nulls("key")
        .with_columns(key=fold_expr(pl.col("key")))
    )
    keys = pl.concat([names, alts]).unique(["key", "geonameid"], keep="first")
    found = (
        open_rows.join(keys, left_on="_key", right_on="key")
        .join(
            places.select("geonameid", "population", pl.col("country_iso2").alias("_iso")),
            on="geonameid",
        )
        .filter(pl.col("country_iso2").is_null() | (pl.col("country_iso2") == pl.col("_iso")))
    )
    best_level = found.group_by("_row").agg(pl.col("level").min().alias("_best"))
    found = found.join(best_level, on="_row").filter(pl.col("level") == pl.col("_best"))
    unsure = found.filter(pl.len().over("_row") > 1)["_row"].unique()
    chosen = found.sort("population", descending=True, nulls_last=True).unique("_row", keep="first")
    picked = places.join(chosen.select("geonameid").unique(), on="geonameid")
    geo = _countries_by_iso(catalog)
    ids = picked.join(geo, on="country_iso2", how="left").with_columns(
        city_id=pl.concat_str(
            [
                fold_expr(pl.col("name")).str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-"),
                pl.col("country_iso2").str.to_lowercase(),
            ],
            separator="-",
        )
    )
    bundled = catalog.cities.filter(pl.col("geonameid").is_not_null()).select(
        "geonameid", pl.col("city_id").alias("_bundled")
    )
    ids = ids.join(bundled, on="geonameid", how="left")
    taken = set(catalog.cities["city_id"])
    ids = ids.with_columns(
        city_id=pl.when(pl.col("city_id").is_in(list(taken)))
        .then(
            pl.concat_str([pl.col("city_id"), pl.col("geonameid").cast(pl.String)], separator="-")
        )
        .otherwise(pl.col("city_id"))
    ).with_columns(city_id=pl.coalesce("_bundled", "city_id"))
    new = _with_city_columns(ids.filter(pl.col("_bundled").is_null()))
    link = chosen.select("_row", "geonameid").join(
        ids.select(
            "geonameid",
            pl.col("city_id").alias("_place_id"),
            pl.col("country_iso2").alias("_place_iso"),
            pl.col("country").alias("_place_country"),
            pl.col("region").alias("_place_region"),
            pl.col("subregion").alias("_place_sub"),
        ),
        on="geonameid",
    )
    frame = frame.join(link.drop("geonameid"), on="_row", how="left")
    return frame, new, unsure


def _countries_by_iso(catalog: Catalog) -> pl.DataFrame:
    return catalog.countries.select(
        pl.col("iso2").alias("country_iso2"),
        pl.col("name").alias("country"),
        pl.col("m49_region").alias("region"),
        pl.col("m49_subregion").alias("subregion"),
    )


def default_meta(
    index_id: str,
    name: str,
    result: ImportResult,
    edition: int | None,
    attribution: str | None,
    source: Path,
) -> dict[str, Any]:
    """Metadata for an imported index, written beside its entries."""
    has = set(result.mapping)
    columns = [
        "rank",
        "name",
        *(c for c in ("tier", "score", "country", "subregion", "note") if c in has),
    ]
    if "country" not in has and result.frame["subregion"].is_not_null().any():
        columns += ["country", "subregion"]
    ranked = result.frame["rank"].drop_nulls()
    return {
        "name": name,
        "short_name": name[:24],
        "publisher": "(imported)",
        "edition": edition or 0,
        "universe_size": max(int(ranked.max() or 0), result.frame.height),  # type: ignore[arg-type]
        "universe_unit": "entries",
        "tiers": result.tiers,
        "columns": columns,
        "full_columns": ["rank", "score"] if "score" in has else ["rank"],
        "full_label": "with rank and score" if "score" in has else "with a rank",
        "attribution": attribution
        or f"Imported by the user from {source.name}; check the publisher's terms.",
        "methodology": f"Imported from {source.name}. Columns: "
        + ", ".join(f"{f} = {c!r}" for f, c in result.mapping.items()),
        "gaps": "",
        "source_urls": [],
        "imported_from": str(source),
        "imported_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
