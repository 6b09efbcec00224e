"""A city's standing in a family: which edition it comes from, under a rule the user chooses.

The default rule: a city's standing in a family is the most recent edition that holds it
(OE 2025 lists 10 cities: every other city stands by OE 2024, its 1,000); an edition that lists
it without a rank stands only where no edition read ranks or classes it. "Latest edition only"
reads each family's latest edition, and a family can be held to one edition. A standing is shown
with its edition (`267/1,000 ’24`), so two cities' figures are never silently from two lists.

A cluster's rank stands for its principal (first-named) city; its other members show it in
brackets and are not counted as ranked (core.matching's rule: one observation per entry).
"Not ranked" (n/r) only where we hold the whole list of an edition the rule reads (or the whole
list for the city's country) and the city is not on it. Percentiles are exact; rounding is for
display only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .catalog import Catalog, IndexInfo
from .errors import UsageError
from .families import Family

COLUMNS = ("rank", "pctl", "listed", "edition", "of", "class", "status")
UNRANKED = "?"
NOT_RANKED = "n/r"


@dataclass(frozen=True)
class EditionRule:
    """Which editions a family's standing may come from."""

    latest_only: bool = False
    fixed: tuple[tuple[str, str], ...] = ()  # (family key, index id): that family held to it

    def candidates(self, family: Family) -> list[IndexInfo]:
        """The editions the rule reads for a family, newest first."""
        held = dict(self.fixed).get(family.key)
        if held is not None:
            return [info for info in family.editions if info.id == held]
        if self.latest_only:
            return [family.latest]
        return list(reversed(family.editions))

    def header(self) -> str:
        """The rule in words, for the Cities tab and the `cities` output."""
        text = (
            "each family's latest edition"
            if self.latest_only
            else "each family's most recent edition that holds the city"
        )
        if self.fixed:
            text += "; held: " + ", ".join(index_id for _, index_id in self.fixed)
        return text

    def check(self, families: list[Family]) -> EditionRule:
        """The rule, refused in one line when it names a family or an edition we do not hold."""
        by_key = {f.key: f for f in families}
        for key, index_id in self.fixed:
            if key not in by_key:
                raise UsageError.unknown("family", key, list(by_key))
            if index_id not in by_key[key].ids:
                raise UsageError(
                    f"--edition {key}={index_id}: the editions of {key} are "
                    + ", ".join(by_key[key].ids)
                )
        return self

    def with_family(self, key: str, index_id: str | None) -> EditionRule:
        """The same rule with one family held to `index_id` (None: back to the rule)."""
        rest = tuple((k, v) for k, v in self.fixed if k != key)
        return EditionRule(self.latest_only, rest if index_id is None else (*rest, (key, index_id)))


def edition_tag(info: IndexInfo) -> str:
    """’24 for a year; #38 for a numbered edition (GFCI); nothing for an import given no
    edition (it showed '#0')."""
    if info.edition <= 0:
        return ""
    return f"’{info.edition % 100:02d}" if info.edition >= 1900 else f"#{info.edition}"


def whole_list(catalog: Catalog, info: IndexInfo) -> bool:
    """True where we hold a publisher's complete ranked list (OE 2024: 1,000 of 1,000).

    Never for an import: a user's file of three cities is all of that file, but calling every
    other city in the world "not ranked" by it (n/r) would claim what no publisher said."""
    size = info.universe_size
    return bool(
        info.bundled
        and size
        and info.rows_bundled >= size
        and catalog.entries(info.id)["rank"].null_count() == 0
    )


def _edition_rows(catalog: Catalog, info: IndexInfo) -> pl.DataFrame:
    """One row per city the edition names: its principal entry if it has one, else the
    best-ranked unit that names it as a member."""
    frame = catalog.entries(info.id).select("rank", "tier", "name", "city_ids")
    size = info.universe_size
    return (
        frame.with_columns(pl.int_ranges(pl.col("city_ids").list.len()).alias("position"))
        .explode("city_ids", "position")
        .rename({"city_ids": "city_id"})
        .drop_nulls("city_id")
        .with_columns((pl.col("position") == 0).alias("principal"))
        .sort(["principal", "rank"], descending=[True, False], nulls_last=True)
        .unique("city_id", keep="first", maintain_order=True)
        .select(
            "city_id",
            "principal",
            "rank",
            "tier",
            pl.col("name").alias("unit"),
            pl.lit(info.id).alias("edition"),
            pl.lit(edition_tag(info)).alias("tag"),
            pl.lit(size, pl.Int64).alias("of"),
        )
    )


