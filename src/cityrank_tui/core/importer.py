"""Bring your own index: read a CSV, TSV, Parquet or Excel file, map its columns, check every
figure, link names to known cities, and hand back entries in the same shape as a bundled index.

Nothing here writes files (store/userindexes.py does). Every problem is a UsageError that says
what is wrong and where (line numbers count the header as line 1, as a spreadsheet shows them).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .catalog import Catalog
from .errors import UsageError
from .schema import CITY_SCHEMA, conform
from .textnorm import fold, fold_expr

FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xls": "excel",
}
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
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
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


Progress = Callable[[str], None]


def check_id(index_id: str, catalog: Catalog) -> None:
    if not ID_PATTERN.match(index_id):
        raise UsageError(
            f"index id {index_id!r} must be lower-case letters, digits and hyphens (e.g. gawc-2024)"
        )
    info = catalog.indexes.get(index_id)
    if info is not None and info.bundled:
        raise UsageError(f"{index_id!r} is a bundled index; choose another id for your import")


def read_table(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """Every column as text, so that a bad figure can be reported instead of silently becoming null."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"cannot import {path.name}: unknown format {path.suffix or '(no extension)'!r}; "
            f"use one of {', '.join(sorted(FORMATS))}"
        )
    if not path.is_file():
        raise UsageError(f"cannot import {path}: no such file")
    if sheet and kind != "excel":
        raise UsageError("--sheet applies to Excel files only")
    try:
        if kind in ("csv", "tsv"):
            frame = pl.read_csv(
                path,
                separator="\t" if kind == "tsv" else ",",
                infer_schema=False,
                encoding="utf8-lossy",
                truncate_ragged_lines=False,
            )
        elif kind == "parquet":
            frame = pl.read_parquet(path)
        else:
            frame = _read_excel(path, sheet)
    except UsageError:
        raise
    except Exception as exc:  # polars and the Excel reader raise many types for an unreadable file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot read {path.name} as {kind.upper()}: {first}") from exc
    frame = frame.rename({c: c.strip() for c in frame.columns})
    return frame.with_columns(
        pl.col(c).cast(pl.String) for c in frame.columns if frame.schema[c] != pl.String
    )


def _read_excel(path: Path, sheet: str | None) -> pl.DataFrame:
    try:
        import fastexcel  # noqa: F401  (polars' Excel reader)
    except ImportError:
        raise UsageError(
            "reading Excel needs the optional reader: pip install 'cityrank-tui[excel]' "
            "(or save the sheet as CSV)"
        ) from None
    if sheet:
        return pl.read_excel(path, sheet_name=sheet, infer_schema_length=0)
    return pl.read_excel(path, infer_schema_length=0)


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
            column = by_fold.get(candidate)
            if column is not None and column not in mapping.values():
                mapping[fld] = column
                guessed.append(fld)
                break
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        raise UsageError(
            f"no {' or '.join(missing)} column: the file has {', '.join(columns) or 'no columns'}; "
            f"say which with --map {missing[0]}=COLUMN"
        )
    return mapping, guessed


def _lines(mask: pl.Series) -> list[int]:
    """File line numbers of the first offending rows (the header is line 1)."""
    return (mask.arg_true() + 2).head(SHOW_BAD).to_list()


