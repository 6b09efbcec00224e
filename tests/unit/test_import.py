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


# Each cell alone as a rank and as a score: the figure read (None: missing), or the error's
# words. A column of plain figures is read by a cast, any other its usual way; both agree.
CELLS = [
    ("12", 12, 12.0),
    ("+5", 5, 5.0),
    (" 7 ", 7, 7.0),
    ("00012", 12, 12.0),
    ("", None, None),
    ("   ", None, None),
    ("5.0", 5, 5.0),
    ("1e3", 1000, 1000.0),
    ("5.5", "whole numbers", 5.5),
    ("-.5e-3", "whole numbers", -0.0005),
    ("inf", "whole numbers", "not numbers"),
    ("nan", "whole numbers", "not numbers"),
    ("Infinity", "whole numbers", "not numbers"),
    ("1e400", "whole numbers", "not numbers"),
    ("0x1A", "whole numbers", "not numbers"),
    ("1_000", "whole numbers", "not numbers"),
    ("١٢", "whole numbers", "not numbers"),
    ("1,234,567", 1234567, 1234567.0),
    ("-12", -12, -12.0),
    ("-0", 0, 0.0),
    ("9223372036854775808", 9223372036854775808, 9223372036854775808.0),  # past Int64
]


def test_figures_are_read_the_same_by_the_cast_and_the_patterns():
    from cityrank_tui.core import numbers
    from cityrank_tui.core.errors import UsageError

    for cell, as_rank, as_score in CELLS:
        for integer, expected in ((True, as_rank), (False, as_score)):
            # alone, and beside plain figures and a blank (the cast's way when it is plain)
            for column in ([cell], ["1", cell, ""]):
                try:
                    got = numbers.parse(pl.Series(column), "c", "x", integer=integer).values
                except UsageError as exc:
                    assert isinstance(expected, str) and expected in str(exc), (cell, integer)
                    continue
                assert not isinstance(expected, str), (cell, integer, got.to_list())
                value = got[column.index(cell)]
                assert value == expected and got.dtype == pl.Float64, (cell, integer, value)
