"""A synthetic index of N rows stored through the same path as any imported index."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from cityrank_tui.core.schema import conform
from cityrank_tui.store.userindexes import save

REGIONS = [
    ("Asia", "Eastern Asia"),
    ("Europe", "Western Europe"),
    ("Americas", "Northern America"),
    ("Africa", "Northern Africa"),
    ("Oceania", "Australia and New Zealand"),
]
TIERS = ["A", "B", "C", "D"]


def make(data_dir: Path, rows: int, index_id: str = "synthetic") -> list[str]:
    i = pl.int_range(0, rows, eager=True)
    frame = pl.DataFrame(
        {
            "index": pl.repeat(index_id, rows, eager=True),
            "rank": (i + 1).cast(pl.Int32),
            "name": [f"City {n} Zürich-like" for n in range(rows)],
            "tier": pl.Series([TIERS[n * 4 // rows] for n in range(rows)]),
            "score": ((rows - i) / rows * 100).round(2),
            "region": pl.Series([REGIONS[n % 5][0] for n in range(rows)]),
            "subregion": pl.Series([REGIONS[n % 5][1] for n in range(rows)]),
            "country": pl.Series([f"Country {n % 150}" for n in range(rows)]),
            "source_url": pl.repeat("https://example.org/synthetic", rows, eager=True),
        }
    ).with_columns(
        city_ids=pl.concat_list(pl.format("synthetic-{}", pl.col("rank"))),
        search_text=pl.col("name").str.to_lowercase().str.replace("ü", "u"),
        tier_order=pl.col("tier").replace_strict(
            {t: n for n, t in enumerate(TIERS, 1)}, return_dtype=pl.Int8
        ),
    )
    meta = {
        "name": f"Synthetic {rows:,}",
        "short_name": "Synthetic",
        "publisher": "bench",
        "edition": 2026,
        "universe_size": rows,
        "tiers": TIERS,
        "attribution": "Synthetic data for benchmarks",
        "columns": ["rank", "name", "tier", "score", "country", "subregion"],
    }
    return save(data_dir, index_id, meta, conform(frame))
