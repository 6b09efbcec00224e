"""CSV export (`e`) and copy (`Y`) of a large view, headless, in the app: key to file written.

Opens the synthetic index (default 1,000,000 rows) at 120x40, then
- `e`, CSV, a path, Enter: time until the dialog has closed and the file is complete, and the
  longest the app's event loop went without running (a stalled UI shows as a long gap);
- `Y` on the whole view: time until the app says why it cannot copy it (too large for OSC 52).
The reference in the same run: plain polars `write_csv` of the same rows (lists joined) to a file.

    python bench/export.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


async def run(rows: int, repeat: int) -> None:
    import polars as pl
    from synthetic import make
    from textual.widgets import Input

    from cityrank_tui.tui.app import CityRankApp

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        make(Path(tmp), rows)
        app = CityRankApp()
        exports, gaps, copies, plain = [], [], [], []
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            app.screen.goto_index("synthetic")
            while not (app.screen.pane and app.screen.pane.table.painted):
                await asyncio.sleep(0.01)
            main = app.screen
            pane = main.pane
            for n in range(repeat):
                target = Path(tmp) / f"view-{n}.csv"
                await pilot.press("e", "enter")  # CSV
                await pilot.pause()
                app.screen.query_one(Input).value = str(target)
                await pilot.pause()
                ticks: list[float] = []

                async def tick(ticks: list[float] = ticks) -> None:
                    while True:
                        ticks.append(time.perf_counter())
                        await asyncio.sleep(0.005)

                ticker = asyncio.create_task(tick())
                start = time.perf_counter()
                await pilot.press("enter")
                while app.screen is not main:
                    await asyncio.sleep(0.005)
                exports.append(time.perf_counter() - start)
                ticker.cancel()
                gaps.append(max(b - a for a, b in itertools.pairwise(ticks)))
                assert target.stat().st_size > rows * 50
                start = time.perf_counter()
                await pilot.press("Y")
                while not any("too many" in n.message for n in app._notifications):
                    await asyncio.sleep(0.002)
                copies.append(time.perf_counter() - start)
                app.clear_notifications()
                await pilot.pause(0.2)
            for n in range(repeat):
                start = time.perf_counter()
                view = pane.cache.frame[pane.rows]
                lists = [c for c, t in view.schema.items() if isinstance(t, pl.List)]
                view = view.with_columns(pl.col(lists).list.join("; "))  # CSV holds no lists
                view.write_csv(Path(tmp) / f"plain-{n}.csv")
                plain.append(time.perf_counter() - start)
    ref = statistics.median(plain)
    e = statistics.median(exports)
    print(f"reference: plain polars write_csv of the {rows:,} rows {ref * 1000:.0f} ms")
    print(
        f"e -> CSV written, dialog closed: median {e * 1000:.0f} ms ({e / ref:.2f}x the reference); "
        f"longest the UI went without running: {max(gaps) * 1000:.0f} ms"
    )
    print(f"Y on {rows:,} rows -> refusal shown: median {statistics.median(copies) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.repeat))


if __name__ == "__main__":
    main()
