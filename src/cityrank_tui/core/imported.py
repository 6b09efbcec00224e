"""Indexes stored in the user's data folder: `indexes/<id>.parquet` plus `indexes/<id>.toml` metadata.

They load through the same Catalog path as bundled indexes and appear as tabs like them.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

import polars as pl
import tomli_w

from .catalog import IndexInfo
from .errors import DataError
from .schema import ENTRY_SCHEMA

META_DEFAULTS = {
    "family": "imported", "short_name": None, "publisher": "(imported)", "edition": 0, "universe_unit": "entries",
    "entity_label": "Entry", "score_label": "Score", "score_meaning": "", "score_scale": "", "tiers": [],
    "columns": ["rank", "name", "tier", "score", "country", "subregion"], "full_columns": ["rank", "score"],
    "full_label": "with rank and score", "attribution": "", "methodology": "", "comparability": "",
    "source_urls": [], "gaps": "", "complete_groups": [], "has_scores": False, "rows_full": 0,
}


def read_user_index_meta(meta_path: Path) -> IndexInfo:
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
    return IndexInfo.from_row(row, meta_path.with_suffix(".parquet"))


def write_user_index(data_dir: Path, index_id: str, meta: dict, frame: pl.DataFrame) -> Path:
    """Store an index atomically: Parquet first, then its metadata (which makes it visible)."""
    folder = data_dir / "indexes"
    folder.mkdir(parents=True, exist_ok=True)
    full = frame.with_columns(
        [pl.lit(None, dtype=t).alias(c) for c, t in ENTRY_SCHEMA.items() if c not in frame.columns]
    ).select(list(ENTRY_SCHEMA)).cast(ENTRY_SCHEMA)
    target = folder / f"{index_id}.parquet"
    fd, tmp = tempfile.mkstemp(prefix=f".{index_id}.", suffix=".parquet.tmp", dir=folder)
    os.close(fd)
    full.write_parquet(tmp)
    os.replace(tmp, target)
    payload = {**meta, "rows_bundled": full.height, "has_scores": bool(full["score"].is_not_null().any())}
    fd, tmp = tempfile.mkstemp(prefix=f".{index_id}.", suffix=".toml.tmp", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(tomli_w.dumps(payload).encode("utf-8"))
    os.replace(tmp, folder / f"{index_id}.toml")
    return target