def family_standings(
    catalog: Catalog, family: Family, rule: EditionRule, cities: pl.DataFrame
) -> pl.DataFrame:
    """For every city in `cities` (city_id, country_iso2): its standing in the family under
    the rule. Columns, all prefixed `<key>#` but the text: `<key>` (what a cell shows),
    rank, pctl (exact), listed (counted as in the family), edition, of, class, status."""
    key = family.key
    candidates = rule.candidates(family)
    # newest first: the most recent edition that ranks or classes the city; one that only
    # lists it without a rank is read where no edition read gives more
    held = (
        pl.concat(
            [
                _edition_rows(catalog, info).with_columns(pl.lit(n).alias("order"))
                for n, info in enumerate(candidates)
            ]
        )
        .with_columns((pl.col("rank").is_not_null() | pl.col("tier").is_not_null()).alias("has"))
        .sort(["has", "order"], descending=[True, False])
        .unique("city_id", keep="first", maintain_order=True)
    )
    out = cities.select("city_id", "country_iso2").join(held, on="city_id", how="left")
    # n/r: the newest edition read whose whole list we hold (or whose list for the city's
    # country we hold) and which does not name the city
    absent = pl.lit(None, pl.String)
    for info in reversed(candidates):  # oldest first, so the newest that applies wins
        complete = (
            pl.lit(True)
            if whole_list(catalog, info)
            else pl.col("country_iso2").is_in(sorted(catalog.complete_countries(info.id)))
        )
        absent = pl.when(complete).then(pl.lit(info.id)).otherwise(absent)
    tags = {info.id: edition_tag(info) for info in candidates}
    ranked = pl.col("rank").is_not_null() & pl.col("principal")
    sizes = {i.id: f"{i.universe_size:,}" if i.universe_size else "?" for i in candidates}
    of_text = pl.col("edition").replace_strict(sizes, default="?", return_dtype=pl.String)
    figure = (
        pl.when(pl.col("rank").is_not_null())
        .then(pl.format("{}/{}", pl.col("rank"), of_text))
        .when(pl.col("tier").is_not_null())
        .then(pl.col("tier"))
        .otherwise(pl.lit(UNRANKED))
    )
    shown = pl.format("{} {}", figure, pl.col("tag")).str.strip_chars_end()
    out = out.with_columns(absent.alias("absent_in")).with_columns(
        pl.when(pl.col("edition").is_null() & pl.col("absent_in").is_not_null())
        .then(
            pl.format(
                "{} {}", pl.lit(NOT_RANKED), pl.col("absent_in").replace_strict(tags, default="")
            )
        )
        .when(pl.col("edition").is_null())
        .then(pl.lit(None, pl.String))
        .when(pl.col("principal"))
        .then(shown)
        .otherwise(pl.format("({})", shown))
        .alias(key),
        pl.when(ranked).then(pl.col("rank")).alias(f"{key}#rank"),
        pl.when(ranked & pl.col("of").is_not_null())
        .then(100 * (pl.col("of") - pl.col("rank")) / pl.col("of"))
        .cast(pl.Float64)
        .alias(f"{key}#pctl"),
        (pl.col("edition").is_not_null() & pl.col("principal"))
        .fill_null(False)
        .alias(f"{key}#listed"),
        pl.coalesce("edition", "absent_in").alias(f"{key}#edition"),
        pl.when(pl.col("edition").is_not_null() | pl.col("absent_in").is_not_null())
        .then(pl.coalesce("of", _of_expr(candidates)))
        .alias(f"{key}#of"),
        pl.when(pl.col("principal")).then(pl.col("tier")).alias(f"{key}#class"),
        pl.when(pl.col("edition").is_null() & pl.col("absent_in").is_not_null())
        .then(pl.lit("not ranked"))
        .when(pl.col("edition").is_null())
        .then(pl.lit(None, pl.String))
        .when(~pl.col("principal"))
        .then(pl.format("member of {}, counted for its principal city", pl.col("unit")))
        .when(pl.col("rank").is_not_null())
        .then(pl.lit("ranked"))
        .when(pl.col("tier").is_not_null())
        .then(pl.lit("class"))
        .otherwise(pl.lit("listed without a rank"))
        .alias(f"{key}#status"),
    )
    return out.select("city_id", key, *(f"{key}#{x}" for x in COLUMNS))


def _of_expr(candidates: list[IndexInfo]) -> pl.Expr:
    """The list size of the edition a city is absent from (for n/r)."""
    sizes = {info.id: info.universe_size for info in candidates}
    return pl.col("absent_in").replace_strict(sizes, default=None, return_dtype=pl.Int64)