def _numbers(frame: pl.DataFrame, column: str, dtype: pl.DataType, what: str) -> pl.Series:
    """Parse a text column as numbers; blanks are missing; anything else is reported with line numbers."""
    text = frame[column].str.strip_chars()
    blank = text.is_null() | (text == "")
    cleaned = text.str.replace_all(r"^=|[,\s]", "")  # "1,234" and "= 12" as spreadsheets print them
    parsed = cleaned.cast(pl.Float64, strict=False)
    bad = (~blank & parsed.is_null()) | (~blank & ~parsed.is_finite().fill_null(True))
    if dtype.is_integer():
        bad = bad | (~blank & parsed.is_not_null() & (parsed != parsed.round(0)))
    if bad.any():
        lines = _lines(bad)
        values = text.filter(bad).head(SHOW_BAD).to_list()
        shown = ", ".join(f"line {n}: {v!r}" for n, v in zip(lines, values, strict=False))
        raise UsageError(
            f"{bad.sum()} {what} value(s) in column {column!r} are not numbers ({shown}"
            f"{', …' if bad.sum() > SHOW_BAD else ''}); fix them or map another column"
        )
    return parsed.cast(dtype)  # blanks failed the cast above, so they are already missing


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
    report: list[str] = []
    started = time.perf_counter()
    rank = _numbers(table, mapping["rank"], pl.Int32, "rank")
    below_one = (rank < 1).fill_null(False)
    if below_one.any():
        raise UsageError(
            f"ranks must be 1 or more (lines {', '.join(map(str, _lines(below_one)))})"
        )
    score = (
        _numbers(table, mapping["score"], pl.Float64, "score")
        if "score" in mapping
        else pl.Series([None] * table.height, dtype=pl.Float64)
    )
    names = table[mapping["name"]].str.strip_chars()
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
    ties = rank.drop_nulls().is_duplicated()
    if ties.any():
        tied = rank.drop_nulls().filter(ties).unique().sort()
        report.append(
            f"{tied.len():,} {'rank is' if tied.len() == 1 else 'ranks are'} shared by several "
            "rows (kept as ties), e.g. "
            f"{', '.join(map(str, tied.head(5).to_list()))}"
        )

    columns = {"rank": rank.cast(pl.Int32), "name": names, "score": score.cast(pl.Float64)}
    for fld in ("tier", "country", "region", "subregion", "note", "source_url"):
        if fld in mapping:
            values = table[mapping[fld]].str.strip_chars()
            columns[fld] = pl.select(pl.when(values == "").then(None).otherwise(values)).to_series()
    frame = pl.DataFrame(columns)

    tier_order = _tiers(frame, tiers)
    started = time.perf_counter()
    frame, new_cities, unsure = _link_cities(catalog, frame, index_id)
    matched = frame.height - new_cities.height
    say(f"linked names to cities ({time.perf_counter() - started:.1f} s)")
    if unsure.len():
        report.append(
            f"{unsure.len():,} names match several known cities and no country column decided "
            f"(e.g. {', '.join(unsure.head(3).to_list())}): kept as new cities; map a country column "
            "to link them"
        )
    report.append(
        f"{matched:,} of {frame.height:,} names matched known cities; "
        f"{new_cities.height:,} kept as new cities"
        + (
            f" (e.g. {', '.join(new_cities['name'].head(3).to_list())})"
            if new_cities.height
            else ""
        )
    )
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
    return ImportResult(full, new_cities, mapping, ignored, tier_order, report)


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


def _link_cities(
    catalog: Catalog, frame: pl.DataFrame, index_id: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
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
    city_geo = cities.select(
        "city_id",
        pl.col("country_iso2").alias("_iso"),
        pl.col("country").alias("_cname"),
        pl.col("region").alias("_reg"),
        pl.col("subregion").alias("_sub"),
    )
    frame = frame.join(city_geo, on="city_id", how="left").with_columns(
        country_iso2=pl.coalesce("_iso", "country_iso2"),
        country_name=pl.coalesce("_cname", "country_name"),
        region=pl.coalesce("_reg", "region"),
        subregion=pl.coalesce("_sub", "subregion"),
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
        pl.coalesce("city_id", new_id).alias("city_id"), pl.col("city_id").is_null().alias("_new")
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
        .cast(CITY_SCHEMA)
    )
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
    frame = frame.sort("_row").drop([c for c in frame.columns if c.startswith("_")] + ["city_id"])
    return frame, new, unsure


def _countries(catalog: Catalog) -> pl.DataFrame:
    """Country names and ISO codes the catalogue knows (folded) -> ISO code, name, UN region."""
    known = catalog.cities.select(
        pl.col("country_iso2"), pl.col("country").alias("country_name"), "region", "subregion"
    ).unique("country_iso2")
    by_name = known.with_columns(key=fold_expr(pl.col("country_name")))
    by_code = known.with_columns(key=pl.col("country_iso2").str.to_lowercase())
    return pl.concat([by_name, by_code]).unique("key")


def default_meta(
    index_id: str,
    name: str,
    result: ImportResult,
    edition: int | None,
    attribution: str | None,
    source: Path,
) -> dict:
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
        "universe_size": int(max(ranked.max() or 0, result.frame.height)),
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
