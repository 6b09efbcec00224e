"""Every city at once: one row per city named by any index, one column per family.

A family's column holds the city's standing in that family's latest edition: `12/445`, the class
where the publisher classifies without ranking (GaWC 2024: `Alpha-`), `?` where it is listed
without a rank, `n/r` where we hold the complete list it would be on and it is not there, and
blank where we do not hold the figure. "in N families" counts the families whose latest edition
lists the city; the median percentile is taken over the families that rank it. Built in polars,
one pass per family, so the whole table (~1,500 cities) is one frame the TUI paints like any index.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .agreement import chosen_editions
from .catalog import Catalog, IndexInfo
from .errors import UsageError
from .families import family_key
from .textnorm import fold, fold_expr

BASE_COLUMNS = ("name", "country", "region", "subregion")
COUNT = "families"
MEDIAN = "median_pctl"
LABELS = {
    "name": "City",
    "country": "Country",
    "region": "Region (UN)",
    "subregion": "Sub-region (UN)",
    COUNT: "In N families",
    MEDIAN: "Median pctl",
}
NOT_RANKED = "n/r"
UNRANKED = "?"


@dataclass(frozen=True)
class CityTable:
    """The frame (one row per city) and the family columns it carries, in catalogue order."""

    frame: pl.DataFrame  # city_id, BASE_COLUMNS, one Utf8 column and one `<key>#rank` per family,
    # COUNT, MEDIAN, search_text
    families: tuple[IndexInfo, ...]

    @property
    def family_columns(self) -> list[str]:
        return [family_key(i) for i in self.families]

    def label(self, column: str) -> str:
        for info in self.families:
            if family_key(info) == column:
                return info.tab_label
        return LABELS.get(column, column)

    @property
    def columns(self) -> list[str]:
        """Display order: who, then the families, then the summary, then where (for sorting)."""
        return ["name", "country", *self.family_columns, COUNT, MEDIAN, "region", "subregion"]


def _standings(catalog: Catalog, info: IndexInfo) -> pl.DataFrame:
    """city_id, the standing text, its rank (for sorting) and percentile, for one edition."""
    key = family_key(info)
    frame = catalog.entries(info.id).select("rank", "tier", "city_ids")
    per_city = (
        frame.explode("city_ids")
        .rename({"city_ids": "city_id"})
        .drop_nulls("city_id")
        .sort("rank", nulls_last=True)
        .unique("city_id", keep="first", maintain_order=True)
    )
    size = info.universe_size  # None where the publisher's count was not found
    pctl = (100 * (size - pl.col("rank")) / size).round(1) if size else pl.lit(None, pl.Float64)
    text = (
        pl.when(pl.col("rank").is_not_null())
        .then(pl.format("{}/{}", pl.col("rank"), pl.lit(str(size) if size else "?")))
        .when(pl.col("tier").is_not_null())
        .then(pl.col("tier"))
        .otherwise(pl.lit(UNRANKED))
    )
    return per_city.select(
        "city_id",
        text.alias(key),
        pl.col("rank").alias(f"{key}#rank"),
        pctl.alias(f"{key}#pctl"),
    )


def _not_ranked(catalog: Catalog, info: IndexInfo) -> pl.Expr:
    """True for a city absent from this edition whose absence means 'not ranked' (see cities.Standing)."""
    entries = catalog.entries(info.id)
    size = info.universe_size
    if size and info.rows_bundled >= size and entries["rank"].null_count() == 0:
        return pl.lit(True)
    return pl.col("country_iso2").is_in(sorted(catalog.complete_countries(info.id)))


def city_table(catalog: Catalog) -> CityTable:
    families = tuple(chosen_editions(catalog, "latest"))
    named = (
        pl.concat(
            [
                catalog.entries(i.id).select(pl.col("city_ids").explode().alias("city_id"))
                for i in catalog.indexes.values()
            ]
        )
        .drop_nulls()
        .unique()
    )
    cities = catalog.cities.select("city_id", *BASE_COLUMNS, "country_iso2", "aliases").join(
        named, on="city_id", how="semi"
    )
    keys = [family_key(info) for info in families]
    for key, info in zip(keys, families, strict=True):
        cities = (
            cities.join(_standings(catalog, info), on="city_id", how="left")
            .with_columns(pl.col(key).is_not_null().alias(f"{key}#listed"))
            .with_columns(
                pl.when(pl.col(key).is_null() & _not_ranked(catalog, info))
                .then(pl.lit(NOT_RANKED))
                .otherwise(pl.col(key))
                .alias(key)
            )
        )
    counted = [pl.col(f"{k}#listed").cast(pl.Int32) for k in keys] or [pl.lit(0, pl.Int32)]
    pctls = [pl.col(f"{k}#pctl") for k in keys] or [pl.lit(None, pl.Float64)]
    frame = cities.with_columns(
        pl.sum_horizontal(counted).alias(COUNT),
        pl.concat_list(pctls).list.drop_nulls().list.median().round(1).alias(MEDIAN),
        fold_expr(
            pl.concat_str(
                [pl.col("name"), pl.col("aliases").list.join(" ")], separator=" ", ignore_nulls=True
            )
        ).alias("search_text"),
    ).drop([f"{k}#{x}" for k in keys for x in ("pctl", "listed")] + ["aliases"])
    return CityTable(frame.rechunk(), families)


@dataclass(frozen=True)
class CityFilter:
    region: str | None = None  # UN M49 region or sub-region
    country: str | None = None  # ISO code or country name
    text: str = ""
    min_families: int = 0
    city_ids: frozenset[str] | None = None  # e.g. bookmarked only

    def expr(self) -> pl.Expr:
        parts: list[pl.Expr] = [pl.col(COUNT) >= self.min_families]
        if self.region:
            want = fold(self.region)
            parts.append(
                fold_expr(pl.col("region")).eq(want) | fold_expr(pl.col("subregion")).eq(want)
            )
        if self.country:
            want = fold(self.country)
            parts.append(
                fold_expr(pl.col("country")).eq(want)
                | pl.col("country_iso2").str.to_lowercase().eq(want)
            )
        if self.text.strip():
            parts.append(pl.col("search_text").str.contains(fold(self.text), literal=True))
        if self.city_ids is not None:
            parts.append(pl.col("city_id").is_in(sorted(self.city_ids)))
        return pl.all_horizontal(parts).fill_null(False)


def sort_key(table: CityTable, spec: str) -> tuple[str, bool]:
    """'median_pctl', 'gawc:desc' or a label a user sees ('In N families') -> (column, descending).

    Family columns sort by rank (class-only editions by their text); counts and percentiles sort
    best first unless ':asc' is given; everything else A to Z unless ':desc'."""
    name, _, direction = spec.partition(":")
    if direction not in ("", "asc", "desc"):
        raise UsageError(f"--sort {spec!r}: the direction is asc or desc")
    by_label = {fold(table.label(c)): c for c in table.columns} | {
        fold(c): c for c in table.columns
    }
    column = by_label.get(fold(name))
    if column is None:
        raise UsageError.unknown("sort column", name, table.columns)
    best_first = column in (COUNT, MEDIAN)
    descending = direction == "desc" or (best_first and direction != "asc")
    return column, descending


def view(table: CityTable, flt: CityFilter, sort: tuple[str, bool]) -> pl.DataFrame:
    column, descending = sort
    by = f"{column}#rank" if column in table.family_columns else column
    if by.endswith("#rank") and by not in table.frame.columns:
        by = column
    return table.frame.filter(flt.expr()).sort(
        [by, MEDIAN, "name"], descending=[descending, True, False], nulls_last=True
    )


def records(table: CityTable, frame: pl.DataFrame) -> list[dict[str, object]]:
    """One record a city: identity, each family's standing (with the edition it comes from)."""
    out: list[dict[str, object]] = []
    for row in frame.iter_rows(named=True):
        out.append(
            {
                "city_id": row["city_id"],
                **{c: row[c] for c in BASE_COLUMNS},
                "families": row[COUNT],
                "median_percentile": row[MEDIAN],
                "standings": {
                    family_key(i): {"edition": i.id, "standing": row[family_key(i)]}
                    for i in table.families
                },
            }
        )
    return out


