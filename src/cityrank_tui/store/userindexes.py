"""Imported indexes in the user's data folder: the one home of their file format.

Layout of `<data dir>/indexes/`, for an index with id ID (lower-case letters, digits, hyphens):

- `ID.toml`: the metadata (META_DEFAULTS lists every key; `name`, `rows_bundled` and
  `universe_size` are required). A user may edit it by hand, so every field's type is checked:
  a wrong one skips that index with a warning, never a traceback. `entries_file` and
  `cities_file` name the data files of the version in use.
- `ID.<stamp>.parquet`: the entries (core/schema.py's ENTRY_SCHEMA but NOT_STORED; older
  files hold those too), stored slimmer than held: where every row names one city, `city_ids`
  is stored as that id, a text column `city_id`; `city_names` is missing where it is the row's
  `name` (said by NAMES_KEY in the file's key-value metadata); a column missing in every row is not stored; a text column with one value in every
  row (the source of a file without a source column) is stored once, in the file's key-value
  metadata under SAME_KEY (JSON: column -> value). `read_entries` gives them back as
  ENTRY_SCHEMA has them, a column of one value as a constant that takes no memory per row.
  A name that linked to no known city is a new city `ID:<slug>-<country>` made from its first
  row (`placeholder_cities`), not stored apart; KEY_HASH holds, on each such first row, the
  hash of its folded name, so that a later import reads that one column to see which of its
  names may link to them (`read_placeholders`; `read_entries` drops it).
- `ID.<stamp>.cities.parquet`: GeoNames places first linked by this import (core/schema.py's
  CITY_SCHEMA) plus `keys`, the city's names folded for matching, so that a later import links
  to them without folding them again (`read_city_keys`; files written before `keys` existed
  are folded when read; files written before new cities were made from the entries hold those
  too).
- `.ID.lock`: held while an import of ID runs.

Writing never loses the previous version: each import writes new, uniquely named files, fsyncs
them, and only then replaces `ID.toml`, whose `entries_file` names them. Replacing that small
file is the commit: until it happens the previous version is what the app reads. Older files
are removed after. Every path is built from an id that matches ID_PATTERN and is checked to stay
inside the folder, so no id (`../../config/bookmarks`, `/etc/x`, `name\\n`) can reach another file.

core/catalog.py reads through `scan`, `read_entries` and `read_cities`; core/importer.py
builds what `save` writes. This module imports nothing else of the app but errors, schema,
text folding and the store's atomic TOML writer, so there is no import cycle.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ..core import outfile
from ..core.errors import DataError, UsageError
from ..core.schema import CITY_SCHEMA, ENTRY_SCHEMA, Schema, read_parquet
from ..core.textnorm import fold_series, refold_joined
from . import tomlfile
from .filelock import release, try_lock
from .tomlfile import SaveError

# An imported index's id. `\Z`, not `$`: `$` also matches before a trailing newline ("name\n").
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,47}\Z")
# Data files an import writes: `<id>.<stamp>.parquet` and `<id>.<stamp>.cities.parquet`.
DATA_FILE = re.compile(r"[a-z0-9][a-z0-9-]{0,47}(\.[0-9A-Za-z-]+)?(\.cities)?\.parquet\Z")

META_DEFAULTS: dict[str, Any] = {
    "family": "imported",
    "short_name": None,
    "publisher": "(imported)",
    "edition": 0,
    "universe_unit": "entries",
    "entity_label": "Entry",
    "score_label": "Score",
    "score_meaning": "",
    "score_scale": "",
    "tiers": [],
    "columns": ["rank", "name", "tier", "score", "country", "subregion"],
    "full_columns": ["rank", "score"],
    "full_label": "with rank and score",
    "attribution": "",
    "methodology": "",
    "comparability": "",
    "source_urls": [],
    "gaps": "",
    "complete_groups": [],
    "has_scores": False,
    "rows_full": 0,
}
TEXT_FIELDS = (
    "name",
    "family",
    "short_name",
    "publisher",
    "universe_unit",
    "entity_label",
    "score_label",
    "score_meaning",
    "score_scale",
    "full_label",
    "attribution",
    "methodology",
    "comparability",
    "gaps",
    "entries_file",
    "cities_file",
    "imported_from",
    "imported_at",
)
COUNT_FIELDS = ("edition", "universe_size", "rows_bundled", "rows_full")
LIST_FIELDS = ("tiers", "columns", "full_columns", "source_urls", "complete_groups")
FLAG_FIELDS = ("has_scores",)
MAX_COUNT = 2**31 - 1
# Entry columns not stored, because loading gives them: `index` is the index's id.
NOT_STORED = ("index",)
# Entry columns the catalogue requires: stored even when missing in every row, so that a file
# without one is refused as damaged rather than given an empty column.
REQUIRED = ("rank", "name", "city_ids", "source_url", "search_text")
# Parquet key-value metadata of an entries file: text columns with one value in every row.
SAME_KEY = "cityrank:same_in_every_row"
# ... and this key (any value) when a missing `city_names` is the row's `name`.
NAMES_KEY = "cityrank:city_names_missing_are_name"
# ... and this key when `search_text` was folded by today's fold (dashes, apostrophes and quotes
# folded too): an older file's search texts are folded again as it is read.
FOLD_KEY = "cityrank:search_text_fold"
FOLD_VERSION = "2"
# An entries file's hashes of its new cities' keys (see `_with_key_hashes`), and the key-value
# metadata that says they are there, made by this polars version (hashes may change with it).
KEY_HASH = "new_city_key_hash"
KEY_HASH_KEY = "cityrank:new_city_key_hash64_by_polars"
# One row per known city with its names and aliases folded (`keys`): what imported names are
# linked against, and what an imported cities file stores beside CITY_SCHEMA.
_WHO = ("city_id", "name", "country_iso2", "country", "region", "subregion")  # CITY_SCHEMA's
KEY_SCHEMA = Schema(
    {**{c: CITY_SCHEMA.spec[c] for c in (*_WHO, "geonameid")}, "keys": "List(String)"}
)


MAX_ID = 48  # characters of an id (ID_PATTERN): file names stay far below the system's limit
# A metadata file is a few hundred bytes; one of megabytes is not ours (refused, not read).
META_LIMIT = 1024 * 1024


def id_problem(index_id: str) -> str | None:
    """One short line saying why `index_id` cannot be an id, or None when it can."""
    if valid_id(index_id):
        return None
    if len(index_id) > MAX_ID:
        return (
            f"an index id is at most {MAX_ID} lower-case letters, digits and hyphens; "
            f"this one has {len(index_id):,} characters"
        )
    return f"index id {index_id!r} must be lower-case letters, digits and hyphens (e.g. gawc-2024)"


def valid_id(index_id: str) -> bool:
    """True for an id that can name files in the data folder (no path, no newline, no dot)."""
    return ID_PATTERN.match(index_id) is not None


def check_meta(meta: dict[str, Any], meta_path: Path) -> None:
    """Raise DataError naming the file and the first field whose value has the wrong type."""

    def wrong(key: str, expected: str) -> DataError:
        return DataError(
            f"imported index metadata {meta_path}: {key} must be {expected}, "
            f"not {type(meta[key]).__name__}"
        )

    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], str):
            raise wrong(key, "text")
    for key in COUNT_FIELDS:
        if key in meta:
            value = meta[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise wrong(key, "a whole number")
            if not 0 <= value <= MAX_COUNT:
                raise DataError(
                    f"imported index metadata {meta_path}: {key} must be between 0 and {MAX_COUNT}"
                )
    for key in LIST_FIELDS:
        if key in meta and (
            not isinstance(meta[key], list) or not all(isinstance(v, str) for v in meta[key])
        ):
            raise wrong(key, "a list of texts")
    for key in ("columns", "full_columns"):
        unknown = [c for c in meta.get(key, []) if c not in ENTRY_SCHEMA]
        if unknown:
            raise DataError(
                f"imported index metadata {meta_path}: {key} names unknown column {unknown[0]!r}"
            )
    if meta.get("universe_size", 1) < 1:
        raise DataError(f"imported index metadata {meta_path}: universe_size must be 1 or more")
    for key in FLAG_FIELDS:
        if key in meta and not isinstance(meta[key], bool):
            raise wrong(key, "true or false")
    for key in ("entries_file", "cities_file"):
        if key in meta and not DATA_FILE.match(meta[key]):
            raise DataError(
                f"imported index metadata {meta_path}: {key} must name a data file in its folder"
            )


def _read_regular_text(path: Path) -> str:
    """A metadata file's text through the store's one guarded reader: a FIFO or device in its
    place is refused at once (reading one would wait forever), a huge file before it is read."""
    return tomlfile.read_regular(path, META_LIMIT).decode("utf-8")


@dataclass(frozen=True)
class Stored:
    """One imported index as its metadata file describes it."""

    id: str
    row: dict[str, Any]  # every metadata key, defaults filled in: what IndexInfo.from_row takes
    entries_path: Path
    cities_path: Path | None  # None when every name linked to a known city


def read_meta(meta_path: Path) -> Stored:
    """An imported index's metadata, checked; DataError names the file and what is wrong."""
    index_id = meta_path.stem
    if not valid_id(index_id):
        raise DataError(
            f"{meta_path} is not named like an imported index (lower-case letters, digits, hyphens)"
        )
    try:
        meta = tomllib.loads(_read_regular_text(meta_path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise DataError(f"imported index metadata {meta_path} cannot be read ({exc})") from exc
    for key in ("name", "rows_bundled", "universe_size"):
        if key not in meta:
            raise DataError(f"imported index metadata {meta_path} lacks {key!r}")
    check_meta(meta, meta_path)
    row = {**META_DEFAULTS, **meta, "id": index_id, "bundled": False}
    row["short_name"] = row["short_name"] or row["name"]
    entries = meta.get("entries_file", f"{index_id}.parquet")
    cities = meta.get("cities_file")
    return Stored(
        index_id, row, meta_path.with_name(entries), meta_path.with_name(cities) if cities else None
    )


def scan(data_dir: Path | None) -> tuple[list[Stored], list[str]]:
    """Every imported index in the data folder, by id; a damaged one is a warning, not a stop."""
    target = folder(data_dir) if data_dir else None
    if target is None or not target.is_dir():
        return [], []
    found, warnings = [], []
    for meta_path in sorted(target.glob("*.toml")):
        try:
            found.append(read_meta(meta_path))
        except DataError as exc:
            warnings.append(f"{exc}; that imported index is skipped")
    return found, warnings


def regular_data_file(path: Path, what: str) -> None:
    """DataError unless `path` is a regular file: polars' Parquet reader waits forever on a
    FIFO (a `bookmarks add` or `import` hung on one named as an index's data file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise DataError(f"{what} in {path} cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        raise DataError(f"{what} in {path} is {tomlfile.file_kind(mode)}, not a data file")


def read_entries(path: Path, index_id: str) -> pl.DataFrame:
    """An imported index's entries as the app holds them: `index` (not stored: it is the id)
    added, in one chunk per column so that slicing the rows on screen stays cheap. `save`
    writes one row group, which reads as one chunk; an older file is made one (a copy).
    What `save` left out because loading gives it back is added (see the module's text)."""
    frame = read_parquet(path, f"entries of {index_id}").drop(KEY_HASH, strict=False)
    frame = frame if max(frame.n_chunks("all"), default=1) == 1 else frame.rechunk()
    try:
        stored = pl.read_parquet_metadata(path)
        same = _same_in_every_row(path, stored.get(SAME_KEY))
        added = [pl.lit(index_id, dtype=pl.String).alias("index")]
        added += [pl.lit(v, dtype=pl.String).alias(c) for c, v in same.items()]
        added += [
            pl.lit(None, dtype=t).alias(c)
            for c, t in ENTRY_SCHEMA.items()
            if c not in frame.columns and c not in same and c not in ("index", *REQUIRED)
        ]
        if "city_id" in frame.columns and "city_ids" not in frame.columns:
            # one id per row, stored as text: a one-element list each (offsets only, no copy)
            one = frame["city_id"].cast(pl.String).reshape((-1, 1)).cast(pl.List(pl.String))
            frame = frame.with_columns(one.alias("city_id")).rename({"city_id": "city_ids"})
        frame = frame.with_columns(added)
        if stored.get(FOLD_KEY) != FOLD_VERSION and "search_text" in frame.columns:
            # folded before dashes and apostrophes were: 'tokyo-yoko' must find 'Tokyo–Yokohama'
            frame = frame.with_columns(refold_joined(frame["search_text"]).alias("search_text"))
        if NAMES_KEY in stored and "city_names" in frame.columns:
            frame = frame.with_columns(pl.coalesce("city_names", "name").alias("city_names"))
        order = [c for c in ENTRY_SCHEMA if c in frame.columns]
        return frame.select(order + [c for c in frame.columns if c not in ENTRY_SCHEMA])
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"entries of {index_id} in {path} cannot be read ({exc})") from exc


def _same_in_every_row(path: Path, text: str | None) -> dict[str, str]:
    """The columns `save` stored once (SAME_KEY's JSON); a damaged one is a DataError."""
    try:
        same = json.loads(text) if text is not None else {}
    except ValueError:
        same = None
    if not isinstance(same, dict) or not all(
        c in ENTRY_SCHEMA and ENTRY_SCHEMA[c] == pl.String and isinstance(v, str)
        for c, v in same.items()
    ):
        raise DataError(f"entries file {path} has damaged metadata ({SAME_KEY})")
    return same


def _slim_entries(entries: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, str]]:
    """The entries as stored, and the file's key-value metadata that says what loading adds
    (see the module's text): what loading gives back is not written."""
    entries = entries.drop(NOT_STORED, strict=False)
    metadata = {FOLD_KEY: FOLD_VERSION}
    if "city_names" in entries.columns and not entries["city_names"].null_count():
        entries = entries.with_columns(
            pl.when(pl.col("city_names") != pl.col("name")).then(pl.col("city_names"))
        )
        metadata[NAMES_KEY] = "yes"
    ids = entries.schema.get("city_ids")
    if ids == pl.List(pl.String) and bool((entries["city_ids"].list.len() == 1).all()):
        entries = entries.with_columns(pl.col("city_ids").list.first()).rename(
            {"city_ids": "city_id"}
        )
    same: dict[str, str] = {}
    dropped = []
    for column, values in entries.to_dict().items():
        if column not in ENTRY_SCHEMA or ENTRY_SCHEMA[column] != values.dtype or not values.len():
            continue
        if values.null_count() == values.len() and column not in REQUIRED:
            dropped.append(column)
        elif values.dtype == pl.String and values.null_count() == 0:
            first = values[0]
            if first == values[-1] and bool((values == first).all()):  # first: quick refusal
                same[column] = first
                dropped.append(column)
    if same:
        metadata[SAME_KEY] = json.dumps(same)
    return entries.drop(dropped), metadata


def read_cities(path: Path) -> pl.DataFrame:
    """The cities an import first saw, in CITY_SCHEMA (a column an older file lacks is missing)."""
    found = read_parquet(path, "imported cities")
    try:
        return found.with_columns(
            pl.lit(None, dtype=t).alias(c) for c, t in CITY_SCHEMA.items() if c not in found.columns
        ).select(pl.col(c).cast(t) for c, t in CITY_SCHEMA.items())
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"imported cities file {path} cannot be read ({exc})") from exc


