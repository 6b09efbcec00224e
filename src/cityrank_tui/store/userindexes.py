"""Imported indexes in the user's data folder, written so that a failed import changes nothing.

Each import writes new, uniquely named files (`indexes/<id>.<stamp>.parquet`, and
`.cities.parquet` for names no known city matched), fsyncs them, and only then replaces
`indexes/<id>.toml`, whose `entries_file` names them. Replacing that small file is the commit:
until it happens the previous version is what the app reads. Older files are removed after.

Every path is built from an id that matches the id pattern and is checked to stay inside the
folder, so no id (`../../config/bookmarks`, `/etc/x`, `name\\n`) can reach another file.
One import of an id at a time: `indexes/.<id>.lock` is held while it runs, then removed.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import polars as pl

from ..core.errors import UsageError
from ..core.imported import DATA_FILE, valid_id
from . import tomlfile
from .filelock import release, try_lock
from .tomlfile import SaveError

STALE_AFTER = (
    3600.0  # seconds: a data file no metadata names, older than this, is a killed import's
)


def folder(data_dir: Path) -> Path:
    return data_dir / "indexes"


def index_path(data_dir: Path, index_id: str, suffix: str) -> Path:
    """`indexes/<id><suffix>`, refusing an id that is not one or a path that leaves the folder."""
    if not valid_id(index_id):
        raise UsageError(
            f"index id {index_id!r} must be lower-case letters, digits and hyphens (e.g. gawc-2024)"
        )
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
) -> list[str]:
    """Store an index. Raises SaveError, leaving any previous version intact.

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
        tomlfile.write(meta_file, payload)
    except (OSError, pl.exceptions.PolarsError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
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


def clean_stale(target: Path, older_than: float = STALE_AFTER) -> list[str]:
    """Remove data files of our own naming that no metadata names and that are old: what a
    killed import leaves. A recent one may belong to an import still running, so it stays."""
    named: set[str] = set()
    for meta in target.glob("*.toml"):
        if not valid_id(meta.stem):
            continue
        named.add(f"{meta.stem}.parquet")  # the name an entries_file defaults to
        try:
            data = tomllib.loads(meta.read_text(encoding="utf-8"))
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
