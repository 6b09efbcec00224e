"""What a view holds at a glance (VisiData's Shift+F and I): how many rows per value of a
column, and each numeric measure's minimum, median, maximum and missing count.

Computed from the rows shown; a missing figure is counted as missing, never as a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import polars as pl

BAR_BLOCKS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Measure:
    column: str
    count: int  # rows with a figure
    missing: int
    low: float | int | None
    median: float | None
    high: float | int | None


def _number(value: object) -> float | int | None:
    """A numeric column's min or max as it is (an int stays an int: 127,418 not 127418.0)."""
    return value if isinstance(value, (int, float)) else None


def frequencies(frame: pl.DataFrame, column: str) -> list[tuple[str, int]]:
    """(value, rows) for each value of a column, most rows first, ties A→Z; missing left out."""
    if column not in frame.columns or frame.is_empty():
        return []
    counted = (
        frame.select(pl.col(column).drop_nulls())
        .group_by(column)
        .len()
        .sort(["len", column], descending=[True, False])
    )
    return [(str(value), int(n)) for value, n in counted.iter_rows()]


def bar(count: int, most: int, width: int) -> str:
    """A horizontal bar in eighths of a cell: `count` against `most` over `width` cells."""
    if most <= 0 or width <= 0:
        return ""
    eighths = round(count * width * 8 / most) or (1 if count > 0 else 0)  # a row shows
    full, part = divmod(eighths, 8)
    return "█" * full + (BAR_BLOCKS[part] if part else "")


def measures(frame: pl.DataFrame, columns: list[str]) -> list[Measure]:
    """Minimum, median, maximum and missing count of each numeric column."""
    out = []
    for column in columns:
        if column not in frame.columns or not frame.schema[column].is_numeric():
            continue
        values = frame[column]
        present = values.drop_nulls()
        low, median, high = (
            (present.min(), present.median(), present.max()) if len(present) else (None, None, None)
        )
        out.append(
            Measure(
                column,
                len(present),
                values.null_count(),
                _number(low),
                None if median is None else float(cast(float, median)),
                _number(high),
            )
        )
    return out