def city_keys(cities: pl.DataFrame) -> pl.DataFrame:
    """KEY_SCHEMA rows of cities (CITY_SCHEMA): each name and alias folded, once per city."""
    keys = (
        cities.select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias("_n"),
            key=pl.concat_list(pl.col("name"), pl.col("aliases")),
        )
        .explode("key")
        .drop_nulls("key")
    )
    keys = keys.with_columns(key=fold_series(keys["key"])).unique(maintain_order=True)
    listed = keys.group_by("_n", maintain_order=True).agg(pl.col("key").alias("keys"))
    return (
        cities.with_row_index("_n")
        .join(listed, on="_n", how="left", maintain_order="left")
        .with_columns(pl.col("keys").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        .select(pl.col(c).cast(t) for c, t in KEY_SCHEMA.items())
    )


def read_city_keys(path: Path) -> pl.DataFrame:
    """KEY_SCHEMA rows of an imported cities file: its stored `keys` (folded when written), or
    for a file written before they were stored, its names and aliases folded now."""
    regular_data_file(path, "imported cities file")
    try:
        if "keys" not in pl.read_parquet_schema(path):
            return city_keys(read_cities(path))
        found = pl.read_parquet(path, columns=list(KEY_SCHEMA))
        return found.select(pl.col(c).cast(t) for c, t in KEY_SCHEMA.items())
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"imported cities file {path} cannot be read ({exc})") from exc


