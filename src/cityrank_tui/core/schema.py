"""Column names and types of the Parquet files: one place for the build, the loader and imports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import polars as pl

from .errors import DataError

if TYPE_CHECKING:
    from polars.datatypes import DataTypeClass

    # A column type as polars accepts it: an instance (pl.List(pl.String)) or a class (pl.String).
    DType: TypeAlias = pl.DataType | DataTypeClass


class Schema(Mapping[str, "DType"]):
    """Column name -> type, made when first read: the first frame is drawn before polars is
    imported (core/lazypolars.py), and these types are polars'."""

    def __init__(self, make: Callable[[], dict[str, DType]]) -> None:
        self._make = make
        self._made: dict[str, DType] | None = None

    def _types(self) -> dict[str, DType]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __getitem__(self, name: str) -> DType:
        return self._types()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types())

    def __len__(self) -> int:
        return len(self._types())


# The columns every index's entries hold. Each index adds its own declared measures
# (data/indexes.toml -> indexes.parquet `measures_json`); no module names those.
COMMON_SCHEMA = Schema(
    lambda: {
        "index": pl.String,
        "rank": pl.Int32,
        "name": pl.String,
        "tier": pl.String,
        "tier_order": pl.Int8,
        "score": pl.Float64,
        "country": pl.String,
        "publisher_region": pl.String,
        "publisher_subregion": pl.String,
        "city_ids": pl.List(pl.String),
        "city_names": pl.String,
        "country_iso2": pl.String,
        "country_name": pl.String,
        "region": pl.String,
        "subregion": pl.String,
        "note": pl.String,
        "source_url": pl.String,
        "search_text": pl.String,
    }
)
ENTRY_SCHEMA = COMMON_SCHEMA  # the name imports and older code use

# The type a declared measure's column has, by its kind.
MEASURE_DTYPES = Schema(
    lambda: {
        "rank": pl.Int32,
        "count": pl.Int64,
        "score": pl.Float64,
        "share": pl.Float64,
        "class": pl.String,
        "text": pl.String,
    }
)

INDEX_SCHEMA = Schema(
    lambda: {
        "id": pl.String,
        "family": pl.String,
        "name": pl.String,
        "short_name": pl.String,
        "publisher": pl.String,
        "edition": pl.Int32,
        "universe_size": pl.Int32,
        "universe_unit": pl.String,
        "entity_label": pl.String,
        "score_label": pl.String,
        "score_meaning": pl.String,
        "score_scale": pl.String,
        "family_name": pl.String,
        "tiers": pl.List(pl.String),
        "columns": pl.List(pl.String),
        "measures_json": pl.String,
        "group_coverage": pl.List(pl.String),
        "terms": pl.String,
        "country_note": pl.String,
        "full_columns": pl.List(pl.String),
        "full_label": pl.String,
        "attribution": pl.String,
        "methodology": pl.String,
        "comparability": pl.String,
        "not_comparable_with_previous": pl.String,  # why not, in a short phrase; null: comparable
        "source_urls": pl.List(pl.String),
        "gaps": pl.String,
        "complete_groups": pl.List(pl.String),
        "rows_bundled": pl.Int32,
        "rows_full": pl.Int32,
        "has_scores": pl.Boolean,
        "ranked": pl.Boolean,
        "bundled": pl.Boolean,
    }
)

CITY_SCHEMA = Schema(
    lambda: {
        "city_id": pl.String,
        "name": pl.String,
        "country_iso2": pl.String,
        "country": pl.String,
        "region": pl.String,
        "subregion": pl.String,
        "aliases": pl.List(pl.String),
        "geonameid": pl.Int64,
        "latitude": pl.Float64,
        "longitude": pl.Float64,
        "population": pl.Int64,
        "admin1": pl.String,
    }
)

# GeoNames places (population >= 15,000) that imported names can link to.
PLACE_SCHEMA = Schema(
    lambda: {
        "geonameid": pl.Int64,
        "name": pl.String,
        "country_iso2": pl.String,
        "admin1": pl.String,
        "admin1_name": pl.String,  # GeoNames' name of the admin area (a state, a province)
        "latitude": pl.Float64,
        "longitude": pl.Float64,
        "population": pl.Int64,
        "aliases": pl.List(pl.String),
    }
)

COUNTRY_SCHEMA = Schema(
    lambda: {
        "iso2": pl.String,
        "iso3": pl.String,
        "name": pl.String,
        "m49_region": pl.String,
        "m49_subregion": pl.String,
        "m49_intermediate": pl.String,
        "aliases": pl.String,
    }
)

# How each column is headed in tables and exports.
COLUMN_LABELS: dict[str, str] = {
    "index": "Index",
    "rank": "Rank",
    "name": "Name",
    "tier": "Tier",
    "score": "Score",
    "country": "Country (published)",
    "publisher_region": "Pub. region",
    "publisher_subregion": "Pub. sub-region",
    "city_names": "Cities",
    "country_iso2": "ISO",
    "country_name": "Country",
    "region": "Region (UN)",
    "subregion": "Sub-region (UN)",
    "note": "Note",
    "source_url": "Source",
    "movement": "Move",
    "previous_rank": "Prev. rank",
    "movement_against": "Against",
    "movement_conflict": "Published vs ours",
}


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """Every ENTRY_SCHEMA column, in order and type; columns the frame lacks are missing values."""
    return (
        frame.with_columns(
            [
                pl.lit(None, dtype=t).alias(c)
                for c, t in ENTRY_SCHEMA.items()
                if c not in frame.columns
            ]
        )
        .select(list(ENTRY_SCHEMA))
        .cast(pl.Schema(ENTRY_SCHEMA))
    )


def read_parquet(path: Path, what: str) -> pl.DataFrame:
    """A Parquet file, or DataError saying which file of what and why it cannot be read."""
    if not path.is_file():
        raise DataError(f"{what} file is missing: {path}")
    try:
        return pl.read_parquet(path)
    except Exception as exc:  # polars raises several types for a damaged file
        raise DataError(f"{what} file {path} cannot be read ({type(exc).__name__}: {exc})") from exc
