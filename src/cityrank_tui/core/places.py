"""Where each row's cities are: GeoNames coordinates and ids beside an index's rows.

A row names its cities in `city_ids` (one city, or every member of a cluster or multi-city
unit); `lat`, `lon` and `geonames_id` are lists in the same order, each city's own values from
the gazetteer, or missing where it has none (a name an import kept as a new city). Nothing is
placed by guess: a cluster is its members' points, never a point between them.
"""

from __future__ import annotations

import polars as pl

PLACE_COLUMNS = ("lat", "lon", "geonames_id")


def with_places(frame: pl.DataFrame, cities: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `lat`, `lon` and `geonames_id` lists aligned with its `city_ids`."""
    known = cities.select(
        "city_id",
        pl.col("latitude").cast(pl.Float64).alias("lat"),
        pl.col("longitude").cast(pl.Float64).alias("lon"),
        pl.col("geonameid").cast(pl.Int64).alias("geonames_id"),
    ).unique("city_id", keep="first")
    members = (
        frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), "city_ids")
        .explode("city_ids")
        .rename({"city_ids": "city_id"})
        .join(known, on="city_id", how="left", maintain_order="left")
    )
    lists = (
        members.group_by("row", maintain_order=True)
        .agg(pl.col(c).filter(pl.col("city_id").is_not_null()) for c in PLACE_COLUMNS)
        .sort("row")
    )
    return frame.with_columns(lists.select(PLACE_COLUMNS))
