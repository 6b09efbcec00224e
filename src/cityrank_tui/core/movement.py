"""Movement: each row's change against the previous edition of its family, never guessed.

A row of an edition is matched to a row of the previous edition by its cities:
  1. the same set of city ids (a cluster with the same members, or the same single city);
  2. else the same first-named city, the one a cluster is named after (WIPO redraws clusters
     between editions: "Amsterdam–Rotterdam" then "Amsterdam" is one cluster renamed).
A row whose cities are only members of a differently drawn cluster in the previous edition
(say "Hong Kong" after "Shenzhen–Hong Kong–Guangzhou") is not matched and not "new" either.

What a cell says (text, so it reads without colour):
  ▲3   rose 3 places (the previous rank minus this one)
  ▼2   fell 2 places
  =    the same rank
  new  not in the previous edition, which we hold in full (rows == the publisher's universe)
  ?    not in the previous edition's rows we hold, which are only part of its list
  —    (missing) no rank to compare: this row or its match in the previous edition has none
       published, or the previous edition holds its cities in a cluster drawn differently

The column exists only where the publisher lets two editions be compared: a first edition, an
edition declared `not_comparable_with_previous`, and classifications (classes, not ranks: GaWC
says its classes are not a ranking, so no class steps are counted either) have none, and
`Basis.reason` says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from .catalog import Catalog, IndexInfo
from .errors import CityRankError
from .families import Family, families, family_key, incomparable_reason
from .published_change import CONFLICT, WARNING, conflicts

MOVEMENT = "movement"  # the cell's text: ▲3, ▼2, =, new, ? or missing
PREVIOUS_RANK = "previous_rank"  # the matched row's rank in the previous edition
AGAINST = "movement_against"  # the previous edition's id, on every row (for exports)
PLACES = "movement_places"  # places gained (negative: lost), for sorting; missing when unknown
PREVIOUS_SCORE = "previous_score"  # the matched row's score (compare's output, not a column)
COLUMNS = (MOVEMENT, PREVIOUS_RANK, AGAINST, CONFLICT)  # exported, in this order

UP, DOWN, SAME, NEW, NOT_HELD = "▲", "▼", "=", "new", "?"


@dataclass(frozen=True)
class Basis:
    """What one edition's movement is measured against, or why it has none."""

    info: IndexInfo
    previous: IndexInfo | None
    reason: str | None  # why the publisher's editions cannot be compared (None: they can)
    unreadable: str = ""  # the previous edition's file cannot be read: why
    conflicts: int = 0  # rows whose published change column disagrees with ours (marked ⚠)

    @property
    def shown(self) -> bool:
        return self.previous is not None and self.reason is None and not self.unreadable

    @property
    def complete(self) -> bool:
        """Whether we hold the previous edition's whole list: only then is a city absent from it "new"."""
        p = self.previous
        return p is not None and bool(p.universe_size) and p.rows_bundled == p.universe_size

    @property
    def legend(self) -> str:
        """What the column is counted against and what '?' or 'new' means: '▲▼ vs 2022
        (? not in its 27 rows we hold)'; "" where there is no column."""
        p = self.previous
        if p is None or not self.shown:
            return ""
        what = (
            "new: not on its list"
            if self.complete
            else f"? not in its {p.rows_bundled} rows we hold"
        )
        differ = (
            f"; {WARNING} {self.conflicts} "
            f"{'differ' if self.conflicts > 1 else 'differs'} from the published change"
            if self.conflicts
            else ""
        )
        return f"▲▼ vs {p.edition or p.id} ({what}){differ}"

    @property
    def why_absent(self) -> str:
        """Why there is no column: 'not comparable with 2024: VC deals added', 'the first edition
        we hold'; "" where there is one, or where the family has one edition (nothing to say)."""
        if self.shown or self.reason == ONLY:
            return ""
        p = self.previous
        if p is None:
            return self.reason or ""
        if self.reason:
            return f"not comparable with {p.edition or p.id}: {self.reason}"
        return f"no movement: {p.id} cannot be read"


ONLY, FIRST = "the only edition we hold", "the first edition we hold"


def basis(catalog: Catalog, info: IndexInfo) -> Basis:
    """The previous edition of `info`'s family, and whether its ranks may be set against `info`'s."""
    key = family_key(info)
    return family_basis(next(f for f in families(catalog.indexes.values()) if f.key == key), info)


def family_basis(family: Family, info: IndexInfo) -> Basis:
    """`basis` for an edition of a family already at hand (a tab holds its own)."""
    previous = family.previous(info.id)
    if previous is None:
        return Basis(info, None, ONLY if len(family.editions) == 1 else FIRST)
    return Basis(info, previous, incomparable_reason(previous, info))


def _keys(frame: pl.DataFrame) -> pl.DataFrame:
    ids = pl.col("city_ids").fill_null(pl.lit([], dtype=pl.List(pl.String)))
    score = pl.col("score") if "score" in frame.columns else pl.lit(None, dtype=pl.Float64)
    return frame.select(
        pl.col("rank"),
        pl.col("name"),
        score.cast(pl.Float64).alias("_score"),
        ids.list.sort().list.join("|").alias("_set"),
        ids.list.first().alias("_first"),
    )