def render(table: CityTable, frame: pl.DataFrame, fmt: str) -> str:
    """table | csv | json | md. Text formats end with the attribution of every edition shown."""
    from .credits import attribution_lines, json_document
    from .render import dict_csv, format_value, md_table, printable, text_table

    credits = attribution_lines(table.families)
    if fmt == "json":
        return json_document("Cities", records(table, frame), table.families)
    shown = ["name", "country", *table.family_columns, COUNT, MEDIAN]
    if fmt == "csv":
        flat = [
            {"city_id": r["city_id"], **{c: r[c] for c in (*BASE_COLUMNS, *shown[2:])}}
            for r in frame.iter_rows(named=True)
        ]
        out = dict_csv(flat) if flat else ",".join(["city_id", *BASE_COLUMNS, *shown[2:]]) + "\n"
        return out + "".join(f"# {line}\n" for line in credits)
    header = [table.label(c) for c in shown]
    body = [
        [printable(format_value(r[c])) if r[c] is not None else "" for c in shown]
        for r in frame.iter_rows(named=True)
    ]
    notes = [
        f"{frame.height:,} of {table.frame.height:,} cities. Each family's column is its latest "
        "edition we hold: rank/of, a class, ? listed without rank, n/r not on a complete list, "
        "blank not in our data.",
        "",
        *(printable(line) for line in credits),
    ]
    if fmt == "md":
        return "\n".join([*md_table(header, body), "", *notes]) + "\n"
    right = [c not in ("name", "country") for c in shown]
    return "\n".join([*text_table(header, body, right=right), "", *notes]) + "\n"


@dataclass(frozen=True)
class CityView:
    """What the Cities tab shows: its filter, its sort (column, descending) and whether only
    bookmarked cities (the bookmarks as they are at the time) are kept."""

    filter: CityFilter = CityFilter()
    sort: tuple[str, bool] = (MEDIAN, True)
    bookmarked_only: bool = False

    def describe(self, table: CityTable) -> list[str]:
        """Short phrases naming each active filter and the sort, for the summary line."""
        flt = self.filter
        parts = []
        if flt.region:
            parts.append(f"region {flt.region}")
        if flt.country:
            parts.append(f"country {flt.country}")
        if flt.text:
            parts.append(f"matching {flt.text!r}")
        if flt.min_families:
            parts.append(f"in at least {flt.min_families} families")
        if self.bookmarked_only:
            parts.append("bookmarked only")
        column, descending = self.sort
        parts.append(f"sorted by {table.label(column)}{' (desc)' if descending else ''}")
        return parts
