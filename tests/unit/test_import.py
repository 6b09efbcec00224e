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


def _saved_and_loaded(tmp_path, frame: pl.DataFrame) -> pl.DataFrame:
    userindexes.save(
        tmp_path, "mine", {"name": "Mine", "universe_size": max(frame.height, 1)}, frame
    )
    return Catalog(user_dir=tmp_path).entries("mine")


def test_entries_load_as_they_were_saved_whatever_is_stored_once_or_left_out(tmp_path):
    from cityrank_tui.core.schema import conform

    # one source in every row (stored once), columns missing in every row (not stored), one
    # city per row (stored as text), city names mostly the row's own name (stored where not)
    frame = conform(
        pl.DataFrame(
            {
                "index": "mine",
                "rank": [1, 2, 3],
                "name": ["Zürich", "Gotham", "Bangalore"],
                "city_ids": [["zurich-ch"], ["mine:gotham-xx"], ["bengaluru-in"]],
                "city_names": ["Zürich", "Gotham", "Bengaluru"],
                "tier": ["A", "A", "A"],
                "source_url": "file:///home/me/ranking.csv",
                "search_text": ["zurich | zuerich", "gotham | ", "bangalore | bengaluru"],
            }
        )
    )
    loaded = _saved_and_loaded(tmp_path, frame)
    assert loaded.schema == frame.schema
    assert loaded.to_dicts() == frame.to_dicts()
    # a column of one value is every row's value wherever the rows go
    assert loaded.filter(pl.col("rank") > 1).sort("rank", descending=True).to_dicts() == (
        frame.filter(pl.col("rank") > 1).sort("rank", descending=True).to_dicts()
    )


def test_entries_of_several_cities_per_row_and_no_rows_load_as_saved(tmp_path):
    from cityrank_tui.core.schema import conform

    frame = conform(
        pl.DataFrame(
            {
                "index": "mine",
                "rank": [1, 2],
                "name": ["Tokyo-Yokohama", "Gotham"],
                "city_ids": [["tokyo-jp", "yokohama-jp"], []],
                "source_url": ["https://a.example/1", None],
                "search_text": ["tokyo-yokohama | ", "gotham | "],
            }
        )
    )
    assert _saved_and_loaded(tmp_path, frame).to_dicts() == frame.to_dicts()
    assert _saved_and_loaded(tmp_path / "none", frame.clear()).to_dicts() == []


def test_entries_file_with_damaged_metadata_is_refused_naming_the_file(tmp_path):
    from cityrank_tui.core.errors import DataError

    frame = conform_one()
    _saved_and_loaded(tmp_path, frame)
    path = next(p for p in (tmp_path / "indexes").glob("mine.*.parquet"))
    stored = pl.read_parquet(path)
    stored.write_parquet(path, metadata={userindexes.SAME_KEY: '{"rank": 1}'})
    try:
        Catalog(user_dir=tmp_path).entries("mine")
    except DataError as exc:
        assert "damaged" in str(exc) and str(path) in str(exc)
    else:
        raise AssertionError("damaged metadata was not refused")


def conform_one() -> pl.DataFrame:
    from cityrank_tui.core.schema import conform

    return conform(
        pl.DataFrame(
            {"index": "mine", "rank": [1], "name": ["X"], "city_ids": [["x"]], "source_url": "u"}
        )
    ).with_columns(search_text=pl.lit("x | "))