def compare(current: pl.DataFrame, previous: pl.DataFrame, complete: bool) -> pl.DataFrame:
    """MOVEMENT, PREVIOUS_RANK, PLACES and PREVIOUS_SCORE for each row of `current`, in its order.

    `complete`: `previous` is the publisher's whole list, so a row matching none of it is "new";
    otherwise it is "?" (not in the rows we hold). Where several previous rows share a key the
    best ranked is taken (a frame in rank order: the first).
    """
    prev = _keys(previous).sort("rank", nulls_last=True, maintain_order=True)
    by_set = prev.unique("_set", keep="first", maintain_order=True).select(
        "_set",
        pl.col("rank").alias("_rank_set"),
        pl.col("_score").alias("_score_set"),
        pl.lit(True).alias("_in_set"),
    )
    by_first = (
        prev.drop_nulls("_first")
        .unique("_first", keep="first", maintain_order=True)
        .select(
            "_first",
            pl.col("rank").alias("_rank_first"),
            pl.col("_score").alias("_score_first"),
            pl.lit(True).alias("_in_first"),
        )
    )
    members = previous["city_ids"].explode().drop_nulls().unique().to_list()
    cur = _keys(current).with_columns(
        pl.col("_set").replace("", None),
        current["city_ids"]
        .fill_null(pl.Series([[]], dtype=pl.List(pl.String)))
        .list.eval(pl.element().is_in(members))
        .list.any()
        .fill_null(False)
        .alias("_member"),
    )
    joined = cur.join(by_set, on="_set", how="left", maintain_order="left").join(
        by_first, on="_first", how="left", maintain_order="left"
    )
    matched_set = pl.col("_in_set").fill_null(False)
    matched = matched_set | pl.col("_in_first").fill_null(False)
    previous_rank = pl.when(matched_set).then(pl.col("_rank_set")).otherwise(pl.col("_rank_first"))
    previous_score = (
        pl.when(matched_set).then(pl.col("_score_set")).otherwise(pl.col("_score_first"))
    )
    places = (previous_rank - pl.col("rank")).cast(pl.Int32)
    text = (
        pl.when(matched & places.is_not_null())
        .then(
            pl.when(places > 0)
            .then(pl.lit(UP) + places.cast(pl.String))
            .when(places < 0)
            .then(pl.lit(DOWN) + (-places).cast(pl.String))
            .otherwise(pl.lit(SAME))
        )
        .when(~matched & ~pl.col("_member"))
        .then(pl.lit(NEW if complete else NOT_HELD))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    return joined.select(
        text.alias(MOVEMENT),
        previous_rank.cast(pl.Int32).alias(PREVIOUS_RANK),
        pl.when(matched).then(places).otherwise(None).alias(PLACES),
        pl.when(matched).then(previous_score).otherwise(None).alias(PREVIOUS_SCORE),
    )


def with_movement(
    catalog: Catalog, info: IndexInfo, frame: pl.DataFrame
) -> tuple[pl.DataFrame, Basis]:
    """`frame` (the edition's entries) with the movement columns added where the basis allows,
    unchanged where it does not, and the basis that says which. A previous edition whose file
    cannot be read leaves this one without movement (and says so), never unopened."""
    found = basis(catalog, info)
    if not found.shown or found.previous is None:
        return frame, found
    try:
        previous = catalog.entries(found.previous.id)
    except CityRankError as exc:
        return frame, replace(found, unreadable=str(exc))
    moved = compare(frame, previous, found.complete)
    added = frame.with_columns(
        moved[MOVEMENT],
        moved[PREVIOUS_RANK],
        pl.lit(found.previous.id).alias(AGAINST),
        moved[PLACES],
        pl.lit(None, dtype=pl.String).alias(CONFLICT),  # exported wherever movement is
    )
    if any(m.change_of for m in info.measures):
        # the publisher's own change column against ours: both kept, the row marked ⚠
        before = {"rank": moved[PREVIOUS_RANK].to_list(), "score": moved[PREVIOUS_SCORE].to_list()}
        why = conflicts(info, frame, before, moved[MOVEMENT].to_list(), found.previous.id)
        added = added.with_columns(pl.Series(CONFLICT, why, dtype=pl.String)).with_columns(
            pl.when(pl.col(CONFLICT).is_not_null())
            .then(pl.col(MOVEMENT) + f" {WARNING}")
            .otherwise(pl.col(MOVEMENT))
            .alias(MOVEMENT)
        )
        found = replace(found, conflicts=sum(w is not None for w in why))
    return added, found


def explain(row: Mapping[str, Any]) -> str | None:
    """A row's movement in words (for its details), or None where the rows carry no movement."""
    against = row.get(AGAINST)
    if against is None:
        return None
    cell, previous = row.get(MOVEMENT), row.get(PREVIOUS_RANK)
    if cell == NEW:
        return f"new: not on the list of {against}, which we hold whole"
    if cell == NOT_HELD:
        return f"?: not in the rows of {against} we hold (the publisher may rank it)"
    if cell is None:
        if previous is not None:
            return f"—: no rank in this edition (rank {previous} in {against})"
        return f"—: in {against} without a rank, or only inside a cluster drawn differently"
    return f"{cell}: rank {previous} in {against}"
