"""The world map of a tab's view (`g`): the view's cities over land in braille, a cell cursor.

What is drawn comes whole from core.mapview (the same map `cityrank-tui map` prints); this
screen draws it at the room it has (again on a resize), moves the cursor, says what the cursor's
cell holds, and lists those cities (Enter), whose profile Enter then opens.
"""

from __future__ import annotations

import sys
from typing import Any

import polars as pl
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from ...core import mapview
from ...core.catalog import Catalog
from ...core.mapview import MapView, Subject
from ...core.worldmap import Pin
from ...termout import can_show
from ..base import AppScreen
from ..commands import screen_bindings
from ..safe import safe
from ..widgets.footer import KeyFooter

CURSOR = "▶"


def ascii_terminal() -> bool:
    """Whether the terminal's encoding lacks the map's glyphs (Textual draws on stderr)."""
    return not can_show(sys.__stderr__, mapview.GLYPHS)


def place(lat: float, lon: float, ascii_only: bool = False) -> str:
    """'51.5°N 0.1°W' (without the degree sign in ASCII)."""
    lon = (lon + 180.0) % 360.0 - 180.0
    deg = "" if ascii_only else "°"
    return f"{abs(lat):.1f}{deg}{'N' if lat >= 0 else 'S'} {abs(lon):.1f}{deg}{'E' if lon >= 0 else 'W'}"


class MapCanvas(Widget):
    """The map, centred in the room it has, with the cursor's cell in reverse video."""

    DEFAULT_CSS = "MapCanvas { height: 1fr; width: 1fr; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.drawn: MapView | None = None
        self.cursor = (0, 0)
        self.ascii_only = False

    def origin(self) -> tuple[int, int]:
        """Where the map's top-left cell is in the widget (it is centred)."""
        if self.drawn is None:
            return 0, 0
        grid = self.drawn.map
        return max((self.size.width - grid.cols) // 2, 0), max(
            (self.size.height - grid.rows) // 2, 0
        )

    def render(self) -> Text:
        if self.drawn is None:
            return Text()
        grid = self.drawn.map
        left, top = self.origin()
        text = Text("\n" * top, no_wrap=True, overflow="crop")
        for y in range(grid.rows):
            text.append(" " * left)
            for x in range(grid.cols):
                mark = grid.mark(x, y, self.ascii_only)
                glyph = mark or grid.background(x, y, self.ascii_only)
                style = "bold" if mark else ""
                if (x, y) == self.cursor:
                    style = "bold reverse"
                text.append(glyph, style)
            if y < grid.rows - 1:
                text.append("\n")
        return text

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, MapScreen):
            screen.redraw()

    def on_click(self, event: events.Click) -> None:
        if self.drawn is None:
            return
        left, top = self.origin()
        x, y = event.x - left, event.y - top
        if 0 <= x < self.drawn.map.cols and 0 <= y < self.drawn.map.rows:
            screen = self.screen
            if isinstance(screen, MapScreen):
                screen.put_cursor(x, y)


