"""First visits a new user feels: a GII edition shown for the first time ([ in the GII tab), and
the agreement matrix's all-editions mode (its key, `e`, on the agreement screen).

Both are timed as a user meets them, after a moment on the screen before (the app reads every
bundled edition's entries on a worker after the first frame, app.warm_idle; the agreement
screen computes its other mode on a worker once shown), and cold (that work dropped first), in
the same run as the reference: the same key once its target was shown before (a kept pane; a
kept matrix). Goal: <= 300 ms each.

With `--rows N` an N-row CSV (bench/import_csv.py's) is imported first, as a user with a
large import of their own meets these.

    python bench/first_visits.py [--runs 3] [--rows 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

CLI = "import sys; from cityrank_tui.cli import main; sys.exit(main(sys.argv[1:]))"


async def _painted(app: Any, act: Callable[[], Awaitable[None]]) -> float:
    """Run one key's action and time it until the new table has painted a line."""
    from cityrank_tui.tui.widgets.index_pane import IndexPane

    for pane in app.screen.query(IndexPane):
        pane.table.painted = False
    start = time.perf_counter()
    task = asyncio.ensure_future(act())
    while not (app.screen.pane is not None and app.screen.pane.table.painted):
        await asyncio.sleep(0.0005)
    took = time.perf_counter() - start
    await task
    return took


async def _until(what: Callable[[], bool]) -> float:
    start = time.perf_counter()
    while not what():
        await asyncio.sleep(0.01)
    return time.perf_counter() - start


async def editions(warm: bool) -> tuple[list[float], list[float], float]:
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    if not warm:  # as before the app read the editions ahead
        app.warm_idle = lambda: None  # type: ignore[method-assign]
    first, again = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        catalog = app.catalog
        bundled = [i.id for i in catalog.indexes.values() if i.bundled]
        idle = await _until(lambda: all(i in catalog._entries for i in bundled)) if warm else 0
        screen = app.screen
        await screen.action_goto_tab(3)  # GII, on its latest edition (tab 1 is Cities)
        await pilot.pause()
        for _ in range(3):  # [ to 2024, 2023, 2022: each pane built for the first time
            first.append(await _painted(app, screen.action_prev_edition))
            await pilot.pause()
        for _ in range(3):  # ] back up: each pane kept (the reference)
            again.append(await _painted(app, screen.action_next_edition))
            await pilot.pause()
    return first, again, idle


async def agreement(warm: bool) -> tuple[float, float, float]:
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.screens.agreement import AgreementScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = AgreementScreen(app.catalog)
        if not warm:  # as before the screen computed its other mode ahead
            screen._warm_other = lambda: None  # type: ignore[method-assign]
        start = time.perf_counter()
        await app.push_screen(screen)
        await pilot.pause()
        opening = time.perf_counter() - start
        if warm:
            await _until(lambda: "all" in screen._cache)
        start = time.perf_counter()
        screen.action_toggle_editions()
        await pilot.pause()
        took = time.perf_counter() - start
        start = time.perf_counter()
        screen.action_toggle_editions()  # back to the mode shown before: kept (the reference)
        await pilot.pause()
        reference = time.perf_counter() - start
    return took, reference, opening


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=0, help="rows of an import made first")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        for key in ("CITYRANK_CONFIG_DIR", "CITYRANK_DATA_DIR", "CITYRANK_STATE_DIR"):
            os.environ[key] = tmp
        if args.rows:
            from import_csv import make_csv

            csv = Path(tmp) / "big.csv"
            make_csv(csv, args.rows)
            command = [sys.executable, "-c", CLI, "import", str(csv), "--id", "big-2026"]
            subprocess.run([*command, "--name", "Big"], check=True, capture_output=True)
            print(f"imported {args.rows:,} rows first")
        for warm in (True, False):
            first: list[float] = []
            again: list[float] = []
            idles: list[float] = []
            toggles: list[float] = []
            refs: list[float] = []
            opens: list[float] = []
            for _ in range(args.runs):
                f, a, idle = asyncio.run(editions(warm))
                first += f
                again += a
                idles.append(idle)
                t, r, o = asyncio.run(agreement(warm))
                toggles.append(t)
                refs.append(r)
                opens.append(o)
            how = "after idle (warmed)" if warm else "cold (no work ahead, as before)"
            ref = statistics.median(again)
            print(
                f"GII edition, first visit, {how}: median {statistics.median(first) * 1000:.0f} ms,"
                f" worst {max(first) * 1000:.0f} ms (goal <= 300 ms); "
                f"{statistics.median(first) / ref:.2f}x the reference, an edition shown before "
                f"({ref * 1000:.0f} ms); entries read ahead "
                f"{statistics.median(idles) * 1000:.0f} ms after the first frame"
            )
            ref = statistics.median(refs)
            print(
                f"agreement all-editions mode, {how}: median "
                f"{statistics.median(toggles) * 1000:.0f} ms, worst {max(toggles) * 1000:.0f} ms "
                f"(goal <= 300 ms); {statistics.median(toggles) / ref:.2f}x the reference, the "
                f"mode shown before ({ref * 1000:.0f} ms); the screen's opening "
                f"{statistics.median(opens) * 1000:.0f} ms"
            )
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
