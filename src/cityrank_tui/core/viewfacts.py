"""What one view of an index holds, asked without any UI: rank bands, score range, where a row is.

A view is answered by `ViewCache.rows` as row positions into the rank-ordered frame; these
functions take that frame and those positions, so the TUI (and any other caller) reads the
same answer, and each rule is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .catalog import IndexInfo

# Bands offered where a publisher has no tiers of its own (never called a tier).
RANK_BANDS = ((1, 10), (11, 25), (26, 50), (51, 100), (101, 250), (251, 500))


def band_top(info: IndexInfo, frame: pl.DataFrame) -> int:
    """The last rank a band can reach: the publisher's universe, else the last rank we hold."""
    if info.universe_size:
        return info.universe_size
    top = frame["rank"].max() if "rank" in frame.columns else None
    return int(top) if isinstance(top, (int, float)) else 0


def rank_bands(top: int) -> list[tuple[int, int]]:
    """The bands that start within ranks 1..top, the last one cut at `top`."""
    return [(low, min(high, top)) for low, high in RANK_BANDS if low <= top]


@dataclass(frozen=True)
class ScoreRange:
    """The scores of a set of rows: lowest, highest, how many rows have one and how many lack one."""

    low: float | None
    high: float | None
    scored: int
    missing: int


def score_range(frame: pl.DataFrame, rows: pl.Series | None = None) -> ScoreRange:
    """The score range of the rows at `rows` (every row when None); missing scores are counted, never filled."""
    scores = frame["score"] if rows is None else frame["score"].gather(rows)
    held = scores.drop_nulls()
    if scores.dtype.is_float():
        held = held.filter(held.is_not_nan())
    low, high = held.min(), held.max()
    return ScoreRange(
        float(low) if isinstance(low, (int, float)) else None,
        float(high) if isinstance(high, (int, float)) else None,
        held.len(),
        scores.len() - held.len(),
    )


@dataclass(frozen=True)
class RankHit:
    """Where a wanted rank is in a view: the row position, the rank found there, whether exact."""

    position: int
    rank: int
    exact: bool


def find_rank(frame: pl.DataFrame, rows: pl.Series, wanted: int) -> RankHit | None:
    """The first row of the view ranked `wanted`, else the one holding the next rank after it."""
    ranks = frame["rank"].gather(rows)
    at = (ranks == wanted).arg_true()
    if len(at):
        return RankHit(int(at[0]), wanted, True)
    later = ranks.filter(ranks > wanted)
    if later.len() == 0:
        return None
    nearest = later.min()
    assert isinstance(nearest, int)
    return RankHit(int((ranks == nearest).arg_true()[0]), nearest, False)


def holds_city(frame: pl.DataFrame, city_id: str) -> bool:
    """Whether any row of the index names the city (directly or as a cluster member)."""
    return bool(frame["city_ids"].list.contains(city_id).any())


def find_city(frame: pl.DataFrame, rows: pl.Series, city_id: str) -> int | None:
    """The position in the view of the first row naming the city, or None when the view hides it."""
    at = frame["city_ids"].list.contains(city_id).gather(rows).arg_true()
    return int(at[0]) if len(at) else None
