"""Memory held per row with a 1,000,000-row imported index open, against the same CSV read
with a plain `polars.read_csv`, measured in the same run.

The CSV of bench/import_csv.py is imported once with `cityrank-tui import`. Then, each in a
fresh child process:

- ours: the catalogue (indexes, cities) is loaded as the app loads it, RSS noted; then the
  imported index's entries and the ViewCache an index pane builds over them; RSS again.
  Figure: (RSS after - RSS before) / rows, plus `frame.estimated_size()` / rows and chunks;
- reference: RSS after `import polars`, then after `polars.read_csv(FILE)`; the same figures.

    python bench/memory.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_csv import make_csv

RSS = """
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
"""

OURS = (
    RSS
    + """
import gc, json, os, sys
from pathlib import Path
import polars as pl
from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.filters import Sort, ViewCache
cat = Catalog(user_dir=Path(os.environ["CITYRANK_DATA_DIR"]))
cat.indexes, cat.cities, cat.city_names
gc.collect()
before = rss()
frame = cat.entries("big")
cache = ViewCache(frame)
cache.order(Sort())
gc.collect()
after = rss()
print(json.dumps({"rows": frame.height, "delta": after - before,
                  "estimated": frame.estimated_size(), "chunks": max(frame.n_chunks("all"))}))
"""
)

REFERENCE = (
    RSS
    + """
import gc, json, sys
import polars as pl
gc.collect()
before = rss()
frame = pl.read_csv(sys.argv[1])
gc.collect()
after = rss()
print(json.dumps({"rows": frame.height, "delta": after - before,
                  "estimated": frame.estimated_size(), "chunks": max(frame.n_chunks("all"))}))
"""
)


def run(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CITYRANK_CONFIG_DIR": tmp,
            "CITYRANK_STATE_DIR": tmp,
            "CITYRANK_DATA_DIR": str(Path(tmp) / "data"),
        }
        csv = Path(tmp) / "big.csv"
        make_csv(csv, args.rows)
        exe = str(Path(sys.executable).with_name("cityrank-tui"))
        subprocess.run(
            [exe, "import", str(csv), "--id", "big", "--name", "Big"],
            env=env,
            capture_output=True,
            check=True,
        )
        found: dict[str, list[dict[str, float]]] = {"polars.read_csv": [], "ours": []}
        for _ in range(args.runs):
            found["polars.read_csv"].append(run(REFERENCE, str(csv), env=env))
            found["ours"].append(run(OURS, env=env))
        ref = statistics.median(r["delta"] / r["rows"] for r in found["polars.read_csv"])
        print(f"{args.rows:,} rows, {args.runs} runs each, medians")
        print(f"{'':<16} {'RSS B/row':>10} {'× ref':>6} {'estimated B/row':>16} {'chunks':>7}")
        for name, runs in found.items():
            per_row = statistics.median(r["delta"] / r["rows"] for r in runs)
            est = statistics.median(r["estimated"] / r["rows"] for r in runs)
            chunks = max(r["chunks"] for r in runs)
            print(f"{name:<16} {per_row:10.0f} {per_row / ref:6.2f} {est:16.0f} {chunks:7.0f}")


if __name__ == "__main__":
    main()
