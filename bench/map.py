"""The world map of a 1,000-city view (OE Global Cities 2024, every row) against its table.

Headless, in-process, at 80x24 and 120x40. For each size:

- MAP: what `g` costs to draw: the view's rows joined to their cities' places (core.mapview.of_index), the map
  drawn at the canvas's size (land raster and marks), and the canvas's text rendered to
  terminal lines (Rich segments), as Textual does before compositing;
- TABLE: the same view shown in the tab's table: the view's rows set (IndexPane._show) and every
  visible line rendered (RankTable.render_line);
- g: the key's action to the map screen holding its drawing (before its first paint), polled;
- and, core only, the same rows a thousand times over (1,000,000 rows), as a large import.

Medians of --repeat runs; the ratio is MAP / TABLE. Target: MAP <= 100 ms.

    python bench/map.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


async def measure(size: tuple[int, int], repeat: int) -> dict[str, float]:
    from cityrank_tui.core import mapview
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.screens.map import MapScreen

    app = CityRankApp()
    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.press("5", "left_square_bracket")  # OE Global Cities: 2025, then 2024
        await pilot.pause()
        main = app.screen
        pane = main.pane
        assert pane is not None and pane.info.id == "oe-gci-2024", pane
        assert len(pane.rows) == 1000, len(pane.rows)
        mapview.land(app.catalog)  # read once per run, as the app does on the first `g`

        # the canvas's size on the map screen at this terminal size
        main.action_world_map()
        await pilot.pause()
        while not (isinstance(app.screen, MapScreen) and app.screen.canvas.drawn):
            await pilot.pause()
        canvas = app.screen.canvas
        cols, rows = canvas.size
        await pilot.press("escape")
        await pilot.pause()

        maps, tables, keys = [], [], []
        for _ in range(repeat):
            start = time.perf_counter()
            subject = mapview.of_index(app.catalog, pane.info, pane.result, pane.view.filter)
            canvas.drawn = mapview.draw(app.catalog, subject, cols, rows)
            options = app.console_options.update(width=cols, height=rows)
            app.console.render_lines(canvas.render(), options, pad=False)
            maps.append(time.perf_counter() - start)

            start = time.perf_counter()
            pane._show(pane.view)
            for y in range(pane.table.size.height):
                pane.table.render_line(y)
            tables.append(time.perf_counter() - start)

            start = time.perf_counter()
            main.action_world_map()
            while not (isinstance(app.screen, MapScreen) and app.screen.canvas.drawn):
                await asyncio.sleep(0.0005)
            keys.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
        out = {
            "map": median_ms(maps),
            "table": median_ms(tables),
            "g": median_ms(keys),
            "cols": cols,
            "rows": rows,
        }
    return out


def million(repeat: int) -> float:
    """Core only: OE 2024's rows a thousand times over (1,000,000 rows) joined to their places
    and drawn at 120x32 cells, as an imported index of that size would be."""
    import polars as pl

    from cityrank_tui.core import worldmap
    from cityrank_tui.core.catalog import Catalog

    catalog = Catalog()
    land = worldmap.load_land(catalog.bundled_dir)
    rows = pl.concat([catalog.entries("oe-gci-2024")] * 1000)
    times = []
    for _ in range(max(repeat // 5, 1)):
        start = time.perf_counter()
        placed, _ = worldmap.places(rows, catalog.cities)
        worldmap.draw(placed, land, 120, 32)
        times.append(time.perf_counter() - start)
    return median_ms(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:  # never read or write the user's own state
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        print("OE Global Cities 2024, 1,000 rows (1,014 cities with clusters' members)")
        for size in ((80, 24), (120, 40)):
            r = asyncio.run(measure(size, args.repeat))
            print(
                f"{size[0]}x{size[1]} (map {r['cols']:.0f}x{r['rows']:.0f} cells): "
                f"MAP {r['map']:6.1f} ms · TABLE {r['table']:6.1f} ms · "
                f"ratio {r['map'] / r['table']:4.1f} · g to map drawn {r['g']:6.1f} ms"
            )
        print(
            f"1,000,000 rows (OE 2024 x 1,000), core only, 120x32 cells: {million(args.repeat):6.0f} ms"
        )


if __name__ == "__main__":
    main()
