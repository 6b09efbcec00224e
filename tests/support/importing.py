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


def save_big(data_dir, names: list[str], fold=lambda name: name.str.to_lowercase()):
    """Save an index "big" of the given names (rank = position + 1, one of 151 countries, each
    row its own city) into a data folder as an import is saved; returns the frame saved."""
    from cityrank_tui.core.schema import conform
    from cityrank_tui.store.userindexes import save

    rows = len(names)
    n = pl.int_range(0, rows, eager=True)
    frame = pl.DataFrame(
        {
            "index": ["big"] * rows,
            "rank": (n + 1).cast(pl.Int32),
            "name": names,
            "country": [f"Country {i % 151}" for i in range(rows)],
            "source_url": ["https://example.org/big"] * rows,
        }
    ).with_columns(
        city_ids=pl.concat_list(pl.format("big-{}", pl.col("rank"))),
        search_text=fold(pl.col("name")),
    )
    meta = {
        "name": "Big",
        "short_name": "Big",
        "publisher": "tests",
        "edition": 2026,
        "universe_size": rows,
        "attribution": "Made for a test",
        "columns": ["rank", "name", "country"],
    }
    save(data_dir, "big", meta, conform(frame))
    return frame