class MapScreen(AppScreen):
    SCOPE = "map"
    BINDINGS = screen_bindings(SCOPE)
    DEFAULT_CSS = """
    MapScreen #map-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    MapScreen #map-cell { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    MapScreen #map-notes { height: auto; max-height: 50%; padding: 0 1; }
    """

    def __init__(
        self, catalog: Catalog, subject: Subject, focus: str | None = None, *, ascii_only: bool
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.subject = subject
        self.ascii_only = ascii_only
        # where the cursor is, as a place: kept across a redraw at another size
        placed = subject.placed
        chosen = placed.filter(pl.col("city_id") == focus) if focus else placed.clear()
        first = chosen if not chosen.is_empty() else placed
        self.place_at: tuple[float, float] | None = (
            None if first.is_empty() else (first["lat"][0], first["lon"][0])
        )
        self._held: tuple[MapView | None, tuple[int, int], list[Pin]] = (None, (0, 0), [])
        self.canvas = MapCanvas(id="map-canvas")
        self.canvas.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        yield Static(id="map-title", markup=False)
        yield self.canvas
        yield Static(id="map-cell", markup=False)
        yield Static(id="map-notes", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#map-title", Static).update(self._line(self.subject.title))
        self.query_one("#map-notes", Static).update(self._notes())
        self.canvas.focus()

    def redraw(self) -> None:
        """Draw the map at the canvas's size; the cursor stays on its place."""
        width, height = self.canvas.size
        if width < 2 or height < 2:
            return
        drawn = mapview.draw(self.catalog, self.subject, width, height)
        self.canvas.drawn = drawn
        title = drawn.title
        self.query_one("#map-title", Static).update(self._line(title))
        self.query_one("#map-notes", Static).update(self._notes())
        cell = drawn.map.cell_of(*self.place_at) if self.place_at else None
        self.canvas.cursor = cell or (drawn.map.cols // 2, drawn.map.rows // 2)
        self._cursor_moved(keep_place=True)

    @staticmethod
    def _line(text: str, style: str = "") -> Text:
        line = safe(text, style)
        line.no_wrap, line.overflow = True, "ellipsis"
        return line

    def _notes(self) -> Text:
        """The legend and each note on one line (cut to the width: the cursor's line and Enter
        name every city), then the attribution whole."""
        drawn = self.canvas.drawn
        room = max(self.size.width - 2, 10)
        lines = [
            safe(line)
            for line in ([drawn.legend(self.ascii_only), *drawn.notes()] if drawn else [])
        ]
        for line in lines:
            line.truncate(room, overflow="ellipsis")
        lines += [safe(a, "italic") for a in self.subject.attribution]
        return Text("\n").join(lines)

    # -- the cursor -----------------------------------------------------------------------------
    def held(self) -> list[Pin]:
        """The cities in the cursor's cell (kept until the cursor or the drawing changes)."""
        drawn, cursor = self.canvas.drawn, self.canvas.cursor
        if drawn is None:
            return []
        if self._held[0] is not drawn or self._held[1] != cursor:
            self._held = (drawn, cursor, drawn.map.pins_at(*cursor))
        return self._held[2]

    def _cursor_moved(self, keep_place: bool = False) -> None:
        drawn = self.canvas.drawn
        if drawn is None:
            return
        grid = drawn.map
        x, y = self.canvas.cursor
        lat = grid.extent.north - (y * 4 + 2) * grid.degrees
        lon = grid.extent.west + (x * 2 + 1) * grid.degrees
        if not keep_place:
            held = self.held()
            self.place_at = (held[0].lat, held[0].lon) if held else (lat, lon)
        held = self.held()
        text = Text(f"{CURSOR} {place(lat, lon, self.ascii_only)} · ", style="bold")
        if not held:
            text.append(f"no city here · {self.shown_key('next')} goes to the next city")
        else:
            count = len({(p.order, p.city_id) for p in held})
            what = "1 city" if count == 1 else f"{count} cities"
            text.append(f"{what}: ", style="bold")
            text.append(
                "; ".join(drawn.label(p) for p in held[:5]) + ("; …" if len(held) > 5 else "")
            )
            text.append(f" · {self.shown_key('list')} lists")
        text = safe(text)
        text.no_wrap, text.overflow = True, "ellipsis"
        self.query_one("#map-cell", Static).update(text)
        self.canvas.refresh()

    def put_cursor(self, x: int, y: int) -> None:
        self.canvas.cursor = (x, y)
        self._cursor_moved()

    def action_move(self, dx: int, dy: int) -> None:
        drawn = self.canvas.drawn
        if drawn is None:
            return
        x, y = self.canvas.cursor
        x = min(max(x + dx, 0), drawn.map.cols - 1)
        y = min(max(y + dy, 0), drawn.map.rows - 1)
        self.put_cursor(x, y)

    def action_jump(self, step: int) -> None:
        """To the next (or previous) cell holding a city, in reading order, round the map."""
        drawn = self.canvas.drawn
        cells = drawn.map.city_cells() if drawn else []
        if not cells:
            self.app.notify("No city of this view is on the map.")
            return
        here = (self.canvas.cursor[1], self.canvas.cursor[0])
        order = [(y, x) for x, y in cells]
        if step > 0:
            after = [c for c in order if c > here]
            y, x = after[0] if after else order[0]
        else:
            before = [c for c in order if c < here]
            y, x = before[-1] if before else order[-1]
        self.put_cursor(x, y)

    @work(exclusive=True, group="dialog")
    async def action_list_cell(self) -> None:
        """The cursor's cell's cities; the one picked opens its profile."""
        from .dialogs import Choice, PickScreen

        held = self.held()
        if not held:
            self.app.notify(
                f"No city in this cell: {self.shown_key('next')} goes to the next one.",
                markup=False,
            )
            return
        drawn = self.canvas.drawn
        choices = [Choice(p.city_id, drawn.label(p) if drawn else p.city) for p in held]
        what = "1 city" if len(held) == 1 else f"{len(held)} cities"
        value = await self.app.push_screen_wait(
            PickScreen(f"{what} here (Enter opens the profile)", choices)
        )
        if isinstance(value, str):
            self.app.open_profile(value)