# The columns of an entry a new city is made of (see `placeholder_cities`).
_PLACEHOLDER_FROM = ("city_id", "name", "country_iso2", "country_name", "region", "subregion")
# A new city made of an entry: CITY_SCHEMA's columns it has, and its one key (folded name).
PLACEHOLDER_SCHEMA = Schema({**{c: CITY_SCHEMA.spec[c] for c in _WHO}, "key": "String"})


def placeholder_cities(entries: pl.LazyFrame, index_id: str) -> pl.LazyFrame:
    """PLACEHOLDER_SCHEMA rows of the new cities an import created: the names that linked to
    no known city. They are not stored (a million-row file would write, and every later import
    read, a million-row cities file): each is its id's first row, in rank order, which has
    every field of it. Its id is `<index_id>:<slug>-<country>`, its one key the folded name
    that search_text begins with ('<key> | ', as the importer writes it for a new city).
    `entries` hold _PLACEHOLDER_FROM and search_text (`city_ids` as a list, or `city_id`)."""
    ids = (
        pl.col("city_id")
        if "city_id" in entries.collect_schema()
        else pl.col("city_ids").list.first().alias("city_id")
    )
    return (
        entries.select(ids, *_PLACEHOLDER_FROM[1:], "search_text")
        .filter(pl.col("city_id").str.starts_with(f"{index_id}:"))
        .filter(pl.col("city_id").is_first_distinct())
        .select(_as_placeholders())
    )


