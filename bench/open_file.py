"""`cityrank-tui open FILE` against dataframe-textual (`dv FILE`) on the same 1,000,000-row CSV,
measured outside-in in the same run: each program is started in a detached tmux session and
its screen polled (every 5 ms) until the figure shows.

- first rows: the file's second row ("Town 1") is on screen (cityrank-tui and dv);
- all rows: the summary line says "1,000,000 of 1,000,000" (every row read and checked;
  search, filters and sort work on all of them);
- linked: the notification "names linked to cities" (cities known: profile and bookmark work).

Runs alternate (cityrank-tui, dv) `--runs` times; medians, best in brackets. dv is skipped with
one line when /tmp/peers/dv/bin/dv (or --dv) is absent. The CSV is bench/import_csv.py's.
`--base CMD` also runs another build of cityrank-tui (e.g. a wrapper running main's code) in
the same alternation, so a change is measured against what it changes under the same load.

    python bench/open_file.py [--rows 1000000] [--runs 3] [--size 120x40] [--base CMD]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_csv import make_csv

POLL = 0.005


def screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def timed(
    session: str, command: str, marks: dict[str, str], size: str, timeout: float = 120
) -> dict[str, float]:
    """Seconds from starting `command` until each mark's text is on screen."""
    width, height = size.split("x")
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    for attempt in range(3):  # a tmux server ending as another's last session closes
        start = time.perf_counter()
        started = subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", width, "-y", height, command],
            capture_output=True,
            check=False,
        )
        if started.returncode == 0:
            break
        if attempt == 2:
            raise SystemExit(f"tmux could not start {command}: {started.stderr.decode().strip()}")
        time.sleep(0.5)
    seen: dict[str, float] = {}
    try:
        while len(seen) < len(marks) and time.perf_counter() - start < timeout:
            shown = screen(session)
            for name, text in marks.items():
                if name not in seen and text in shown:
                    seen[name] = time.perf_counter() - start
            time.sleep(POLL)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    missing = set(marks) - set(seen)
    if missing:
        raise SystemExit(f"{command}: {', '.join(sorted(missing))} not seen in {timeout:.0f} s")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24")
    parser.add_argument("--dv", default="/tmp/peers/dv/bin/dv")
    parser.add_argument("--base", help="another cityrank-tui command, measured alongside")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "big.csv"
        make_csv(csv, args.rows)
        for folder in ("config", "state", "data"):
            (Path(tmp) / folder).mkdir()
        env = (
            f"CITYRANK_CONFIG_DIR={tmp}/config CITYRANK_STATE_DIR={tmp}/state "
            f"CITYRANK_DATA_DIR={tmp}/data"
        )
        exe = Path(sys.executable).with_name("cityrank-tui")
        builds = {"": f"env {env} {exe} open {csv}"}
        if args.base:
            builds["base "] = f"env {env} {args.base} open {csv}"
        marks = {
            "first rows": "Town 1",
            "all rows": f"{args.rows:,} of {args.rows:,}",
            # the status "linking cities…" gone from the summary line (the notification
            # says what linking found, or "names linked" when it found nothing to say)
            "linked": f"{args.rows:,} of {args.rows:,} · no filter",
        }
        dv = args.dv if os.access(args.dv, os.X_OK) else None
        if dv is None:
            print(f"dv skipped: {args.dv} is not installed")
        results: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for build, ours in builds.items():
                seen = timed(f"bench-open-{os.getpid()}", ours, marks, args.size)
                for name, seconds in seen.items():
                    results.setdefault(build + name, []).append(seconds)
            if dv is not None:
                seconds = timed(
                    f"bench-open-dv-{os.getpid()}", f"{dv} {csv}", {"x": "Town 1"}, args.size
                )["x"]
                results.setdefault("dv first rows", []).append(seconds)
        load = ", load " + " ".join(f"{n:.2f}" for n in os.getloadavg())
        print(f"{args.rows:,} rows at {args.size}, {args.runs} runs{load}, median (best) seconds:")
        reference = statistics.median(results["dv first rows"]) if dv else None
        for name, runs in results.items():
            median = statistics.median(runs)
            ratio = f"  {median / reference:5.2f} × dv first rows" if reference else ""
            print(f"  {name:<20} {median:6.2f} ({min(runs):5.2f}){ratio}")


if __name__ == "__main__":
    main()
