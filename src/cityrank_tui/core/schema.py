"""Column names and types of the Parquet files: one place for the build, the loader and imports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import polars as pl

from .errors import DataError

if TYPE_CHECKING:
    from polars.datatypes import DataTypeClass

    # A column type as polars accepts it: an instance (pl.List(pl.String)) or a class (pl.String).
    DType: TypeAlias = pl.DataType | DataTypeClass


class Schema(Mapping[str, "DType"]):
    """Column name -> type, each type written as polars names it ("String", "List(String)"):
    the names are known at once, the types made when one is first read. The first frame is
    drawn before polars is imported (core/lazypolars.py), and a check of column names
    (an import's metadata, read as the catalogue lists the tabs) needs no types."""

    def __init__(self, spec: dict[str, str]) -> None:
        self.spec = dict(spec)
        self._made: dict[str, DType] | None = None

    def _types(self) -> dict[str, DType]:
        if self._made is None:
            self._made = {name: dtype(text) for name, text in self.spec.items()}
        return self._made

    def __getitem__(self, name: str) -> DType:
        return self._types()[name]

    def __contains__(self, name: object) -> bool:
        return name in self.spec

    def __iter__(self) -> Iterator[str]:
        return iter(self.spec)

    def __len__(self) -> int:
        return len(self.spec)


def dtype(text: str) -> DType:
    """The polars type a Schema names: 'Int32' is pl.Int32, 'List(String)' pl.List(pl.String)."""
    if text.startswith("List(") and text.endswith(")"):
        return pl.List(dtype(text[len("List(") : -1]))
    found: DType = getattr(pl, text)
    return found


# The columns every index's entries hold. Each index adds its own declared measures
# (data/indexes.toml -> indexes.parquet `measures_json`); no module names those.
COMMON_SCHEMA = Schema(
    {
        "index": "String",
        "rank": "Int32",
        "name": "String",
        "tier": "String",
        "tier_order": "Int8",
        "score": "Float64",
        "country": "String",
        "publisher_region": "String",
        "publisher_subregion": "String",
        "city_ids": "List(String)",
        "city_names": "String",
        "country_iso2": "String",
        "country_name": "String",
        "region": "String",
        "subregion": "String",
        "note": "String",
        "source_url": "String",
        "search_text": "String",
    }
)
ENTRY_SCHEMA = COMMON_SCHEMA  # the name imports and older code use

# The type a declared measure's column has, by its kind.
MEASURE_DTYPES = Schema(
    {
        "rank": "Int32",
        "count": "Int64",
        "score": "Float64",
        "share": "Float64",
        "class": "String",
        "text": "String",
    }
)

INDEX_SCHEMA = Schema(
    {
        "id": "String",
        "family": "String",
        "name": "String",
        "short_name": "String",
        "publisher": "String",
        "edition": "Int32",
        "universe_size": "Int32",
        "universe_unit": "String",
        "entity_label": "String",
        "score_label": "String",
        "score_meaning": "String",
        "score_scale": "String",
        "family_name": "String",
        "tiers": "List(String)",
        "columns": "List(String)",
        "measures_json": "String",
        "group_coverage": "List(String)",
        "terms": "String",
        "country_note": "String",
        "full_columns": "List(String)",
        "full_label": "String",
        "attribution": "String",
        "methodology": "String",
        "comparability": "String",
        "not_comparable_with_previous": "String",  # why not, in a short phrase; null: comparable
        "source_urls": "List(String)",
        "gaps": "String",
        "complete_groups": "List(String)",
        "rows_bundled": "Int32",
        "rows_full": "Int32",
        "has_scores": "Boolean",
        "ranked": "Boolean",
        "bundled": "Boolean",
    }
)

CITY_SCHEMA = Schema(
    {
        "city_id": "String",
        "name": "String",
        "country_iso2": "String",
        "country": "String",
        "region": "String",
        "subregion": "String",
        "aliases": "List(String)",
        "geonameid": "Int64",
        "latitude": "Float64",
        "longitude": "Float64",
        "population": "Int64",
        "admin1": "String",
    }
)

# GeoNames places (population >= 15,000) that imported names can link to.
PLACE_SCHEMA = Schema(
    {
        "geonameid": "Int64",
        "name": "String",
        "country_iso2": "String",
        "admin1": "String",
        "admin1_name": "String",  # GeoNames' name of the admin area (a state, a province)
        "latitude": "Float64",
        "longitude": "Float64",
        "population": "Int64",
        "aliases": "List(String)",
    }
)

COUNTRY_SCHEMA = Schema(
    {
        "iso2": "String",
        "iso3": "String",
        "name": "String",
        "m49_region": "String",
        "m49_subregion": "String",
        "m49_intermediate": "String",
        "aliases": "String",
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
