"""Switching edition with ] / [ in a family tab: key press to the new edition's table painted.

Each GII edition is shown for the first time (its Parquet read, its pane built) and then again
(its pane kept). The reference, measured in the same run, is switching between two family tabs
already shown (2 and 3: ICI and GII), the cheapest switch the app had before family tabs. Target: <= 100 ms.

    python bench/edition_switch.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time


async def switch(app, pilot, action) -> float:
    """Run one switch (as its key does) and time it until the new table has painted a line."""
    from cityrank_tui.tui.widgets.index_pane import IndexPane

    for pane in app.screen.query(IndexPane):
        pane.table.painted = False
    start = time.perf_counter()
    task = asyncio.ensure_future(action())  # the screen's actions are coroutines
    while not (app.screen.pane is not None and app.screen.pane.table.painted):
        await asyncio.sleep(0.0005)
    took = time.perf_counter() - start
    await task
    await pilot.pause()
    return took


async def run_once() -> tuple[list[float], list[float], list[float]]:
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    first, again, reference = [], [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.action_goto_tab(3)  # GII, on its latest edition (tab 1 is Cities)
        await pilot.pause()
        for _ in range(3):  # [ to 2024, 2023, 2022: each read and built for the first time
            first.append(await switch(app, pilot, screen.action_prev_edition))
        for _ in range(3):  # ] back up: each pane kept
            again.append(await switch(app, pilot, screen.action_next_edition))
        for n in (2, 3) * 3:  # the reference: two family tabs shown before (ICI, GII)
            reference.append(await switch(app, pilot, lambda n=n: screen.action_goto_tab(n)))
    return first, again, reference


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    first, again, reference = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for key in ("CITYRANK_CONFIG_DIR", "CITYRANK_DATA_DIR", "CITYRANK_STATE_DIR"):
            os.environ[key] = tmp
        for _ in range(args.runs):
            f, a, r = asyncio.run(run_once())
            first += f
            again += a
            reference += r
    ref = statistics.median(reference)
    for label, times in (("edition, first time", first), ("edition, shown before", again)):
        med = statistics.median(times)
        print(
            f"{label:<22} median {med * 1000:5.1f} ms, worst {max(times) * 1000:5.1f} ms "
            f"(target <= 100 ms); {med / ref:.2f}x the reference"
        )
    print(f"{'reference (tab 2 <-> 3)':<22} median {ref * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
