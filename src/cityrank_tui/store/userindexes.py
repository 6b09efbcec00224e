"""Imported indexes in the user's data folder, written so that a failed import changes nothing.

Each import writes new, uniquely named files (`indexes/<id>.<stamp>.parquet`, and
`.cities.parquet` for names no known city matched), fsyncs them, and only then replaces
`indexes/<id>.toml`, whose `entries_file` names them. Replacing that small file is the commit:
until it happens the previous version is what the app reads. Older files are removed after.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import polars as pl

from ..core.errors import UsageError
from . import tomlfile
from .tomlfile import SaveError


def folder(data_dir: Path) -> Path:
    return data_dir / "indexes"


def save(
    data_dir: Path,
    index_id: str,
    meta: dict[str, Any],
    entries: pl.DataFrame,
    new_cities: pl.DataFrame | None = None,
) -> list[str]:
    """Store an index. Raises SaveError, leaving any previous version intact.

    Returns warnings about old files that could not be removed (harmless leftovers).
    """
    target = folder(data_dir)
    stamp = time.strftime("%Y%m%d%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 1_000_000}"
    entries_file = target / f"{index_id}.{stamp}.parquet"
    cities_file = target / f"{index_id}.{stamp}.cities.parquet"
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_parquet(entries, entries_file)
        written.append(entries_file)
        if new_cities is not None and new_cities.height:
            _write_parquet(new_cities, cities_file)
            written.append(cities_file)
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
        tomlfile.write(target / f"{index_id}.toml", payload)
    except (OSError, pl.exceptions.PolarsError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SaveError(f"cannot store {index_id} in {target}: {message}") from exc
    return _remove_files(target, index_id, keep={p.name for p in written})


def remove(data_dir: Path, index_id: str) -> list[str]:
    """Remove an imported index: its metadata first (so it disappears at once), then its files."""
    meta = folder(data_dir) / f"{index_id}.toml"
    if not meta.is_file():
        raise UsageError(f"no imported index called {index_id!r}")
    try:
        meta.unlink()
    except OSError as exc:
        raise SaveError(f"cannot remove {meta}: {exc.strerror or exc}") from exc
    return _remove_files(folder(data_dir), index_id, keep=set())


def _write_parquet(frame: pl.DataFrame, path: Path) -> None:
    frame.write_parquet(path)
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
