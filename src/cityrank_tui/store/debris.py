"""Leftovers of writers that were killed mid-write: temp files of our own naming, removed on
the next write to the same folder. Only our naming pattern, only files old enough that no
live writer can still own them, only regular files (never a symlink), only in that folder."""

from __future__ import annotations

import re
import time
from pathlib import Path

STALE_AFTER = 600.0  # seconds; a write takes milliseconds


def temp_pattern(name: str) -> re.Pattern[str]:
    """What tomlfile.write's temp files for `name` look like: `.<name>.<random>.tmp`."""
    return re.compile(re.escape(f".{name}.") + r"[A-Za-z0-9_]{6,16}\.tmp\Z")


def clean(folder: Path, pattern: re.Pattern[str], older_than: float = STALE_AFTER) -> int:
    """Remove old files in `folder` whose names match `pattern`; returns how many. A file that
    cannot be removed is left: it is harmless, and the write that called this must not fail."""
    removed = 0
    now = time.time()
    try:
        candidates = [p for p in folder.iterdir() if pattern.match(p.name)]
    except OSError:
        return 0
    for path in candidates:
        try:
            if path.is_symlink() or not path.is_file():
                continue
            if now - path.stat().st_mtime < older_than:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue  # gone already, or not ours to remove: leaving it is safe
    return removed
