"""Helpers shared by the test_import tests of more than one folder."""

from __future__ import annotations

import polars as pl

ROWS = [
    {"Rank": "1", "City": "London", "Country": "United Kingdom", "Score": "90.5", "Tier": "Alpha"},
    {"Rank": "2", "City": "New York", "Country": "US", "Score": "88", "Tier": "Alpha"},
    {"Rank": "3", "City": "Gotham", "Country": "US", "Score": "70", "Tier": "Beta"},
    {"Rank": "3", "City": "zurich", "Country": "Switzerland", "Score": "70", "Tier": "Beta"},
    {"Rank": "5", "City": "[red]x[/red]\x1b[31m", "Country": "", "Score": "50", "Tier": "Gamma"},
    {"Rank": "", "City": "Springfield", "Country": "", "Score": "", "Tier": "Gamma"},
]


def write(tmp_path, kind: str, rows=ROWS):
    frame = pl.DataFrame(rows)
    path = tmp_path / f"gawc.{kind}"
    if kind == "csv":
        frame.write_csv(path)
    elif kind == "tsv":
        frame.write_csv(path, separator="\t")
    elif kind == "parquet":
        frame.with_columns(
            pl.col("Rank").cast(pl.Int32, strict=False),
            pl.col("Score").cast(pl.Float64, strict=False),
        ).write_parquet(path)
    else:
        frame.write_excel(path, worksheet="Cities")
    return path


def imported(cli, path, *extra):
    return cli(
        "import",
        str(path),
        "--id",
        "my-gawc-2024",
        "--name",
        "GaWC 2024",
        "--tiers",
        "Alpha,Beta,Gamma",
        *extra,
    )
