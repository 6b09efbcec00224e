"""A view's cities on a world map, drawn as text: land in braille dots, each city a mark.

No Textual here: the app's map screen (`g`) and `cityrank-tui map` draw the same `WorldMap`.

Projection: equirectangular (longitude and latitude straight onto the grid). A terminal cell is
about twice as tall as it is wide and holds 2×4 braille dots, so a dot is about square: one
number of degrees per dot both ways keeps the continents' shape. The whole world is 180°W–180°E
and 58°S–84°N (no city lies further south or north); a view filtered to a place (region,
country) is drawn over its cities' extent instead. Land comes from data/parquet/land.parquet
(a 0.25° bitmap, see data/land.py): it is background, never a figure.

Marks: a city ranked 1–9 is its digit (the best rank in its cell), any other city `●`, and a
cell holding several cities without a top-9 one shows how many (`²`…`⁹`, `⁺` for ten or more).
A cluster (one ranked row of several cities) puts a mark on each member. With ASCII only: `.`
for land, digits, `o` for one city and `O` for several.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .errors import DataError
from .schema import read_parquet

WORLD_NORTH, WORLD_SOUTH = 84.0, -58.0
MIN_SPAN = 24.0  # degrees: a zoomed map never shows less than this across
FILL = 1.5  # a map widens its narrower side into spare room by this factor at most
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ONE, MANY = "●", "⁺"
ASCII_LAND, ASCII_ONE, ASCII_MANY = ".", "o", "O"
# Braille: bit of dot (column, row) in a 2×4 cell (U+2800 + the bits).
DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


@dataclass(frozen=True)
class Land:
    """The land bitmap: one int per band of latitude, north first, each `2 * len(rows)` cells
    of `180 / len(rows)` degrees from 180°W; bit `columns - 1 - c` is cell c."""

    rows: tuple[int, ...]

    @property
    def step(self) -> float:
        return 180.0 / len(self.rows)

    @property
    def columns(self) -> int:
        return 2 * len(self.rows)

    def row(self, lat: float) -> int:
        return self.rows[min(max(int((90.0 - lat) / self.step), 0), len(self.rows) - 1)]

    def shift(self, lon: float) -> int:
        """How far a row's int is shifted right to bring this longitude's cell to bit 0."""
        columns = self.columns
        return columns - 1 - int(((lon + 180.0) % 360.0) / self.step) % columns

    def at(self, lat: float, lon: float) -> bool:
        return bool((self.row(lat) >> self.shift(lon)) & 1)


def load_land(folder: Path) -> Land:
    """data/parquet/land.parquet (data/land.py): `bits`, one bit-packed row per band."""
    path = folder / "land.parquet"
    frame = read_parquet(path, "land bitmap")
    if "bits" not in frame.columns or frame.height < 90:
        raise DataError(f"{path} is not a land bitmap (a `bits` column, a row per band)")
    bits = frame["bits"].to_list()
    if any(not isinstance(b, bytes) or len(b) * 8 != 2 * frame.height for b in bits):
        raise DataError(f"{path}: each row must hold {2 * frame.height} bits")
    return Land(tuple(int.from_bytes(b, "big") for b in bits))


@dataclass(frozen=True)
class Pin:
    """One city of the view on the map: a cluster's row gives one pin per member city."""

    order: int  # the row's position in the view (0 first)
    rank: int | None  # the number a mark can show (an index's rank; the Cities tab: row number)
    entry: str  # the row's name as published (a cluster's name)
    city_id: str
    city: str
    country: str
    lat: float
    lon: float
    tier: str = ""  # the row's class or tier, said where it has no rank (GaWC: 'Alpha++')

    @property
    def standing(self) -> str:
        """The rank, else the class, before a name ('3 ', 'Alpha++ '); '' without either."""
        if self.rank is not None:
            return f"{self.rank} "
        return f"{self.tier} " if self.tier else ""

    def row_label(self, one_country: bool = True) -> str:
        """The row as published, with its country where all its cities are in one:
        '3 Seoul, South Korea', '7 München, Germany' (the publisher's spelling),
        '1 Tokyo–Yokohama, Japan'; a cluster across borders bare ('Basel')."""
        return f"{self.standing}{self.entry}" + (
            f", {self.country}" if self.country and one_country else ""
        )

    @property
    def label(self) -> str:
        """'3 Seoul, South Korea' or '1 Tokyo–Yokohama: Yokohama, Japan'."""
        where = self.city if self.city == self.entry else f"{self.entry}: {self.city}"
        return f"{self.standing}{where}" + (f", {self.country}" if self.country else "")


PLACED = ("order", "rank", "entry", "city_id", "city", "country", "lat", "lon", "tier")


