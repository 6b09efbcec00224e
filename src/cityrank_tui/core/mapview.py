"""A view on the world map with what the map itself cannot say: its title, its legend, which
city each digit is, who is hidden or missing, and the attribution. No Textual here: the app's
map screen (`g`) and `cityrank-tui map` show the same `MapView`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import worldmap
from .catalog import Catalog, IndexInfo
from .filters import Filter
from .worldmap import Extent, Land, Pin, WorldMap

LAND_CREDIT = (
    "Land: NOAA GLOBE land/sea mask (via global-land-mask, MIT); places: GeoNames (CC BY 4.0)."
)
GLYPHS = "⣿●²⁺–…·"  # what the map and its legend draw with, besides ASCII: else ASCII only
_LAND: dict[Path, Land] = {}


def land(catalog: Catalog) -> Land:
    """The land bitmap, read once per data folder."""
    folder = catalog.bundled_dir
    if folder not in _LAND:
        _LAND[folder] = worldmap.load_land(folder)
    return _LAND[folder]


@dataclass(frozen=True)
class Subject:
    """What is on the map, before it is drawn at a size."""

    title: str  # "OE GCI 2024 · 1,000 of 1,000 rows"
    placed: pl.DataFrame  # worldmap.places(): one row per city with coordinates, in order
    rows: int  # rows in the view
    unplaced: int  # rows with no city whose place we know
    zoom: str  # "" (the world) or the place filter it is zoomed to ("region=Europe")
    numbers: str  # what a digit is: "rank" or "row" (the Cities tab's order)
    attribution: tuple[str, ...]


def of_index(catalog: Catalog, info: IndexInfo, shown: pl.DataFrame, flt: Filter) -> Subject:
    """An index's filtered view (`shown`: its rows in the view's order)."""
    placed, unplaced = worldmap.places(shown, catalog.cities, "rank")
    places = [
        f"{label}={value}"
        for label, value in (
            ("region", flt.region),
            ("sub-region", flt.subregion),
            ("publisher region", flt.publisher_region),
            ("country", flt.country),
        )
        if value
    ]
    active = " · ".join(flt.describe()) or "no filter"
    return Subject(
        f"{info.short_name} · {info.publisher} · {shown.height:,} of {info.rows_bundled:,} rows"
        f" · {active}",
        placed,
        shown.height,
        unplaced,
        ", ".join(places),
        "rank",
        (info.attribution,),
    )


def of_cities(
    catalog: Catalog,
    shown: pl.DataFrame,
    described: list[str],
    editions: list[IndexInfo],
    rule: str,
) -> Subject:
    """The Cities tab's view (`shown`: city_id and name, in the view's order); `described` is
    the view's own summary (filters, then the sort); `editions` those the shown standings come
    from (their publishers are credited), `rule` how each family's edition was chosen."""
    from .credits import attribution_lines

    placed, unplaced = worldmap.places(shown, catalog.cities, None)
    places = [p for p in described if p.startswith(("region ", "country "))]
    sort = next((p for p in described if p.startswith("sorted by ")), "")
    return Subject(
        f"Cities · {shown.height:,} cities · " + (" · ".join(described) or "no filter"),
        placed,
        shown.height,
        unplaced,
        ", ".join(places),
        f"row ({sort})" if sort else "row",
        (f"Standings: {rule}.", *attribution_lines(editions)),
    )


@dataclass(frozen=True)
class MapView:
    subject: Subject
    map: WorldMap

    @property
    def title(self) -> str:
        zoom = f" · zoomed to {self.subject.zoom}" if self.subject.zoom else ""
        return self.subject.title + zoom

    def legend(self, ascii_only: bool = False) -> str:
        numbers = "rank" if self.subject.numbers == "rank" else "row of the view"
        digits = f"{'1-9' if ascii_only else '1–9'} {numbers}"
        if self.subject.placed["rank"].is_null().all():
            digits = "no ranks in this view"
        if ascii_only:
            parts = [digits, "o a city", "O several", ". land"]
        else:
            parts = [digits, "● a city", "²…⁹ several (⁺ 10+)", "⣿ land"]
        step = f"{self.map.degrees:.2g}{' deg' if ascii_only else '°'} a dot"
        return (" | " if ascii_only else " · ").join([*parts, step])

    def label(self, pin: Pin) -> str:
        """A pin as the cursor's line and the cell's list name it."""
        if self.subject.numbers == "rank":
            return pin.label
        return f"{pin.city}, {pin.country} (row {pin.rank:,})" if pin.country else pin.city

    def top(self) -> list[Pin]:
        """The pins whose number is 1–9, once per row (a cluster's first member)."""
        top = self.subject.placed.filter(pl.col("rank").is_between(1, 9))
        first = worldmap.to_pins(top.unique("order", keep="first", maintain_order=True))
        return sorted(first, key=lambda p: (p.rank or 0, p.order))

    def notes(self) -> list[str]:
        """Which city each digit is; who a better rank hides; what is not on the map."""
        out = []
        top = self.top()
        if top:
            what = "Ranks" if self.subject.numbers == "rank" else "Rows"
            countries = dict(
                self.subject.placed.filter(pl.col("order").is_in([p.order for p in top]))
                .group_by("order")
                .agg(pl.col("country").n_unique())
                .iter_rows()
            )
            labels = [p.row_label(countries.get(p.order) == 1) for p in top]
            out.append(f"{what} 1–9: " + "; ".join(labels) + ".")
        hidden = self.map.hidden()
        if hidden:
            out.append(
                "Under a better number in the same cell: "
                + "; ".join(f"{h.label} (under {s.rank})" for h, s in hidden)
                + "."
            )
        if self.subject.unplaced:
            n = self.subject.unplaced
            out.append(
                f"Not on the map: {n:,} of {self.subject.rows:,} rows name no city whose place "
                "we know."
            )
        if self.map.outside:
            names = sorted({p.city for p in self.map.outside})
            more = f" and {len(names) - 5:,} more" if len(names) > 5 else ""
            out.append(f"Beyond this map's edges: {', '.join(names[:5])}{more}.")
        if self.subject.placed.is_empty() and not self.subject.unplaced:
            out.append("No city in this view.")
        return out

    def text(self, ascii_only: bool = False) -> str:
        """The whole map as text (`cityrank-tui map`)."""
        lines = [
            self.title,
            *(line.rstrip() for line in self.map.lines(ascii_only)),
            self.legend(ascii_only),
            *self.notes(),
            *self.subject.attribution,
            LAND_CREDIT,
        ]
        return "\n".join(lines) + "\n"


def draw(catalog: Catalog, subject: Subject, cols: int, rows: int) -> MapView:
    """The subject at a size: the world, or the extent of its cities when zoomed to a place."""
    extent: Extent = worldmap.WORLD
    if subject.zoom:
        placed = subject.placed
        lats = placed["lat"]  # the extremes are all the extent needs of a million rows
        extent = worldmap.extent_of(
            [] if lats.is_empty() else [float(lats.min()), float(lats.max())],  # type: ignore[arg-type]
            placed["lon"].unique().to_list(),
        )
    return MapView(subject, worldmap.draw(subject.placed, land(catalog), cols, rows, extent))
