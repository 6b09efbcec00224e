"""Palette city search per keystroke with a large import (default 1,000,000 rows).

Imports bench/import_csv.py's CSV through the real `cityrank-tui import` (every 10th row a
bundled city, the rest new cities), then opens the app headless, opens the palette and times,
for each keystroke of a query, the palette's own provider answering it (every hit collected,
as the palette does before it shows them). The reference in the same run is one plain polars
`str.contains` over the folded names of every city: the least a search over them all reads.
The first opening is timed as a user meets it, after a moment on the first screen (the app
builds the city names on a worker thread once the first frame is painted), then as it was
before that (the names built on opening).

    python bench/palette.py [--rows 1000000] [--repeat 3]
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

CLI = "import sys; from cityrank_tui.cli import main; sys.exit(main(sys.argv[1:]))"
QUERIES = ("Profile of Town 12345", "zurich", "Jump to Seoul")


async def measure(repeat: int) -> None:
    import polars as pl

    from cityrank_tui.core.textnorm import fold_expr
    from cityrank_tui.tui import city_search
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.providers import CityRankCommands

    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # A user who looks at the first screen for a moment before ctrl+p: the app builds the
        # city names meanwhile (app.warm_idle), so the first opening finds them built.
        idle = time.perf_counter()
        while app.catalog not in city_search._NAMES:
            await asyncio.sleep(0.01)
        idle = time.perf_counter() - idle
        start = time.perf_counter()
        await CityRankCommands(app.screen).startup()
        warm = time.perf_counter() - start
        city_search._NAMES.pop(app.catalog)  # the figures below: the names built on opening
        start = time.perf_counter()
        names = app.catalog.cities.select(fold_expr(pl.col("name")).alias("folded"))
        built = time.perf_counter() - start
        print(f"{names.height:,} cities; folding every name takes {built * 1000:.0f} ms")
        reference = []
        for _ in range(repeat):
            start = time.perf_counter()
            names["folded"].str.contains("town 1", literal=True)
            reference.append(time.perf_counter() - start)
        ref = statistics.median(reference)
        print(f"reference: one polars str.contains over every folded name {ref * 1000:.1f} ms")
        print(
            f"first palette opening after the app was idle ({idle * 1000:.0f} ms after the first "
            f"frame the names were built): {warm * 1000:.0f} ms ({warm / ref:.2f}x the reference);"
            " built on opening instead: the first query's 'palette opening … the first time'"
        )
        for query in QUERIES:
            await one_query(app, CityRankCommands, query, repeat, ref)


async def one_query(app: Any, provider_class: Any, query: str, repeat: int, ref: float) -> None:
    per_key: list[list[float]] = [[] for _ in query]
    found: list[str] = []
    opening = []
    for _ in range(repeat):
        provider = provider_class(app.screen)
        start = time.perf_counter()
        await provider.startup()
        opening.append(time.perf_counter() - start)
        for n in range(len(query)):
            start = time.perf_counter()
            try:
                hits = [hit async for hit in provider.search(query[: n + 1])]
            except Exception as exc:
                print(f"{query!r}: the search of {query[: n + 1]!r} failed: {exc!r}")
                return
            per_key[n].append(time.perf_counter() - start)
        found = [str(h.text) for h in sorted(hits, key=lambda h: -h.score)[:2]]
    medians = [statistics.median(t) for t in per_key]
    print(
        f"{query!r}: per keystroke median {statistics.median(medians) * 1000:.1f} ms, "
        f"worst key {max(medians) * 1000:.1f} ms ({max(medians) / ref:.2f}x the reference); "
        f"palette opening {opening[0] * 1000:.0f} ms the first time, then "
        f"{statistics.median(opening[1:] or opening) * 1000:.0f} ms; best hits {found}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from import_csv import make_csv

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        csv = Path(tmp) / "big.csv"
        make_csv(csv, args.rows)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CLI, "import", str(csv), "--id", "big-2026", "--name", "Big"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(f"imported {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
        asyncio.run(measure(args.repeat))


if __name__ == "__main__":
    main()
