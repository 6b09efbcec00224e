"""The bundled Parquet is exactly what data/build.py makes from the sources, and the sources are read faithfully."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
from polars.testing import assert_frame_equal

from cityrank_tui.core.first_screen import FILE
from tests.support.build import DATA


def test_rebuild_matches_committed_parquet(tmp_path):
    result = subprocess.run(
        [sys.executable, str(DATA / "build.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    committed = DATA / "parquet"
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet"))
    assert built == sorted(p.relative_to(committed) for p in committed.rglob("*.parquet"))
    for rel in built:
        assert_frame_equal(pl.read_parquet(tmp_path / rel), pl.read_parquet(committed / rel))
    # what each edition's tab shows first (core/first_screen.py) is rebuilt the same; its digests
    # are of each Parquet file's bytes, which the committed file's must match (test_first_screen)
    built_first = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    committed_first = json.loads((committed / FILE).read_text(encoding="utf-8"))
    assert built_first.keys() == committed_first.keys()
    for key in built_first.keys() - {"digests"}:
        assert built_first[key] == committed_first[key], key
    assert built_first["digests"].keys() == committed_first["digests"].keys()