def placeholders_of(entries: pl.DataFrame, index_id: str) -> pl.DataFrame:
    """`placeholder_cities` of entries in memory (`city_ids` lists), each id's first row told by
    `first_rows` rather than by comparing a million ids as text."""
    return placeholders_at(entries, new_city_rows(entries, index_id))


def new_city_rows(entries: pl.DataFrame, index_id: str) -> pl.Series:
    """The positions of the rows `placeholders_of` makes its cities of (each new id's first
    row): what `save` also needs (`made_rows`), so an import finds them once."""
    ids = entries["city_ids"].list.first()
    own = ids.str.starts_with(f"{index_id}:").arg_true()
    return own.gather(first_rows(ids.gather(own)))


def placeholders_at(entries: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """`placeholders_of` made of the rows `new_city_rows` found."""
    return (
        entries[rows]
        .select(
            pl.col("city_ids").list.first().alias("city_id"), *_PLACEHOLDER_FROM[1:], "search_text"
        )
        .select(_as_placeholders())
    )


def _as_placeholders() -> list[pl.Expr]:
    return [
        pl.col("city_id"),
        pl.col("name"),
        pl.col("country_iso2"),
        pl.col("country_name").alias("country"),
        pl.col("region"),
        pl.col("subregion"),
        pl.col("search_text").str.strip_suffix(" | ").alias("key"),
    ]


def as_cities(made: pl.DataFrame) -> pl.DataFrame:
    """PLACEHOLDER_SCHEMA rows as CITY_SCHEMA rows: no aliases, the rest missing."""
    return made.with_columns(
        aliases=pl.lit([], dtype=pl.List(pl.String)),
        **{
            c: pl.lit(None, dtype=t)
            for c, t in CITY_SCHEMA.items()
            if c not in made.columns and c != "aliases"
        },
    ).select(pl.col(c).cast(t) for c, t in CITY_SCHEMA.items())


def scan_placeholder_entries(
    path: Path, index_id: str, hashes: pl.Series | None = None
) -> tuple[pl.LazyFrame, dict[str, str], pl.Schema]:
    """What `placeholder_cities` needs of a stored entries file, read lazily: only those
    columns (`city_id` as text), and a column `save` left out (missing in every row, or one
    value in every row) given back as `read_entries` gives it. Also the file's key-value
    metadata and its columns. With `hashes`, only the rows whose KEY_HASH is one of them (the
    file must have that column): the reader decodes the other columns of those rows alone."""
    regular_data_file(path, f"entries of {index_id}")
    try:
        schema = pl.read_parquet_schema(path)
        stored = pl.read_parquet_metadata(path)
        same = _same_in_every_row(path, stored.get(SAME_KEY))
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"entries of {index_id} in {path} cannot be read ({exc})") from exc
    ids = pl.col("city_id") if "city_id" in schema else pl.col("city_ids").list.first()
    scan = pl.scan_parquet(path)
    if hashes is not None:
        scan = scan.filter(pl.col(KEY_HASH).is_in(hashes.implode()))
    scan = scan.select(
        ids.alias("city_id"), *(c for c in (*_PLACEHOLDER_FROM[1:], "search_text") if c in schema)
    )
    scan = scan.with_columns(
        pl.lit(same.get(c), dtype=pl.String).alias(c)
        for c in (*_PLACEHOLDER_FROM[1:], "search_text")
        if c not in schema
    )
    return scan, stored, pl.Schema(schema)


