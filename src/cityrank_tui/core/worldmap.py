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

    @property
    def row_label(self) -> str:
        """The row as published: '3 Seoul, South Korea', '1 Tokyo–Yokohama' (a cluster)."""
        return f"{self.standing}{self.entry}" + (
            f", {self.country}" if self.country and self.city == self.entry else ""
        )

    @property
    def label(self) -> str:
        """'3 Seoul, South Korea' or '1 Tokyo–Yokohama: Yokohama, Japan'."""
        where = self.city if self.city == self.entry else f"{self.entry}: {self.city}"
        return f"{self.standing}{where}" + (f", {self.country}" if self.country else "")


def pins(
    frame: pl.DataFrame, cities: pl.DataFrame, rank: str | None = "rank"
) -> tuple[list[Pin], int]:
    """The view's rows (in order) as pins, and how many rows have no city with coordinates.

    `frame` holds `name` and `city_ids` (a list) or `city_id`; `rank` names its rank column
    (None: each row's position, 1 first, is its number)."""
    ids = "city_ids" if "city_ids" in frame.columns else "city_id"
    numbers = pl.col(rank) if rank else pl.int_range(1, pl.len() + 1)
    rows = frame.select(
        pl.int_range(pl.len()).alias("_order"),
        numbers.cast(pl.Int64).alias("_rank"),
        pl.col("name").alias("_entry"),
        pl.col(ids).alias("city_id"),
        (pl.col("tier").cast(pl.String) if "tier" in frame.columns else pl.lit(None, pl.String))
        .fill_null("")
        .alias("_tier"),
    )
    if ids == "city_ids":
        rows = rows.explode("city_id")
    rows = rows.with_columns(pl.int_range(pl.len()).over("_order").alias("_member"))
    known = cities.select(
        "city_id",
        pl.col("name").alias("_city"),
        pl.col("country").fill_null(""),
        "latitude",
        "longitude",
    ).unique("city_id", keep="first")
    placed = (
        rows.join(known, on="city_id", how="inner")
        .filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
        .sort("_order", "_member")
    )
    out = [
        Pin(o, r, str(e), str(c), str(n), str(k), float(la), float(lo), str(t))
        for o, r, e, c, n, k, la, lo, t in placed.select(
            "_order",
            "_rank",
            "_entry",
            "city_id",
            "_city",
            "country",
            "latitude",
            "longitude",
            "_tier",
        ).iter_rows()
    ]
    unplaced = frame.height - placed["_order"].n_unique()
    return out, unplaced


@dataclass(frozen=True)
class Extent:
    """West to east (east may pass 180°: a map across the date line), south to north."""

    west: float
    east: float
    south: float
    north: float


WORLD = Extent(-180.0, 180.0, WORLD_SOUTH, WORLD_NORTH)


def extent_of(points: list[Pin]) -> Extent:
    """The smallest box holding every pin (across the date line when that is narrower), with a
    margin; the world when there is none."""
    if not points:
        return WORLD
    lons = sorted({p.lon for p in points})
    # the widest gap between neighbouring longitudes (round the globe) is left out of the box
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 for i in range(len(lons))]
    widest = max(range(len(lons)), key=lambda i: gaps[i])
    west = lons[(widest + 1) % len(lons)]
    span = 360 - gaps[widest] if len(lons) > 1 else 0.0
    lats = [p.lat for p in points]
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
    """The drawn grid: `cols`×`rows` cells over `extent`, at `degrees` per braille dot."""

    cols: int
    rows: int
    extent: Extent
    degrees: float
    land: list[list[int]]  # braille dot bits of each cell, [row][col]
    cells: dict[tuple[int, int], list[Pin]] = field(default_factory=dict)
    outside: list[Pin] = field(default_factory=list)  # pins beyond the drawn extent

    def cell_of(self, lat: float, lon: float) -> tuple[int, int] | None:
        """The (column, row) a place falls in, or None outside the map."""
        x = int(((lon - self.extent.west) % 360.0) / self.degrees // 2)
        y = math.floor((self.extent.north - lat) / self.degrees / 4)
        return (x, y) if 0 <= x < self.cols and 0 <= y < self.rows else None

    def mark(self, x: int, y: int, ascii_only: bool = False) -> str | None:
        """What a cell holding cities shows (None: it holds none)."""
        held = self.cells.get((x, y))
        if not held:
            return None
        best = min((p.rank for p in held if p.rank is not None), default=None)
        if best is not None and 1 <= best <= 9:
            return str(best)
        count = len({(p.order, p.city_id) for p in held})
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
        out = []
        for held in self.cells.values():
            ranked = sorted(
                (p for p in held if p.rank is not None and 1 <= p.rank <= 9),
                key=lambda p: p.rank or 0,
            )
            out += [(p, ranked[0]) for p in ranked[1:] if p.rank != ranked[0].rank]
        return sorted(out, key=lambda pair: pair[0].rank or 0)

    def city_cells(self) -> list[tuple[int, int]]:
        """Cells holding cities, in reading order (top to bottom, left to right)."""
        return sorted(self.cells, key=lambda xy: (xy[1], xy[0]))


def draw(points: list[Pin], land: Land, cols: int, rows: int, extent: Extent = WORLD) -> WorldMap:
    """The map of `points` over `extent` in at most `cols`×`rows` cells (fewer when the extent's
    shape needs fewer: degrees are the same across and down)."""
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
    result = WorldMap(cols, rows, shown, degrees, grid)
    for pin in points:
        cell = result.cell_of(pin.lat, pin.lon)
        if cell is None:
            result.outside.append(pin)
        else:
            result.cells.setdefault(cell, []).append(pin)
    return result
