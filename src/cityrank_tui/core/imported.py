"""Indexes stored in the user's data folder: `indexes/<id>.parquet` plus `indexes/<id>.toml` metadata.

They load through the same Catalog path as bundled indexes and appear as tabs like them;
store/userindexes.py writes them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .catalog import IndexInfo
from .errors import DataError

META_DEFAULTS = {
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


def read_user_index_meta(meta_path: Path) -> tuple[IndexInfo, Path | None]:
    """An imported index's metadata, and the file of cities first seen in it (None when all matched)."""
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"imported index metadata {meta_path} cannot be read ({exc})") from exc
    index_id = meta_path.stem
    for key in ("name", "rows_bundled", "universe_size"):
        if key not in meta:
            raise DataError(f"imported index metadata {meta_path} lacks {key!r}")
    row = {**META_DEFAULTS, **meta, "id": index_id, "bundled": False}
    row["short_name"] = row["short_name"] or row["name"]
    entries = meta.get("entries_file", f"{index_id}.parquet")
    if not isinstance(entries, str) or "/" in entries:
        raise DataError(f"imported index metadata {meta_path}: entries_file must be a file name")
    cities = meta.get("cities_file")
    cities_path = (
        meta_path.with_name(cities) if isinstance(cities, str) and "/" not in cities else None
    )
    return IndexInfo.from_row(row, meta_path.with_name(entries)), cities_path