def first_rows(ids: pl.Series) -> pl.Series:
    """The positions of `ids.is_first_distinct()`'s rows, in order, told by 64-bit hashes (a
    fraction of the cost for a million texts) and checked: a row a hash calls a repeat is
    compared, as text, with the first row of its hash; if any differs (two ids, one hash),
    texts decide."""
    hashed = ids.hash()
    firsts = hashed.arg_unique()  # each hash's first row, in order
    if firsts.len() == ids.len():  # no two hashes alike: no two ids alike (the usual case)
        return firsts
    repeats = pl.repeat(True, ids.len(), eager=True).scatter(firsts, False).arg_true()
    repeated = hashed.gather(repeats)
    # the first rows of the hashes that repeat only (a few thousand), not a table of all
    of = pl.DataFrame({"h": hashed.gather(firsts), "at": firsts}).filter(
        pl.col("h").is_in(repeated.unique().implode())
    )
    pairs = pl.DataFrame({"h": repeated, "id": ids.gather(repeats)}).join(of, on="h", how="left")
    if bool(pairs["id"].eq_missing(ids.gather(pairs["at"])).all()):
        return firsts.sort()
    return ids.arg_unique().sort()


def _hash(keys: pl.Series) -> pl.Series:
    """Polars' 64-bit hash of each folded name: what KEY_HASH stores. A collision only lets a
    name through to the join on the key itself; with 32 bits, a million names met ~200 of a
    million stored keys by chance, and reading those rows cost as much as reading them all."""
    return keys.hash()


