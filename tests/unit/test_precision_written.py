"""The decimals a file wrote its scores with, counted without a pattern when no figure has an
exponent, are the decimals Python's own reading of each figure's text counts."""

from __future__ import annotations

import polars as pl
import pytest

from cityrank_tui.core.numbers import MAX_DECIMALS, parse


def written(texts: list[str]) -> int:
    """Independent count: the digits after the point, before any exponent, of the longest."""
    most = 0
    for text in texts:
        mantissa = text.strip().lower().split("e")[0]
        if "." in mantissa:
            most = max(most, len(mantissa.split(".")[1]))
    return most


@pytest.mark.parametrize(
    "texts",
    [
        ["80.0", "81.25", "79"],  # the trailing zero of 80.0 is no precision beyond 81.25
        ["87.50", "80.00", "79.10"],  # trailing zeros are the file's precision
        ["5.", "-.5", "+1.500", "12"],  # a point with nothing after it counts nothing
        ["1", "2", "3"],
        ["", "0.001", "  "],  # blanks count nothing
        ["1.5e-3", "2.25"],  # an exponent: the pattern route
        ["1.123456789", "2"],  # more than shown: capped
    ],
)
def test_written_decimals_are_counted_as_python_reads_the_figures(texts):
    values = pl.Series("s", texts, dtype=pl.String)
    got = parse(values, "Score", "score").decimals
    exact = [float(t) for t in texts if t.strip()]
    # the figures' own need (1.5e-3 needs 4) never lowers what the file wrote
    needed = next(
        (p for p in range(MAX_DECIMALS) if all(round(v * 10**p, 6).is_integer() for v in exact)),
        MAX_DECIMALS,
    )
    assert got == min(max(written(texts), needed), MAX_DECIMALS)
