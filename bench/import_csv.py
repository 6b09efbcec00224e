"""Import time and peak memory for a 1,000,000-row CSV, through the real `cityrank-tui import`.

The CSV mixes names the catalogue knows (every 10th row is a bundled city, to exercise
linking) with unknown ones (kept as new cities). The import runs in a child process so its
own peak memory is measured (ru_maxrss of the child), then the imported index is opened
in the app headless to check the tab appears and paints.

    python bench/import_csv.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_csv(path: Path, rows: int) -> None:
    import polars as pl

    from cityrank_tui.core.catalog import Catalog

    known = Catalog().cities["name"].to_list()
    names = [known[n // 10 % len(known)] if n % 10 == 0 else f"Town {n}" for n in range(rows)]
    pl.DataFrame(
        {
            "Rank": range(1, rows + 1),
            "City": names,
            "Country": ["" if n % 10 == 0 else f"Land {n % 150}" for n in range(rows)],
            "Score": [round(100 - 100 * n / rows, 3) for n in range(rows)],
            "Tier": [("Alpha", "Beta", "Gamma", "Delta")[n * 4 // rows] for n in range(rows)],
        }
    ).write_csv(path)


async def open_tab(index_id: str) -> float:
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.screen.goto_index(index_id)
        while not (
            app.screen.pane
            and app.screen.pane.info.id == index_id
            and app.screen.pane.table.painted
        ):
            await asyncio.sleep(0.001)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        csv = Path(tmp) / "big.csv"
        t0 = time.perf_counter()
        make_csv(csv, args.rows)
        print(
            f"wrote {args.rows:,} rows ({csv.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t0:.1f} s"
        )
        exe = Path(sys.executable).with_name("cityrank-tui")
        start = time.perf_counter()
        done = subprocess.run(
            [
                str(exe),
                "import",
                str(csv),
                "--id",
                "big",
                "--name",
                "Big",
                "--tiers",
                "Alpha,Beta,Gamma,Delta",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(done.stderr.rstrip())
        if done.returncode:
            raise SystemExit(f"import failed with exit {done.returncode}")
        print(f"import: {took:.1f} s wall, peak RSS of the import process {peak:.0f} MiB")
        print(
            f"opening the imported tab: {asyncio.run(open_tab('big')) * 1000:.0f} ms to first paint"
        )


if __name__ == "__main__":
    main()