def key_hashes(keys: pl.Series) -> pl.Series:
    """The hashes of folded names that `read_placeholders` looks for (repeats kept: they are
    only looked up, and making them unique cost more than it saved)."""
    return _hash(keys)


def _with_key_hashes(
    slim: pl.DataFrame,
    metadata: dict[str, str],
    entries: pl.DataFrame,
    index_id: str,
    made_rows: pl.Series | None = None,
    made_hashes: pl.Series | None = None,
) -> tuple[pl.DataFrame, dict[str, str]]:
    """The stored entries with KEY_HASH: on each new city's first row (`placeholder_cities`),
    the hash of its key; missing on every other row (a column missing in every row is not
    stored: no new city). A later import then reads that one column to find which of its
    names may link to this import's new cities, instead of every id and search text.
    `made_rows`: those first rows when the caller found them already (`new_city_rows`), and
    `made_hashes` the hashes of their keys when it has those too."""
    if "city_id" not in slim.columns or "search_text" not in entries.columns:
        return slim, metadata  # several ids in a row: later imports read the ids
    metadata = {**metadata, KEY_HASH_KEY: pl.__version__}
    if made_rows is not None:
        firsts = made_rows
    else:
        rows = slim["city_id"].str.starts_with(f"{index_id}:").arg_true()
        firsts = rows.gather(first_rows(slim["city_id"].gather(rows)))
    if firsts.is_empty():
        return slim, metadata
    hashes = (
        made_hashes
        if made_hashes is not None and made_rows is not None
        else _hash(entries["search_text"].gather(firsts).str.strip_suffix(" | "))
    )
    column = pl.Series(KEY_HASH, [], pl.UInt64).extend_constant(None, slim.height)
    return slim.with_columns(column.scatter(firsts, hashes)), metadata


def read_placeholders(path: Path, index_id: str, hashes: pl.Series | None = None) -> pl.DataFrame:
    """The new cities of a stored import (`placeholder_cities`); with `hashes` (`key_hashes`
    of a later import's names), only those whose key may be one of them: what those names can
    link to. A collision of hashes lets a few more through, which the later join on the key
    drops; never one fewer. A file `save` wrote with this polars version has the hashes of its
    new cities' keys on their first rows (KEY_HASH), so only that column is read to find them;
    of another file the ids and search texts are read and hashed, and a city's first row is
    found by its id as text among the rows of the ids found. Without `hashes`, every new city:
    the rows with a hash, or in a file without them, each own id's first row."""
    entries, stored, schema = scan_placeholder_entries(path, index_id)
    try:
        if hashes is None:
            if KEY_HASH_KEY not in stored:
                return placeholder_cities(entries, index_id).collect()
            if KEY_HASH not in schema:
                return pl.DataFrame(schema=PLACEHOLDER_SCHEMA)  # it made no new city
            # the first rows are those with a hash (whichever polars made it)
            first = pl.read_parquet(path, columns=[KEY_HASH])[KEY_HASH].is_not_null()
            return entries.collect().filter(first).select(_as_placeholders())
        folded_now = stored.get(FOLD_KEY) == FOLD_VERSION  # else its keys are folded again
        if stored.get(KEY_HASH_KEY) == pl.__version__ and folded_now:
            if KEY_HASH not in schema:
                return pl.DataFrame(schema=PLACEHOLDER_SCHEMA)  # it made no new city
            # only the rows of those hashes, every column but the search text (the largest):
            # the key is the name folded, as the importer made it, for these rows. The hash
            # column alone is read first: most often few rows or none are wanted, and then
            # no other column is decoded (a file of a million rows, none wanted: 76 -> 40 ms);
            # when most are, every row is read and the wanted ones kept (no filtered scan).
            stored_hashes = pl.read_parquet(path, columns=[KEY_HASH])[KEY_HASH]
            hit = stored_hashes.is_in(hashes.implode()).fill_null(False)
            hits = int(hit.sum())
            if not hits:
                return pl.DataFrame(schema=PLACEHOLDER_SCHEMA)
            if hits * 2 > hit.len():
                near = entries.drop("search_text").collect().filter(hit)
            else:
                found = stored_hashes.filter(hit).unique()
                matched = scan_placeholder_entries(path, index_id, found)[0]
                near = matched.drop("search_text").collect()
            # its key (search_text without its ' | ') made straight from the name
            key = fold_series(near["name"]).alias("key")
            return near.with_columns(key).select(*_as_placeholders()[:-1], "key")
        ids = entries.select("city_id", "search_text").collect()
        if not folded_now:
            ids = ids.with_columns(refold_joined(ids["search_text"]).alias("search_text"))
        own = ids["city_id"].str.starts_with(f"{index_id}:")
        hit = own & _hash(ids["search_text"].str.strip_suffix(" | ")).is_in(hashes.implode())
        if not hit.any():
            return pl.DataFrame(schema=PLACEHOLDER_SCHEMA)
        by_id = ids["city_id"].hash()
        wanted = (  # every row of the ids hit (all of them when every name may link)
            own
            if hit.sum() == own.sum()
            else own & by_id.is_in(by_id.filter(hit).unique().implode())
        )
        rest = entries.drop("city_id", "search_text").collect()
        rows_of = pl.concat([ids, rest], how="horizontal").filter(wanted)
        if not by_id.filter(wanted).is_unique().all():  # some id has several rows
            rows_of = rows_of.filter(pl.col("city_id").is_first_distinct())
        return rows_of.select(_as_placeholders())
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(f"entries of {index_id} in {path} cannot be read ({exc})") from exc


