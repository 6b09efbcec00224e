"""Filter and sort latency on a synthetic 1,000,000-row index loaded like any imported index.

Measures, headless at 120x40: opening the tab (read + first paint), then the time from each
filter or sort change to the repainted table; reports medians and the process's peak memory.

    python bench/filter.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


async def run(rows: int, repeat: int) -> None:
    from synthetic import make

    from cityrank_tui.core.filters import Filter, Sort, View
    from cityrank_tui.tui.app import CityRankApp

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        t0 = time.perf_counter()
        make(Path(tmp), rows)
        print(f"made {rows:,} rows in {time.perf_counter() - t0:.2f} s")
        app = CityRankApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            app.screen.goto_index("synthetic")
            while not (
                app.screen.pane
                and app.screen.pane.info.id == "synthetic"
                and app.screen.pane.table.painted
            ):
                await asyncio.sleep(0.001)
            opened = time.perf_counter() - start
            pane = app.screen.pane
            changes = {
                "tier": View(Filter(tiers=("B",))),
                "region": View(Filter(region="Eastern Asia")),
                "score range": View(Filter(min_score=20, max_score=60)),
                "search": View(Filter(text="city 12345")),
                "combined": View(
                    Filter(region="Europe", tiers=("A", "B"), min_score=70, text="zurich")
                ),
                "sort score desc": View(sort=Sort("score", True)),
                "sort name": View(sort=Sort("name")),
                "clear": View(),
            }
            # Applied one after another, so each differs from the view before it.
            timings: dict[str, list[float]] = {k: [] for k in changes}
            for _ in range(repeat):
                for label, view in changes.items():
                    pane.table.painted = False
                    start = time.perf_counter()
                    pane.set_view(view)
                    while not pane.table.painted:
                        await asyncio.sleep(0.0005)
                    timings[label].append(time.perf_counter() - start)
                    await pilot.pause()
    print(f"open the {rows:,}-row tab: {opened * 1000:.0f} ms (target <= 500 ms)")
    all_times = [t for ts in timings.values() for t in ts]
    for label, ts in timings.items():
        print(f"  {label:16} median {statistics.median(ts) * 1000:6.1f} ms")
    print(
        f"change -> repaint: median {statistics.median(all_times) * 1000:.1f} ms over {len(all_times)} changes "
        f"(target <= 50 ms)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.repeat))


if __name__ == "__main__":
    main()
