"""Hostile and careless imports and outputs (issue 12): path-like ids, formula cells, mistyped
metadata, wrong encodings and delimiters, decimal commas, re-imports, concurrent imports, killed
writers, output files whose extension lies, and copies too large for a terminal.

Every test runs the real CLI (in-process) or the real app, and checks that bad input gives one
line and exit 2, never a traceback, and that no file outside the user's folders changes.
"""

from __future__ import annotations

import time

import polars as pl
import pytest

from cityrank_tui.core import render
from cityrank_tui.core.errors import UsageError
from cityrank_tui.store import userindexes


def test_store_builds_no_path_from_a_bad_id(tmp_path):
    for bad in ("../config/bookmarks", "a/b", "x\n", "/etc/passwd"):
        with pytest.raises(UsageError):
            userindexes.index_path(tmp_path, bad, ".toml")
        with pytest.raises(UsageError):
            userindexes.remove(tmp_path, bad)


def test_a_huge_view_is_not_copied_and_the_refusal_is_quick(catalog):
    info = catalog.get("ici-2014")
    frame = catalog.entries("ici-2014")
    huge = pl.concat([frame] * (500_000 // frame.height + 1))
    started = time.perf_counter()
    with pytest.raises(UsageError, match="press e to export"):
        render.clipboard_csv(huge, info)
    assert time.perf_counter() - started < 0.5
    assert render.clipboard_csv(frame.head(5), info).startswith("index,rank,")