def own_city_ids(data_dir: Path, index_id: str) -> pl.Series | None:
    """The ids of the cities the stored version of `index_id` created (None: none, or unreadable)."""
    try:
        stored = read_meta(index_path(data_dir, index_id, ".toml"))
        if stored.cities_path is None or not stored.cities_path.is_file():
            return None
        return pl.read_parquet(stored.cities_path, columns=["city_id"])["city_id"]
    except (DataError, UsageError, OSError, pl.exceptions.PolarsError):
        return None


STALE_AFTER = (
    3600.0  # seconds: a data file no metadata names, older than this, is a killed import's
)


def folder(data_dir: Path) -> Path:
    return data_dir / "indexes"


def index_path(data_dir: Path, index_id: str, suffix: str) -> Path:
    """`indexes/<id><suffix>`, refusing an id that is not one or a path that leaves the folder."""
    problem = id_problem(index_id)
    if problem:
        raise UsageError(problem)
    target = folder(data_dir)
    path = target / f"{index_id}{suffix}"
    if path.resolve().parent != target.resolve():
        raise UsageError(f"{index_id!r} does not name a file in {target}")
    return path


def save(
    data_dir: Path,
    index_id: str,
    meta: dict[str, Any],
    entries: pl.DataFrame,
    new_cities: pl.DataFrame | None = None,
    made_rows: pl.Series | None = None,
    made_hashes: pl.Series | None = None,
) -> list[str]:
    """Store an index. Raises SaveError, leaving any previous version intact. `made_rows`:
    `new_city_rows(entries, index_id)` when the caller has them (an import found them already),
    `made_hashes` the hashes of their keys (`key_hashes`) when it has those too.

    Returns warnings about old files that could not be removed (harmless leftovers).
    """
    target = folder(data_dir)
    stamp = time.strftime("%Y%m%d%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 1_000_000}"
    meta_file = index_path(data_dir, index_id, ".toml")
    entries_file = index_path(data_dir, index_id, f".{stamp}.parquet")
    cities_file = index_path(data_dir, index_id, f".{stamp}.cities.parquet")
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        slim, metadata = _slim_entries(entries)
        slim, metadata = _with_key_hashes(slim, metadata, entries, index_id, made_rows, made_hashes)
        written.append(entries_file)  # before writing: a partial file is removed too
        _write_parquet(slim, entries_file, metadata)
        if new_cities is not None and new_cities.height:
            written.append(cities_file)
            _write_parquet(new_cities, cities_file)
        payload = {
            **meta,
            "rows_bundled": entries.height,
            "rows_full": entries.filter(
                pl.all_horizontal(
                    pl.col(c).is_not_null() for c in meta.get("full_columns", ["rank"])
                )
            ).height,
            "has_scores": bool(entries["score"].is_not_null().any()),
            "entries_file": entries_file.name,
        }
        if cities_file in written:
            payload["cities_file"] = cities_file.name
        tomlfile.write(meta_file, payload)
    except (OSError, pl.exceptions.PolarsError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        message = outfile.reason(exc, target)  # a full disk: "no space left on the disk holding"
        raise SaveError(f"cannot store {index_id} in {target}: {message}") from exc
    warnings = _remove_files(target, index_id, keep={p.name for p in written})
    return warnings + clean_stale(target)


def remove(data_dir: Path, index_id: str) -> list[str]:
    """Remove an imported index: its metadata first (so it disappears at once), then its files."""
    meta = index_path(data_dir, index_id, ".toml")
    if not meta.is_file() or meta.is_symlink():
        raise UsageError(f"no imported index called {index_id!r}")
    try:
        meta.unlink()
    except OSError as exc:
        raise SaveError(f"cannot remove {meta}: {exc.strerror or exc}") from exc
    return _remove_files(folder(data_dir), index_id, keep=set())


@contextmanager
def import_lock(data_dir: Path, index_id: str) -> Iterator[None]:
    """Held for a whole import of `index_id`; a second import of it at once is refused.

    The lock file `.<id>.lock` is removed when the import ends. So that this cannot let two
    imports in, a lock taken on a file that has meanwhile been removed is dropped and retaken.
    """
    lock_path = index_path(data_dir, index_id, ".lock")
    lock_path = lock_path.with_name(f".{lock_path.name}")
    while True:
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(lock_path, flags, 0o600)
        except OSError as exc:
            raise SaveError(f"cannot lock {lock_path}: {exc.strerror or exc}") from exc
        if not try_lock(fd):
            os.close(fd)
            raise UsageError(
                f"another import of {index_id} is running; try again when it has finished"
            )
        if _same_file(fd, lock_path):
            break
        release(fd)  # the file was removed by the import that just ended: take the new one
        os.close(fd)
    try:
        yield
    finally:
        # Windows cannot remove an open file: there it stays, and the next import reuses it.
        with suppress(OSError):
            lock_path.unlink(missing_ok=True)
        release(fd)
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _write_parquet(frame: pl.DataFrame, path: Path, metadata: dict[str, str] | None = None) -> None:
    # zstd's fastest level: a third quicker to write than its default, files a third larger.
    # One row group: the file reads back as one chunk, with no copy to make it one.
    # No column statistics: files are always read whole, and a million texts' min and max
    # took a fifth of the writing. Pages of 8 MiB, not 1: a 1M-row import's entries were
    # written in ~0.6 of the time, and the file is a fifth smaller (read back as fast).
    frame.write_parquet(
        path,
        compression="zstd",
        compression_level=1,
        row_group_size=max(frame.height, 1),
        data_page_size=8 * 2**20,
        statistics=False,
        metadata=metadata,
    )
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _remove_files(target: Path, index_id: str, keep: set[str]) -> list[str]:
    """Delete this index's data files except `keep`; a leftover is harmless, so failures are returned, not raised."""
    warnings = []
    for path in [*list(target.glob(f"{index_id}.*.parquet")), target / f"{index_id}.parquet"]:
        if path.name in keep or not path.exists() or path.name.split(".")[0] != index_id:
            continue
        try:
            path.unlink()
        except OSError as exc:
            warnings.append(f"could not remove the old file {path}: {exc.strerror or exc}")
    return warnings


def clean_stale(target: Path, older_than: float = STALE_AFTER) -> list[str]:
    """Remove data files of our own naming that no metadata names and that are old: what a
    killed import leaves. A recent one may belong to an import still running, so it stays."""
    named: set[str] = set()
    for meta in target.glob("*.toml"):
        if not valid_id(meta.stem):
            continue
        named.add(f"{meta.stem}.parquet")  # the name an entries_file defaults to
        try:  # the guarded reader: a FIFO named *.toml is refused, never waited on
            data = tomllib.loads(_read_regular_text(meta))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            # Unreadable metadata: keep every file of that id, it may still be repaired.
            named.update(p.name for p in target.glob(f"{meta.stem}.*parquet"))
            continue
        named.update(str(data.get(k)) for k in ("entries_file", "cities_file"))
    warnings = []
    now = time.time()
    for path in target.glob("*.parquet"):
        if path.name in named or not DATA_FILE.match(path.name) or path.is_symlink():
            continue
        try:
            if not path.is_file() or now - path.stat().st_mtime < older_than:
                continue
            path.unlink()
        except OSError as exc:
            warnings.append(f"could not remove the leftover file {path}: {exc.strerror or exc}")
    return warnings