def places(
    frame: pl.DataFrame, cities: pl.DataFrame, rank: str | None = "rank"
) -> tuple[pl.DataFrame, int]:
    """The view's rows (in order) as one row per city with coordinates (PLACED), and how many
    rows have no city whose place we know.

    `frame` holds `name` and `city_ids` (a list) or `city_id`; `rank` names its rank column
    (None: each row's position, 1 first, is its number). Kept as a frame, not objects: a
    view of a million rows is drawn from columns, and pins are made only for the cells asked."""
    ids = "city_ids" if "city_ids" in frame.columns else "city_id"
    numbers = pl.col(rank) if rank else pl.int_range(1, pl.len() + 1)
    tier = pl.col("tier").cast(pl.String) if "tier" in frame.columns else pl.lit(None, pl.String)
    rows = frame.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("order"),
        numbers.cast(pl.Int64).alias("rank"),
        pl.col("name").cast(pl.String).fill_null("").alias("entry"),
        pl.col(ids).alias("city_id"),
        tier.fill_null("").alias("tier"),
    )
    if ids == "city_ids":
        rows = rows.explode("city_id")
    known = cities.select(
        "city_id",
        pl.col("name").fill_null("").alias("city"),
        pl.col("country").fill_null(""),
        pl.col("latitude").cast(pl.Float64).alias("lat"),
        pl.col("longitude").cast(pl.Float64).alias("lon"),
    ).unique("city_id", keep="first")
    placed = (
        rows.join(known, on="city_id", how="inner", maintain_order="left")
        .filter(pl.col("lat").is_finite() & pl.col("lon").is_finite())
        .select(PLACED)
    )
    return placed, frame.height - placed["order"].n_unique()


def to_pins(placed: pl.DataFrame) -> list[Pin]:
    return [Pin(*row) for row in placed.select(PLACED).iter_rows()]


def pins(
    frame: pl.DataFrame, cities: pl.DataFrame, rank: str | None = "rank"
) -> tuple[list[Pin], int]:
    """`places` as Pin objects (for a view of a few thousand rows at most)."""
    placed, unplaced = places(frame, cities, rank)
    return to_pins(placed), unplaced


@dataclass(frozen=True)
class Extent:
    """West to east (east may pass 180°: a map across the date line), south to north."""

    west: float
    east: float
    south: float
    north: float


WORLD = Extent(-180.0, 180.0, WORLD_SOUTH, WORLD_NORTH)


def extent_of(lats: Sequence[float], lons: Sequence[float]) -> Extent:
    """The smallest box holding every place (across the date line when that is narrower), with
    a margin; the world when there is none."""
    if not len(lons):
        return WORLD
    lons = sorted(set(lons))
    # the widest gap between neighbouring longitudes (round the globe) is left out of the box
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 for i in range(len(lons))]
    widest = max(range(len(lons)), key=lambda i: gaps[i])
    west = lons[(widest + 1) % len(lons)]
    span = 360 - gaps[widest] if len(lons) > 1 else 0.0
    south, north = min(lats), max(lats)
    pad_x, pad_y = max(span * 0.08, 2.0), max((north - south) * 0.08, 2.0)
    west, east = west - pad_x, west + span + pad_x
    south, north = max(south - pad_y, -89.0), min(north + pad_y, 89.0)
    if east - west < MIN_SPAN:
        middle = (west + east) / 2
        west, east = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    if east - west >= 300:
        return Extent(-180.0, 180.0, min(south, WORLD_SOUTH), max(north, WORLD_NORTH))
    return Extent(west, east, south, north)


