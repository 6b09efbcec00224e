"""Every city at once: one row per city named by any index, one column per family.

A family's column holds the city's standing under the edition rule (core.standings: by default
the most recent edition that holds the city), with its edition: `267/1,000 ’24`, the class
where the publisher classifies without ranking (GaWC 2024: `Alpha- ’24`), `?` where it is listed
without a rank, `(…)` a cluster's rank shown for a member other than its principal city (not
counted), `n/r ’24` where we hold the complete list it would be on and it is not there, and blank
where we do not hold the figure. "in N families" counts the published (bundled) families whose
standing lists the city; the median percentile is taken, from exact percentiles, over the
published families that rank it, and `n` says how many figures it rests on. A user's import is
shown in its own column but counted in neither: a list of three cities is no publisher's ranking.
Sorted by the median, a median of one figure sorts after medians of two or more.
Built in polars, one pass per family, so the whole table is one frame the TUI paints like an
index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .catalog import Catalog, IndexInfo
from .errors import UsageError
from .families import Family, families
from .render import printable
from .report import Column, Fig, Report, cell
from .report import render as render_report
from .standings import NOT_RANKED, UNRANKED, EditionRule, family_standings
from .textnorm import fold, fold_expr

__all__ = ["NOT_RANKED", "UNRANKED", "EditionRule"]

BASE_COLUMNS = ("name", "country", "region", "subregion")
COUNT = "families"
MEDIAN = "median_pctl"
FIGURES = "median_n"  # how many percentiles the median rests on
MEDIAN_DECIMALS = 1  # how the exact median is shown
LABELS = {
    "name": "City",
    "country": "Country",
    "region": "Region (UN)",
    "subregion": "Sub-region (UN)",
    COUNT: "In N families",
    MEDIAN: "Median pctl",
    FIGURES: "n",
}
IMPORTS_NOTE = "imports shown, not counted in the median"
ONE_FIGURE_NOTE = "a median of one figure sorts after medians of two or more"


@dataclass(frozen=True)
class CityTable:
    """The frame (one row per city) and the families it carries, in catalogue order."""

    frame: pl.DataFrame  # city_id, BASE_COLUMNS, latitude, longitude, per family a Utf8
    # column and its `<key>#…` columns (standings.COLUMNS), COUNT, MEDIAN, search_text
    families: tuple[Family, ...]
    rule: EditionRule = field(default_factory=EditionRule)

    @property
    def family_columns(self) -> list[str]:
        return [f.key for f in self.families]

    def label(self, column: str) -> str:
        for family in self.families:
            if family.key == column:
                return printable(family.label)  # an import's name is the user's text
        return LABELS.get(column, column)

    @property
    def columns(self) -> list[str]:
        """Display order: who, then the families, then the summary, then where (for sorting)."""
        return [
            "name",
            "country",
            *self.family_columns,
            COUNT,
            MEDIAN,
            FIGURES,
            "region",
            "subregion",
        ]

    @property
    def imported(self) -> list[Family]:
        """The families that are a user's imports (shown, not counted in N or the median)."""
        return [f for f in self.families if not counted(f)]


def counted(family: Family) -> bool:
    """Whether a family counts in "in N families" and the median: published (bundled) only."""
    return all(info.bundled for info in family.editions)


def city_table(catalog: Catalog, rule: EditionRule | None = None) -> CityTable:
    groups = families(catalog.indexes.values())
    rule = (rule or EditionRule()).check(groups)
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
    cities = catalog.cities.select(
        "city_id", *BASE_COLUMNS, "country_iso2", "aliases", "latitude", "longitude"
    ).join(named, on="city_id", how="semi")
    keys = [f.key for f in groups if counted(f)]
    for family in groups:
        cities = cities.join(
            family_standings(catalog, family, rule, cities), on="city_id", how="left"
        )
    listed = [pl.col(f"{k}#listed").cast(pl.Int32) for k in keys] or [pl.lit(0, pl.Int32)]
    pctls = [pl.col(f"{k}#pctl") for k in keys] or [pl.lit(None, pl.Float64)]
    present = pl.concat_list(pctls).list.drop_nulls()
    frame = cities.with_columns(
        pl.sum_horizontal(listed).alias(COUNT),
        present.list.median().alias(MEDIAN),  # exact
        present.list.len().cast(pl.Int32).alias(FIGURES),
        fold_expr(
            pl.concat_str(
                [pl.col("name"), pl.col("aliases").list.join(" ")], separator=" ", ignore_nulls=True
            )
        ).alias("search_text"),
    ).drop(["aliases"])
    return CityTable(frame.rechunk(), tuple(groups), rule)


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
    best_first = column in (COUNT, MEDIAN, FIGURES)
    descending = direction == "desc" or (best_first and direction != "asc")
    return column, descending


def view(table: CityTable, flt: CityFilter, sort: tuple[str, bool]) -> pl.DataFrame:
    column, descending = sort
    by = f"{column}#rank" if column in table.family_columns else column
    if by.endswith("#rank") and by not in table.frame.columns:
        by = column
    frame = table.frame.filter(flt.expr())
    if column == MEDIAN:  # a median of one figure sorts after medians of two or more
        return frame.sort(
            [pl.col(FIGURES) >= 2, MEDIAN, "name"],
            descending=[True, descending, False],
            nulls_last=True,
        )
    return frame.sort([by, MEDIAN, "name"], descending=[descending, True, False], nulls_last=True)


