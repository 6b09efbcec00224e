"""Column names and types of the Parquet files: one place for the build, the loader and imports."""

from __future__ import annotations

import polars as pl
from polars.datatypes import DataTypeClass

# A column type as polars accepts it: an instance (pl.List(pl.String)) or a class (pl.String).
DType = pl.DataType | DataTypeClass

ENTRY_SCHEMA: dict[str, DType] = {
    "index": pl.String,
    "rank": pl.Int32,
    "regional_rank": pl.Int32,
    "subregional_rank": pl.Int32,
    "name": pl.String,
    "classification": pl.String,
    "tier": pl.String,
    "tier_order": pl.Int8,
    "score": pl.Float64,
    "state": pl.String,
    "country": pl.String,
    "publisher_region": pl.String,
    "publisher_subregion": pl.String,
    "city_ids": pl.List(pl.String),
    "city_names": pl.String,
    "country_iso2": pl.String,
    "country_name": pl.String,
    "region": pl.String,
    "subregion": pl.String,
    "pct_applications": pl.Int64,
    "scientific_publications": pl.Int64,
    "pct_share_pct": pl.Float64,
    "pub_share_pct": pl.Float64,
    "top_patent_applicant": pl.String,
    "top_scientific_organization": pl.String,
    "attractiveness_rank": pl.Int32,
    "influence_rank": pl.Int32,
    "connectivity_rank": pl.Int32,
    "note": pl.String,
    "source_url": pl.String,
    "search_text": pl.String,
}

INDEX_SCHEMA: dict[str, DType] = {
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
    "tiers": pl.List(pl.String),
    "columns": pl.List(pl.String),
    "full_columns": pl.List(pl.String),
    "full_label": pl.String,
    "attribution": pl.String,
    "methodology": pl.String,
    "comparability": pl.String,
    "source_urls": pl.List(pl.String),
    "gaps": pl.String,
    "complete_groups": pl.List(pl.String),
    "rows_bundled": pl.Int32,
    "rows_full": pl.Int32,
    "has_scores": pl.Boolean,
    "bundled": pl.Boolean,
}

CITY_SCHEMA: dict[str, DType] = {
    "city_id": pl.String,
    "name": pl.String,
    "country_iso2": pl.String,
    "country": pl.String,
    "region": pl.String,
    "subregion": pl.String,
    "aliases": pl.List(pl.String),
}

# How each column is headed in tables and exports.
COLUMN_LABELS: dict[str, str] = {
    "index": "Index",
    "rank": "Rank",
    "regional_rank": "Reg. rank",
    "subregional_rank": "Sub-reg. rank",
    "name": "Name",
    "classification": "Classification",
    "tier": "Tier",
    "score": "Score",
    "state": "State",
    "country": "Country",
    "publisher_region": "Pub. region",
    "publisher_subregion": "Pub. sub-region",
    "city_names": "Cities",
    "country_iso2": "ISO",
    "country_name": "Country (ISO name)",
    "region": "Region (UN)",
    "subregion": "Sub-region (UN)",
    "pct_applications": "PCT apps",
    "scientific_publications": "Publications",
    "pct_share_pct": "PCT share %",
    "pub_share_pct": "Pub share %",
    "top_patent_applicant": "Top applicant",
    "top_scientific_organization": "Top organisation",
    "attractiveness_rank": "Attract. rank",
    "influence_rank": "Influence rank",
    "connectivity_rank": "Connect. rank",
    "note": "Note",
    "source_url": "Source",
}

# Fields a user may sort or filter on by name.
NUMERIC_FIELDS = {name for name, dtype in ENTRY_SCHEMA.items() if dtype.is_numeric()}


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
