"""Indexes stored in the user's data folder: `indexes/<id>.parquet` plus `indexes/<id>.toml` metadata.

They load through the same Catalog path as bundled indexes and appear as tabs like them;
store/userindexes.py writes them. The metadata is a file a user may edit by hand, so every
field's type is checked here: a wrong one skips that index with a warning, never a traceback.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from .catalog import IndexInfo
from .errors import DataError
from .schema import ENTRY_SCHEMA

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
    """A regular file's text, opened without blocking: a FIFO or device in the place of a
    metadata file is refused at once (reading one would wait forever)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read().decode("utf-8")
    finally:
        os.close(fd)


def read_user_index_meta(meta_path: Path) -> tuple[IndexInfo, Path | None]:
    """An imported index's metadata, and the file of cities first seen in it (None when all matched)."""
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
    cities_path = meta_path.with_name(cities) if cities else None
    return IndexInfo.from_row(row, meta_path.with_name(entries)), cities_path
