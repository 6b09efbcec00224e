"""Two indexes against each other: the cities both rank, Spearman's rank correlation, a
rank-versus-rank scatter plot in text, and the biggest disagreements.

Entries are paired by core.matching's rule: one observation per pair of entries, a cluster or
multi-city unit counted once, through its principal city (else its best-ranked member) ranked
in the other index, so a city index can be set against a cluster index without counting San
Jose and San Francisco twice for one cluster. A classification (GaWC 2024) is set by its
classes' order, equal classes being ties.

Two indexes rank different sets of cities (445 cities against 100 clusters), so each city's
*place* among the cities both rank is what is compared: Spearman's ρ is the correlation of the
places, and a city's gap is its place in A minus its place in B (+ means B puts it higher).
Two equal published ranks can therefore have a gap: the places are shown beside the ranks.

How strong |ρ| is called (the usual reading of a correlation's size, e.g. Cohen 1988; Dancey
and Reidy 2007): below 0.1 none, 0.1 to 0.4 weak, 0.4 to 0.7 moderate, 0.7 and above strong.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from .catalog import Catalog, IndexInfo
from .credits import attribution_lines
from .errors import UsageError
from .matching import RULE, observations
from .report import Column, Report
from .report import render as render_report

MIN_FOR_RHO = 3  # below this no correlation is computed at all
MIN_MEANINGFUL = 10  # below this the figure is reported with a warning
STRENGTHS = ((0.7, "strong"), (0.4, "moderate"), (0.1, "weak"))  # |ρ| at or above -> word


def strength(rho: float) -> str | None:
    """The word for |ρ| (see the module's docstring), or None when it is below 0.1: no relation."""
    return next((word for bound, word in STRENGTHS if abs(rho) >= bound), None)


@dataclass(frozen=True)
class Correlation:
    a: IndexInfo
    b: IndexInfo
    # city_id, city, name_a, rank_a, place_a, name_b, rank_b, place_b, gap (place_a - place_b)
    pairs: pl.DataFrame

    @property
    def n(self) -> int:
        return self.pairs.height

    @cached_property
    def rho(self) -> float | None:
        return spearman(self.pairs, "rank_a", "rank_b")

    @property
    def verdict(self) -> str:
        """One plain sentence on how far the figure can be trusted."""
        if self.n == 0:
            return (
                f"No city is ranked in both {self.a.short_name} and {self.b.short_name} in our data, "
                "so they cannot be compared."
            )
        if self.rho is None:
            return (
                f"Only {self.n} {'pair' if self.n == 1 else 'pairs'} of entries ranked in both: too "
                "few for a correlation to mean anything."
            )
        word = strength(self.rho)
        if word is None:
            meaning = "no agreement: the two orders are unrelated"
        else:
            meaning = f"{word} {'agreement' if self.rho > 0 else 'disagreement'}"
        # n counts pairs of entries: a cluster counts once (core.matching), never each member
        text = f"Spearman ρ = {self.rho:.2f} over {self.n} pairs of entries: {meaning}."
        if self.n < MIN_MEANINGFUL:
            text += f" It rests on only {self.n} pairs of entries: too few to mean much."
        return text

    def disagreements(self, top: int = 10) -> pl.DataFrame:
        return self.pairs.sort(pl.col("gap").abs(), "rank_a", descending=[True, False]).head(top)


def spearman(pairs: pl.DataFrame, a: str, b: str) -> float | None:
    """Spearman's rho of two rank columns (ties take their average rank); None below
    MIN_FOR_RHO pairs or when one side is constant."""
    if pairs.height < MIN_FOR_RHO:
        return None
    value = pairs.select(
        pl.corr(pl.col(a).rank("average"), pl.col(b).rank("average"), method="pearson")
    ).item()
    return None if value is None or math.isnan(value) else float(value)


def correlate(catalog: Catalog, a_id: str, b_id: str) -> Correlation:
    a, b = catalog.get(a_id), catalog.get(b_id)
    if a.id == b.id:
        raise UsageError(f"compare {a.id} with a different index (see `cityrank-tui indexes`)")
    pairs = observations(catalog, a, b)
    names = catalog.cities.select("city_id", pl.col("name").alias("city"))
    pairs = pairs.join(names, on="city_id", how="left").with_columns(
        pl.col("city").fill_null(pl.col("city_id"))
    )
    # Places within the overlap, so that a 445-city and a 100-cluster index can be set side by side.
    pairs = pairs.with_columns(
        pl.col("rank_a").rank("average").alias("place_a"),
        pl.col("rank_b").rank("average").alias("place_b"),
    ).with_columns((pl.col("place_a") - pl.col("place_b")).alias("gap"))
    pairs = pairs.select(
        "city_id", "city", "name_a", "rank_a", "place_a", "name_b", "rank_b", "place_b", "gap"
    ).sort("rank_a", "city")
    return Correlation(a, b, pairs)


CROWDED = 9  # this many cities or more in one spot show as "+"
LEGEND = f"• one city · a digit 2–{CROWDED - 1}: that many cities in one spot · + {CROWDED} or more"


def _glyph(n: int) -> str:
    return " " if n == 0 else "•" if n == 1 else str(n) if n < CROWDED else "+"


def scatter(xs: list[int], ys: list[int], width: int, height: int) -> list[str]:
    """A text plot of rank against rank: rank 1 top-left, one cell per point; where points share
    a cell a digit counts them, capped at "+" so that a count never reads as a rank."""
    width, height = max(width, 8), max(height, 4)
    if not xs:
        return []
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    grid = [[0] * width for _ in range(height)]
    for x, y in zip(xs, ys, strict=False):
        col = 0 if x_hi == x_lo else round((x - x_lo) * (width - 1) / (x_hi - x_lo))
        row = 0 if y_hi == y_lo else round((y - y_lo) * (height - 1) / (y_hi - y_lo))
        grid[row][col] += 1
    return ["".join(_glyph(n) for n in row) for row in grid]


def plot_lines(result: Correlation, width: int, height: int) -> list[str]:
    """The scatter with axes, the rank ranges written on them and a legend of its glyphs."""
    xs, ys = result.pairs["rank_a"].to_list(), result.pairs["rank_b"].to_list()
    if not xs:
        return []
    legend = textwrap.wrap(LEGEND, max(width, 20))
    y_label_width = len(str(max(ys)))
    body = scatter(xs, ys, width - y_label_width - 2, height - 2 - len(legend))
    lines = []
    for n, row in enumerate(body):
        tick = str(min(ys)) if n == 0 else str(max(ys)) if n == len(body) - 1 else ""
        lines.append(f"{tick:>{y_label_width}} │{row}")
    lines.append(" " * y_label_width + " └" + "─" * len(body[0]))
    left, right = str(min(xs)), str(max(xs))
    lines.append(" " * (y_label_width + 2) + left + right.rjust(len(body[0]) - len(left)))
    return [*lines, *legend]


GAP_MEANING = "place: among the {n} cities both rank; gap: places apart (+: {b} puts it higher)"


def signed(gap: float) -> str:
    """+3, -2.5, and 0 without a sign."""
    return f"{gap:+g}" if gap else "0"


def rank_place(row: dict[str, object], side: str) -> str:
    """A city's published rank and, in brackets, its place among the cities both indexes rank."""
    return f"{row[f'rank_{side}']} ({row[f'place_{side}']:g})"


def report(result: Correlation, plot_size: tuple[int, int] = (60, 16)) -> Report:
    """Every pair of ranks for machines (exact ρ and places); for people the verdict, the
    scatter plot (text only) and the biggest disagreements (all of them in Markdown)."""
    a, b = result.a, result.b
    biggest = result.disagreements()
    disagreements = biggest.iter_rows(named=True)
    body = [
        [
            r["city"],
            str(r["rank_a"]),
            f"{r['place_a']:g}",
            str(r["rank_b"]),
            f"{r['place_b']:g}",
            signed(r["gap"]),
        ]
        for r in disagreements
    ]
    block: list[str] = []
    if result.n:
        block = [
            f"y: {b.short_name} rank, x: {a.short_name} rank (1 = top left)",
            *plot_lines(result, *plot_size),
            "",
            f"The {biggest.height} biggest disagreements: rank and place",
        ]
    return Report(
        title=f"{a.name} vs {b.name}",
        columns=tuple(Column(c) for c in result.pairs.columns),
        rows=result.pairs.to_dicts(),
        attribution=tuple(attribution_lines([a, b])),
        header=(
            "City",
            f"{a.id} rank",
            f"{a.id} place",
            f"{b.id} rank",
            f"{b.id} place",
            "gap",
        ),
        body=body,
        right=(False, True, True, True, True, True),
        heading=(result.verdict, RULE),
        notes=(GAP_MEANING.format(n=result.n, b=b.short_name),) if result.n else (),
        block=tuple(block),
        csv_notes=(
            f"spearman_rho={result.rho} n={result.n}",
            RULE,
            f"{a.id}: {a.attribution}",
            f"{b.id}: {b.attribution}",
        ),
        extra={
            "a": a.id,
            "b": b.id,
            "n": result.n,
            "spearman_rho": result.rho,
            "verdict": result.verdict,
            "rule": RULE,
        },
    )


def render(result: Correlation, fmt: str, plot_size: tuple[int, int] = (60, 16)) -> str:
    return render_report(report(result, plot_size), fmt)
