"""Importing your own index (CSV, TSV, Parquet, Excel), removing it, and exporting views."""

from __future__ import annotations

import polars as pl

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import userindexes


def test_catalog_ignores_a_file_that_claims_a_bundled_id(tmp_path):
    from cityrank_tui.core.schema import conform

    frame = conform(
        pl.DataFrame({"rank": [1], "name": ["X"], "city_ids": [["x"]], "index": ["ici-2014"]})
    )
    userindexes.save(tmp_path, "ici-2014", {"name": "Fake", "universe_size": 1}, frame)
    assert Catalog(user_dir=tmp_path).get("ici-2014").bundled
