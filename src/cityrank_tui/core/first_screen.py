"""What each bundled edition's tab shows first, written beside the Parquet by data/build.py.

The app draws its first frame from this file, before polars is imported (issue 25): the
catalogue's index rows (indexes.parquet, as read) and, per bundled edition, what its table
shows in the default view (no filter, no search, rank order): its columns, their widths, the
first ROWS rows' values and how many rows there are. Every figure in it is read from the
Parquet by the same code that shows it; a digest of each Parquet file it was made from is
kept, and a file that no longer matches its digest is not used (the app then reads the
Parquet as it would without this file). tests/ compare the screens drawn both ways.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = "first_screen.json"
VERSION = 1
ROWS = 120  # rows per edition: a terminal taller than this waits for the Parquet
INDEXES = "indexes.parquet"


@dataclass(frozen=True)
class Preview:
    """One edition's table as its tab first shows it (the default view)."""

    frame_columns: tuple[str, ...]  # the columns of the frame the tab holds (movement added)
    numeric: frozenset[str]  # which of them hold numbers (right-aligned)
    widths: tuple[int, ...]  # each table column's width (core.render.table_keys' order)
    rows: tuple[tuple[Any, ...], ...]  # the first rows: each table column's value, then city_ids
    height: int  # every row the edition has
    files: tuple[str, ...]  # the Parquet files (relative to the folder) it was made from
    unreadable: str  # as movement.Basis's: why the previous edition could not be read
    conflicts: int  # as movement.Basis's


@dataclass(frozen=True)
class FirstScreen:
    folder: Path
    digests: dict[str, str]  # file (relative) -> sha256 when this was written
    index_rows: tuple[dict[str, Any], ...]
    previews: dict[str, Preview]

    def fresh(self, files: tuple[str, ...]) -> bool:
        """Whether each of `files` is still the file this was made from."""
        try:
            return all(self.digests.get(f) == digest(self.folder / f) for f in files)
        except OSError:
            return False

    def preview(self, index_id: str) -> Preview | None:
        """The edition's first screen, unless a file it was made from changed since."""
        found = self.previews.get(index_id)
        return found if found is not None and self.fresh(found.files) else None


def files_for(index_id: str, previous_id: str | None) -> tuple[str, ...]:
    """The files an edition's first screen is made from: the index list, its entries and, for
    its Move column, its previous edition's. A start whose family puts another edition before
    it (an import that declares the family) does not match, and reads the Parquet instead."""
    own = (INDEXES, f"entries/{index_id}.parquet")
    return own if previous_id is None else (*own, f"entries/{previous_id}.parquet")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_loaded: dict[Path, FirstScreen | None] = {}


def load(folder: Path) -> FirstScreen | None:
    """The folder's first-screen file, if there is one that matches its indexes.parquet (read
    once per process); None otherwise, and for a damaged one: the Parquet is read instead."""
    if folder in _loaded:
        return _loaded[folder]
    found: FirstScreen | None = None
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
        if data["version"] == VERSION:
            found = FirstScreen(
                folder,
                dict(data["digests"]),
                tuple(data["indexes"]),
                {
                    k: Preview(
                        tuple(v["frame_columns"]),
                        frozenset(v["numeric"]),
                        tuple(v["widths"]),
                        tuple(tuple(r) for r in v["rows"]),
                        int(v["height"]),
                        tuple(v["files"]),
                        str(v["unreadable"]),
                        int(v["conflicts"]),
                    )
                    for k, v in data["editions"].items()
                },
            )
            if not found.fresh((INDEXES,)):
                found = None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        found = None
    _loaded[folder] = found
    return found


def make(folder: Path) -> dict[str, Any]:
    """The file's content for the Parquet in `folder`, read as the app reads it."""
    import polars as pl

    from . import movement
    from .catalog import Catalog
    from .figures import places
    from .filters import View, ViewCache, column_label
    from .render import column_widths, table_keys
    from .safetext import visible

    catalog = Catalog(bundled_dir=folder, user_dir=None, first_screen=False)
    meta = pl.read_parquet(folder / INDEXES)
    editions: dict[str, Any] = {}
    files = {INDEXES}
    for info in catalog.indexes.values():
        frame, moves = movement.with_movement(catalog, info, catalog.entries(info.id))
        keys = table_keys(info, frame.columns)
        used = files_for(info.id, moves.previous.id if moves.previous is not None else None)
        files.update(used)
        labels = [(k, visible(column_label(k, info)), places(info, k)) for k in keys]
        cache = ViewCache(frame)
        first = cache.rows(View()).head(ROWS)
        shown = [k for k in keys if k != "city_ids"]  # a table holds ids beside its columns
        rows = cache.frame.select([*shown, "city_ids"])[first].rows()
        editions[info.id] = {
            "frame_columns": frame.columns,
            "numeric": [c for c in frame.columns if frame.schema[c].is_numeric()],
            "widths": column_widths(frame, labels),
            "rows": [list(r) for r in rows],
            "height": frame.height,
            "files": list(used),
            "unreadable": moves.unreadable,
            "conflicts": moves.conflicts,
        }
    return {
        "version": VERSION,
        "digests": {f: digest(folder / f) for f in sorted(files)},
        "indexes": meta.rows(named=True),
        "editions": editions,
    }


def write(folder: Path) -> Path:
    """Write the folder's first-screen file (data/build.py, after the Parquet)."""
    target = folder / FILE
    text = json.dumps(make(folder), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    target.write_text(text + "\n", encoding="utf-8")
    _loaded.pop(folder, None)
    return target
