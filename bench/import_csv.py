"""Import time and peak memory for a 1,000,000-row CSV, through the real `cityrank-tui import`,
as ratios to a plain `polars.read_csv` of the same file measured in the same run.

The CSV mixes names the catalogue knows (every 10th row is a bundled city, to exercise
linking) with unknown ones (kept as new cities), and 150 distinct country cells. Each
measured step runs in a child process of its own, waited for with os.wait4, so its wall
time, CPU time and peak RSS (ru_maxrss) are that process's alone:

- reference: `python -c "polars.read_csv(FILE)"` (the floor: Python + polars + reading it);
- first import: `cityrank-tui import FILE --id big …` into an empty data folder;
- re-import: the same command again (replaces `big`; links against the same catalogue);
- other import: the same file as a second id, after `big`: every unknown name links to a new
  city `big` made (900k links to earlier imports' cities);
- unrelated import: a file of the same size whose unknown names are other names ("Village N"),
  after both: linking must not grow with earlier imports (compare with the first import).

Runs alternate (reference, first, re-import, other) `--runs` times; the median is the figure,
the best run shows the cost with the least noise. Each later import's medians are also given
as ratios to the first import's (a later import should cost no more than a first). `--open` also opens the tab headless.

    python bench/import_csv.py [--rows 1000000] [--runs 3] [--open]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_csv(path: Path, rows: int, unknown: str = "Town") -> None:
    import polars as pl

    from cityrank_tui.core.catalog import Catalog

    known = Catalog().cities["name"].to_list()
    names = [known[n // 10 % len(known)] if n % 10 == 0 else f"{unknown} {n}" for n in range(rows)]
    pl.DataFrame(
        {
            "Rank": range(1, rows + 1),
            "City": names,
            "Country": ["" if n % 10 == 0 else f"Land {n % 150}" for n in range(rows)],
            "Score": [round(100 - 100 * n / rows, 3) for n in range(rows)],
            "Tier": [("Alpha", "Beta", "Gamma", "Delta")[n * 4 // rows] for n in range(rows)],
        }
    ).write_csv(path)


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Run one child: (wall s, CPU s, peak RSS MiB, stderr)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(argv[:3])} failed with exit {child.returncode}:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err


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


def _load() -> str:
    """The load average (1, 5, 15 minutes): a figure is for a quiet machine only when it is low."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--open", action="store_true", help="also time opening the tab")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env = {
            **os.environ,
            "CITYRANK_CONFIG_DIR": tmp,
            "CITYRANK_STATE_DIR": tmp,
            "CITYRANK_DATA_DIR": str(data),
        }
        csv = Path(tmp) / "big.csv"
        t0 = time.perf_counter()
        make_csv(csv, args.rows)
        size = csv.stat().st_size / 2**20
        villages = Path(tmp) / "villages.csv"
        make_csv(villages, args.rows, unknown="Village")
        print(f"wrote {args.rows:,} rows ({size:.0f} MiB) in {time.perf_counter() - t0:.1f} s")
        print(f"load average before: {_load()}")
        exe = str(Path(sys.executable).with_name("cityrank-tui"))
        reference = [sys.executable, "-c", "import sys, polars; polars.read_csv(sys.argv[1])"]

        def imp(index_id: str, path: Path = csv) -> list[str]:
            return [exe, "import", str(path), "--id", index_id, "--name", index_id.title()]

        steps = {
            "polars.read_csv": [*reference, str(csv)],
            "first import": imp("big"),
            "re-import": imp("big"),
            "other import": imp("other"),
            "unrelated import": imp("third", villages),
        }
        results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in steps}
        last_err = ""
        for _ in range(args.runs):
            shutil.rmtree(data, ignore_errors=True)
            for name, argv in steps.items():
                wall, cpu, rss, err = measure(argv, env)
                results[name].append((wall, cpu, rss))
                if name == "first import":
                    last_err = err
        print(last_err.rstrip())
        ref_wall = statistics.median(r[0] for r in results["polars.read_csv"])
        ref_cpu = statistics.median(r[1] for r in results["polars.read_csv"])
        ref_rss = statistics.median(r[2] for r in results["polars.read_csv"])
        print(f"load average after: {_load()}")
        print(f"\n{args.rows:,} rows, {args.runs} runs each, medians (best wall in brackets):")
        print(
            f"{'step':<17} {'wall s':>12} {'× ref':>6} {'CPU s':>6} {'× ref':>6} "
            f"{'peak MiB':>9} {'× ref':>6}"
        )
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            best = min(r[0] for r in runs)
            print(
                f"{name:<17} {wall:6.2f} ({best:4.2f}) {wall / ref_wall:6.2f} {cpu:6.2f} "
                f"{cpu / ref_cpu:6.2f} {rss:9.0f} {rss / ref_rss:6.2f}"
            )
        first = results["first import"]
        for later in ("re-import", "other import", "unrelated import"):
            print(
                f"{later} / first import: "
                + ", ".join(
                    f"{what} {statistics.median(r[k] for r in results[later]) / statistics.median(r[k] for r in first):.2f}"
                    for k, what in ((0, "wall"), (1, "CPU"), (2, "peak"))
                )
            )
        if args.open:
            os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp)
            os.environ["CITYRANK_DATA_DIR"] = str(data)
            ms = asyncio.run(open_tab("big")) * 1000
            print(f"opening the imported tab: {ms:.0f} ms to first paint")


if __name__ == "__main__":
    main()