def _standing(row: dict[str, object], key: str) -> dict[str, object]:
    return {
        "edition": row[f"{key}#edition"],
        "rank": row[f"{key}#rank"],
        "of": row[f"{key}#of"],
        "percentile": row[f"{key}#pctl"],  # exact; rounded only where shown
        "class": row[f"{key}#class"],
        "status": row[f"{key}#status"],
        "standing": row[key],
    }


def records(table: CityTable, frame: pl.DataFrame) -> list[dict[str, object]]:
    """One record a city: identity, coordinates, each family's standing with its edition."""
    out: list[dict[str, object]] = []
    for row in frame.iter_rows(named=True):
        out.append(
            {
                "city_id": row["city_id"],
                **{c: row[c] for c in BASE_COLUMNS},
                "lat": row["latitude"],
                "lon": row["longitude"],
                "families": row[COUNT],
                "median_percentile": row[MEDIAN],
                "median_figures": row[FIGURES],
                "standings": {key: _standing(row, key) for key in table.family_columns},
            }
        )
    return out


CSV_PARTS = ("rank", "of", "percentile", "edition", "class", "status")


def _csv_row(table: CityTable, record: dict[str, object]) -> dict[str, object]:
    """A record flattened: `oe-gci_rank`, `oe-gci_of`, … (numbers as numbers, never `1/50`)."""
    standings = record["standings"]
    assert isinstance(standings, dict)
    flat = {k: v for k, v in record.items() if k != "standings"}
    for key in table.family_columns:
        flat.update({f"{key}_{part}": standings[key][part] for part in CSV_PARTS})
    return flat


def shown_editions(table: CityTable, frame: pl.DataFrame) -> list[IndexInfo]:
    """The editions the shown standings come from, in catalogue order."""
    used = {
        v for key in table.family_columns for v in frame[f"{key}#edition"].drop_nulls().to_list()
    }
    return [i for f in table.families for i in f.editions if i.id in used]


def header_note(table: CityTable) -> str:
    """What every family column holds: the edition rule, said where the figures show."""
    imports = f" {IMPORTS_NOTE[0].upper()}{IMPORTS_NOTE[1:]}." if table.imported else ""
    return (
        f"Each family's column: {table.rule.header()}, with its edition (’24: 2024, #38: "
        "edition 38): rank/of, a class, ? listed without rank, (…) a cluster's rank, counted for "
        "its principal city only, n/r not on a complete list we hold, blank not in our data. "
        "In N families, the median percentile (exact, shown rounded; n: how many figures it "
        f"rests on) and sorting follow it; {ONE_FIGURE_NOTE}.{imports}"
    )


def report(table: CityTable, frame: pl.DataFrame, view: str = "") -> Report:
    """The cities shown: flat rows (`oe-gci_rank`, …, `lat`, `lon`) for CSV and GeoJSON, nested
    standings for JSON, the family columns for people, and every shown edition's attribution."""
    from .credits import attribution_lines

    editions = shown_editions(table, frame)  # the publishers of the figures shown
    columns = [
        "city_id",
        *BASE_COLUMNS,
        "lat",
        "lon",
        "families",
        "median_percentile",
        "median_figures",
    ]
    columns += [f"{k}_{p}" for k in table.family_columns for p in CSV_PARTS]
    nested = records(table, frame)
    shown = ["name", "country", *table.family_columns, COUNT, MEDIAN, FIGURES]
    decimals = {MEDIAN: MEDIAN_DECIMALS}
    body = [
        [cell(Fig(r[c], decimals.get(c))) if r[c] is not None else "" for c in shown]
        for r in frame.iter_rows(named=True)
    ]
    return Report(
        title="Cities",
        columns=tuple(Column(c) for c in columns),
        rows=[_csv_row(table, r) for r in nested],
        json_rows=nested,
        attribution=tuple(attribution_lines(editions)),
        header=tuple(table.label(c) for c in shown),
        body=body,
        right=tuple(c not in ("name", "country") for c in shown),
        notes=(f"{frame.height:,} of {table.frame.height:,} cities.", header_note(table)),
        csv_notes=tuple(attribution_lines(editions)),
        extra={"rule": table.rule.header()},
        view=view,
    )


def render(table: CityTable, frame: pl.DataFrame, fmt: str, view: str = "") -> str:
    """table | csv | tsv | json | md | geojson; `view` the filters and sort in words."""
    return render_report(report(table, frame, view), fmt)


@dataclass(frozen=True)
class CityView:
    """What the Cities tab shows: its filter, its sort (column, descending), whether only
    bookmarked cities (the bookmarks as they are at the time) are kept, and its edition rule."""

    filter: CityFilter = CityFilter()
    sort: tuple[str, bool] = (MEDIAN, True)
    bookmarked_only: bool = False
    rule: EditionRule = field(default_factory=EditionRule)  # which edition each standing is from

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

    def line(self, table: CityTable) -> str:
        """The view in one line, as every export states it."""
        return " · ".join(self.describe(table))
