"""Work done ahead while the app is idle gives the figures a cold computation gives: the
agreement matrix's two modes share one observer (most pairs computed once), and every bundled
edition's entries can be read ahead on a worker (a damaged one is skipped, and said when shown)."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

from cityrank_tui.core import agreement
from cityrank_tui.core.catalog import Catalog, bundled_data_dir
from cityrank_tui.core.correlate import correlate
from cityrank_tui.core.errors import DataError
from cityrank_tui.core.families import family_key


def test_the_all_editions_matrix_after_the_overlap_one_reuses_pairs_with_the_same_figures(
    monkeypatch,
):
    computed: list[tuple[str, str]] = []
    compute = agreement.Observer._compute

    def counting(self, a, b):
        computed.append((a.id, b.id))
        return compute(self, a, b)

    monkeypatch.setattr(agreement.Observer, "_compute", counting)
    catalog = Catalog()
    observer = agreement.Observer(catalog)
    agreement.matrix(catalog, "overlap", observer=observer)
    by_overlap = len(computed)
    shared = agreement.matrix(catalog, "all", observer=observer)
    n = len(catalog.indexes)
    assert len(set(computed)) == len(computed)  # no pair computed twice
    assert len(computed) - by_overlap < n * (n - 1) // 2 // 2  # most pairs came from before
    cold = agreement.matrix(Catalog(), "all")
    assert shared.rows == cold.rows
    assert {k: (p.n, p.rho) for k, p in shared.pairs.items()} == {
        k: (p.n, p.rho) for k, p in cold.pairs.items()
    }
    # and, by another route, the correlation view's figures for a pair of two families
    first = shared.rows[0][0]
    family = family_key(catalog.indexes[first])
    second = next(k for k, _ in shared.rows if family_key(catalog.indexes[k]) != family)
    pair = shared.pairs[(first, second)]
    result = correlate(Catalog(), first, second)
    assert (pair.n, pair.rho) == (result.pairs.height, result.rho)


def test_reading_bundled_editions_ahead_reads_each_file_and_skips_a_damaged_one(tmp_path):
    bundled = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), bundled)
    damaged = "gii-2023"
    (bundled / "entries" / f"{damaged}.parquet").write_bytes(b"not parquet")
    catalog = Catalog(bundled_dir=bundled)
    catalog.read_bundled_ahead()
    ids = [i.id for i in catalog.indexes.values() if i.bundled]
    assert damaged in ids and damaged not in catalog._entries
    for index_id in ids:
        if index_id != damaged:
            assert index_id in catalog._entries
            direct = pl.read_parquet(bundled / "entries" / f"{index_id}.parquet")
            held = catalog.entries(index_id)
            assert held.select(direct.columns).equals(direct)
    with pytest.raises(DataError, match=damaged):
        catalog.entries(damaged)
