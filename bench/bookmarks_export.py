"""`bookmarks export` of many bookmarks (default 50,000), each a process as the user runs it.

The bookmarks: every bundled city, the 20,000 cities an imported list of 20,000 names made
(ranked in it), and the rest ids no longer in the data, each with a note and a watchlist.
For each format, the command's wall time and peak memory (the child's maxrss), against the
reference measured in the same run: a process that loads the same bookmarks file and writes
its rows as indented JSON with no standings (`json.dumps`). Reading 50,000 bookmarks from
TOML is most of the reference: it is the part no export can skip.

    python bench/bookmarks_export.py [--bookmarks 50000] [--repeat 3] [--formats json,csv]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORTED = 20_000

REFERENCE = """
import json, sys
from cityrank_tui.store.bookmarks import Bookmarks
rows = [b.to_dict() for b in Bookmarks.load()]
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    handle.write(json.dumps({"title": "Bookmarks", "rows": rows}, ensure_ascii=False, indent=2))
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak resident memory (bytes) of one child
    process. On a busy machine the wall time is mostly waiting for a core: compare CPU times."""
    start = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    err = child.stderr.read().decode() if child.stderr else ""
    if status:
        raise SystemExit(f"{' '.join(args)} failed: {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def setup(folder: Path, count: int, env: dict[str, str]) -> None:
    import tomli_w

    from cityrank_tui.core.catalog import Catalog

    names = folder / "list.csv"
    with names.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["rank", "city", "country", "score"])
        for n in range(1, IMPORTED + 1):
            out.writerow([n, f"Placeville {n}", "France" if n % 2 else "Kenya", 100 - n / 1000])
    command = [sys.executable, "-m", "cityrank_tui", "import", str(names), "--id", "big"]
    subprocess.run(
        [*command, "--name", "Big list", "--attribution", "Bench list"],
        env=env,
        check=True,
        capture_output=True,
    )
    catalog = Catalog(user_dir=folder)
    ids = list(catalog.cities["city_id"])[:count]
    ids += [f"gone-{n}-xx" for n in range(count - len(ids))]
    marks = [
        {
            "city_id": city_id,
            "name": f"Ville {n} ☆",
            "note": f"note {n}",
            "lists": ["Shortlist", "Asia hubs"][: n % 3],
            "added": f"2026-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}",
        }
        for n, city_id in enumerate(ids)
    ]
    (folder / "bookmarks.toml").write_text(tomli_w.dumps({"bookmarks": marks}), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookmarks", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="json,csv")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "CITYRANK_CONFIG_DIR": tmp,
            "CITYRANK_STATE_DIR": tmp,
            "CITYRANK_DATA_DIR": tmp,
        }
        setup(folder, options.bookmarks, env)
        ref: list[tuple[float, float, int]] = []
        results: dict[str, list[tuple[float, float, int]]] = {}
        sizes: dict[str, int] = {}
        for n in range(options.repeat):
            ref.append(run([sys.executable, "-c", REFERENCE, f"{tmp}/ref-{n}.json"], env))
            for fmt in options.formats.split(","):
                target = f"{tmp}/export-{n}.{fmt}"
                command = [sys.executable, "-m", "cityrank_tui", "bookmarks", "export"]
                results.setdefault(fmt, []).append(
                    run([*command, "--format", fmt, "--output", target], env)
                )
                sizes[fmt] = Path(target).stat().st_size
                Path(target).unlink()
        wall0, cpu0, memory0 = summary(ref)
        print(
            f"reference: load {options.bookmarks:,} bookmarks and write them as indented JSON "
            f"(no standings): median {wall0:.2f} s wall, {cpu0:.2f} s CPU, {memory0 / 2**20:.0f} MiB"
        )
        for fmt, runs in results.items():
            wall, cpu, memory = summary(runs)
            print(
                f"bookmarks export --format {fmt}: median {wall:.2f} s wall ({wall / wall0:.2f}x), "
                f"{cpu:.2f} s CPU ({cpu / cpu0:.2f}x the reference), peak {memory / 2**20:.0f} MiB "
                f"({memory / memory0:.2f}x), {sizes[fmt] / 2**20:.0f} MiB written"
            )


def summary(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Median wall and CPU seconds, and the largest peak memory."""
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


if __name__ == "__main__":
    main()