@dataclass
class WorldMap:
    """The drawn grid: `cols`×`rows` cells over `extent`, at `degrees` per braille dot.

    `placed` is `places()`'s frame with each city's cell (`x`, `y`; null beyond the map);
    `cells` holds, for each cell with a city, its best number and how many cities it holds."""

    cols: int
    rows: int
    extent: Extent
    degrees: float
    land: list[list[int]]  # braille dot bits of each cell, [row][col]
    placed: pl.DataFrame = field(default_factory=lambda: pl.DataFrame())
    cells: dict[tuple[int, int], tuple[int | None, int]] = field(default_factory=dict)

    def cell_of(self, lat: float, lon: float) -> tuple[int, int] | None:
        """The (column, row) a place falls in, or None outside the map."""
        x = math.floor(((lon - self.extent.west) % 360.0) / self.degrees / 2)
        y = math.floor((self.extent.north - lat) / self.degrees / 4)
        return (x, y) if 0 <= x < self.cols and 0 <= y < self.rows else None

    def pins_at(self, x: int, y: int) -> list[Pin]:
        """The cities in one cell, in the view's order."""
        if (x, y) not in self.cells:
            return []
        return to_pins(self.placed.filter((pl.col("x") == x) & (pl.col("y") == y)))

    @property
    def outside(self) -> list[Pin]:
        """Cities beyond the drawn extent."""
        if self.placed.is_empty():
            return []
        return to_pins(self.placed.filter(pl.col("x").is_null()))

    def mark(self, x: int, y: int, ascii_only: bool = False) -> str | None:
        """What a cell holding cities shows (None: it holds none)."""
        held = self.cells.get((x, y))
        if held is None:
            return None
        best, count = held
        if best is not None and 1 <= best <= 9:
            return str(best)
        if ascii_only:
            return ASCII_ONE if count == 1 else ASCII_MANY
        if count == 1:
            return ONE
        return SUPERSCRIPT[count] if count <= 9 else MANY

    def background(self, x: int, y: int, ascii_only: bool = False) -> str:
        bits = self.land[y][x]
        if ascii_only:
            return ASCII_LAND if bin(bits).count("1") >= 4 else " "
        return chr(0x2800 + bits) if bits else " "

    def glyph(self, x: int, y: int, ascii_only: bool = False) -> str:
        return self.mark(x, y, ascii_only) or self.background(x, y, ascii_only)

    def lines(self, ascii_only: bool = False) -> list[str]:
        return [
            "".join(self.glyph(x, y, ascii_only) for x in range(self.cols))
            for y in range(self.rows)
        ]

    def hidden(self) -> list[tuple[Pin, Pin]]:
        """Top-9 pins whose digit does not show: (the hidden pin, the better one shown instead)."""
        if self.placed.is_empty():
            return []
        top = self.placed.filter(pl.col("x").is_not_null() & pl.col("rank").is_between(1, 9))
        by_cell: dict[tuple[int, int], list[Pin]] = {}
        for (x, y), pin in zip(top.select("x", "y").iter_rows(), to_pins(top), strict=True):
            by_cell.setdefault((x, y), []).append(pin)
        out = []
        for held in by_cell.values():
            ranked = sorted(held, key=lambda p: p.rank or 0)
            out += [(p, ranked[0]) for p in ranked[1:] if p.rank != ranked[0].rank]
        return sorted(out, key=lambda pair: pair[0].rank or 0)

    def city_cells(self) -> list[tuple[int, int]]:
        """Cells holding cities, in reading order (top to bottom, left to right)."""
        return sorted(self.cells, key=lambda xy: (xy[1], xy[0]))


def draw(
    placed: pl.DataFrame, land: Land, cols: int, rows: int, extent: Extent = WORLD
) -> WorldMap:
    """The map of `places()`'s cities over `extent` in at most `cols`×`rows` cells (fewer when
    the extent's shape needs fewer: degrees are the same across and down)."""
    cols, rows = max(cols, 1), max(rows, 1)
    width = extent.east - extent.west
    height = extent.north - extent.south
    degrees = max(width / (cols * 2), height / (rows * 4))
    # the narrower side widens into the room there is, by half its span at most (more would
    # no longer be the extent asked for), and never beyond the whole world
    across = min(degrees * cols * 2, 360.0, width * FILL)
    down = min(degrees * rows * 4, WORLD_NORTH - WORLD_SOUTH, height * FILL)
    cols = min(cols, math.ceil(across / degrees / 2 - 1e-9))
    rows = min(rows, math.ceil(down / degrees / 4 - 1e-9))
    middle = (extent.west + extent.east) / 2
    west = -180.0 if across >= 360.0 else middle - across / 2
    # within 58°S–84°N when there is room for it (no city lies beyond)
    top, bottom = max(extent.north, WORLD_NORTH), min(extent.south, WORLD_SOUTH)
    north = min((extent.north + extent.south) / 2 + down / 2, top)
    north = max(north, bottom + down)
    shown = Extent(west, west + across, north - down, north)
    grid = [[0] * cols for _ in range(rows)]
    shifts = [land.shift(west + (i + 0.5) * degrees) for i in range(cols * 2)]
    for j in range(rows * 4):
        band = land.row(north - (j + 0.5) * degrees)
        if not band:
            continue
        line = grid[j // 4]
        left, right = DOTS[j % 4]
        for i, shift in enumerate(shifts):
            if (band >> shift) & 1:
                line[i >> 1] |= right if i & 1 else left
    # each city's cell, as cell_of() finds it (Python's modulo: a result in 0..360)
    x = ((((pl.col("lon") - west) % 360.0) + 360.0) % 360.0 / degrees / 2).floor()
    y = ((north - pl.col("lat")) / degrees / 4).floor()
    inside = x.is_between(0, cols - 1) & y.is_between(0, rows - 1)
    located = placed.with_columns(
        pl.when(inside).then(x).cast(pl.Int64).alias("x"),
        pl.when(inside).then(y).cast(pl.Int64).alias("y"),
    )
    summary = (
        located.filter(pl.col("x").is_not_null())
        .group_by("x", "y")
        .agg(pl.col("rank").min().alias("best"), pl.struct("order", "city_id").n_unique())
    )
    cells = {(cx, cy): (best, count) for cx, cy, best, count in summary.iter_rows()}
    return WorldMap(cols, rows, shown, degrees, grid, located, cells)
