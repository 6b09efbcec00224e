"""Outside-in latency of cityrank-tui beside VisiData (vd) and dataframe-textual (dv).

Every program runs in a real terminal (tmux); keys go in with `tmux send-keys` and the screen is
polled with `tmux capture-pane` until the result shows, so each figure is what a person waits for,
with the terminal's own costs in it. Peers are optional: one that is not installed (in its own
environment, see VD and DV below) is skipped with one line. Everything runs in one session, pair by
pair, so the ratios hold on a busy machine; each figure is the median of --runs.

1. start to first paint, at 80x24 and 120x40: the floor is a Textual app that imports polars and
   paints one word (as bench/startup.py); "textual only" is the same app without polars (what a
   first frame drawn before polars is imported could come down to: polars' import is the
   difference); cityrank-tui until its first table (the summary line, with every bundled
   edition); vd and dv until a cell of a 3-row CSV shows.
2. a --rows CSV (bench/import_csv.py's) to first rows on screen: cityrank-tui runs `import` then
   opens on that tab (bench/open_file.py times `cityrank-tui open FILE` beside dv); vd and dv
   open the file.
3. in that session: cityrank-tui's `/`, a first search key, a later search key (the rows a search
   keeps reach the screen), Esc (the view before the search is back), and a sort (rank, reversed:
   the first time that order is asked for); vd and dv: a reversed sort of the first column (`]`).
   vd's and dv's search keys move a cursor to the next match instead of keeping the matching rows:
   not the same work, so not timed here.

   With --every-edition, cityrank-tui is also started on each bundled edition's tab (config.toml's
   start_tab), in the same alternation; the slowest edition and the median over editions are
   given beside vd.

    python bench/peers.py [--rows 1000000] [--runs 3] [--skip-peers] [--paint-only]
        [--other-src DIR] [--every-edition]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VD = Path(os.environ.get("CITYRANK_BENCH_VD", "/tmp/peers/vd/bin/vd"))
DV = Path(os.environ.get("CITYRANK_BENCH_DV", "/tmp/peers/dv/bin/dv"))
TIMEOUT = 120.0
POLL = 0.004

FLOOR = """
import polars
from textual.app import App
from textual.widgets import Static

class Floor(App):
    def compose(self):
        yield Static("FLOOR-READY")

Floor().run()
"""


class Term:
    """One program in a tmux session of its own."""

    count = 0

    def __init__(self, command: list[str], size: tuple[int, int], env: dict[str, str]) -> None:
        Term.count += 1
        self.name = f"cityrank-peers-{os.getpid()}-{Term.count}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"env {exports} {shlex.join(command)}"
        command_line = [
            "tmux",
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            line,
        ]
        for _ in range(3):
            # A new session can meet the tmux server on its way out (the last session just
            # closed): "server exited unexpectedly". It is started again, timed from then.
            self.started = time.perf_counter()
            made = subprocess.run(command_line, check=False, capture_output=True, text=True)
            if made.returncode == 0:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"tmux new-session failed: {made.stderr.strip()}")

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def send(self, *keys: str, literal: bool = False) -> float:
        """Send keys; returns the time just before they went, to time from."""
        start = time.perf_counter()
        subprocess.run(
            ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True
        )
        return start

    def wait(self, shown: Callable[[str], bool], since: float, what: str) -> float:
        """Seconds from `since` until `shown(screen)`; raises after TIMEOUT."""
        while time.perf_counter() - since < TIMEOUT:
            if shown(self.screen()):
                return time.perf_counter() - since
            time.sleep(POLL)
        raise TimeoutError(f"{what}: not on screen after {TIMEOUT:.0f} s:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False, capture_output=True)


def has(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def box_shows(typed: str, rows: int) -> Callable[[str], bool]:
    """The search box holds `typed` and how many rows it keeps (fewer than all: the count of
    the rows before the key is not the answer)."""
    found = re.compile(rf"▌ {re.escape(typed)} +([\d,]+) of {rows:,}")

    def shown(screen: str) -> bool:
        match = found.search(screen)
        return match is not None and match.group(1) != f"{rows:,}"

    return shown


def top_rows_have(pattern: str) -> Callable[[str], bool]:
    """The first rows of the table (not a status line) show `pattern`."""
    found = re.compile(pattern)
    return lambda screen: any(found.search(line) for line in screen.splitlines()[1:6])


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms" if values else "  (not measured)"


def first_paint(
    command: list[str], marker: str, size: tuple[int, int], env: dict[str, str]
) -> float:
    term = Term(command, size, env)
    try:
        return term.wait(has(marker), term.started, f"{command[0]} first paint")
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-paint", action="store_true", help="only the large-file part")
    parser.add_argument("--paint-only", action="store_true", help="only start to first paint")
    parser.add_argument(
        "--other-src",
        type=Path,
        help="also time the first paint of cityrank-tui from another checkout's src/ folder "
        "(e.g. main's, to compare a branch with it in one run)",
    )
    parser.add_argument(
        "--every-edition",
        action="store_true",
        help="also time cityrank-tui's first paint starting on each bundled edition's tab",
    )
    args = parser.parse_args()
    if subprocess.run(["tmux", "-V"], capture_output=True, check=False).returncode:
        sys.exit("bench/peers.py needs tmux")
    python = sys.executable
    app = [python, "-c", "from cityrank_tui.cli import main; raise SystemExit(main())"]
    peers = {}
    for name, path in (("vd", VD), ("dv", DV)):
        if args.skip_peers or not path.exists():
            print(
                f"{name}: skipped ({'--skip-peers' if args.skip_peers else f'{path} is not installed'})"
            )
        else:
            peers[name] = path

    import compileall

    import cityrank_tui

    compileall.compile_dir(os.path.dirname(cityrank_tui.__file__), quiet=1)  # as pip install does

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dirs = {k: root / k.lower() for k in ("CONFIG", "STATE", "DATA")}
        for folder in dirs.values():
            folder.mkdir()
        env = {f"CITYRANK_{k}_DIR": str(v) for k, v in dirs.items()}
        env["TERM"] = os.environ.get("TERM", "xterm-256color")
        floor = root / "floor.py"
        floor.write_text(FLOOR)
        textual_only = root / "textual_only.py"
        textual_only.write_text(FLOOR.replace("import polars\n", "", 1))
        editions: dict[str, dict[str, str]] = {}  # edition -> its own config and state folders
        if args.every_edition:
            from cityrank_tui.core.catalog import Catalog

            for info in Catalog().indexes.values():
                if info.bundled:
                    config, state = root / f"config-{info.id}", root / f"state-{info.id}"
                    config.mkdir()
                    state.mkdir()
                    (config / "config.toml").write_text(f'start_tab = "{info.id}"\n')
                    editions[info.id] = {
                        "CITYRANK_CONFIG_DIR": str(config),
                        "CITYRANK_STATE_DIR": str(state),
                    }
        tiny = root / "tiny.csv"
        tiny.write_text("Rank,City,Tier\n1,Alphaville,Alpha\n2,Betatown,Beta\n3,Gammacity,Gamma\n")

        # 1. start to first paint
        sizes = () if args.skip_paint else ((80, 24), (120, 40))
        print(f"start to first paint (median of {args.runs}; every program reads nothing large):")
        for size in sizes:
            programs: dict[str, tuple[list[str], str, dict[str, str]]] = {
                "floor": ([python, str(floor)], "FLOOR-READY", env),
                "textual only": ([python, str(textual_only)], "FLOOR-READY", env),
                "cityrank-tui": (app, "row 1 of", env),
                **(
                    {"other src": (["env", f"PYTHONPATH={other}", *app], "row 1 of", env)}
                    if (other := args.other_src)
                    else {}
                ),
                **{
                    f"edition {edition}": (app, "row 1 of", {**env, **own})
                    for edition, own in editions.items()
                },
                **{name: ([str(path), str(tiny)], "Betatown", env) for name, path in peers.items()},
            }
            times: dict[str, list[float]] = {name: [] for name in programs}
            for command, marker, run_env in programs.values():  # warm the file cache
                first_paint(command, marker, size, run_env)
            for _ in range(args.runs):  # alternately, so a busy moment hits all of them
                for name, (command, marker, run_env) in programs.items():
                    times[name].append(first_paint(command, marker, size, run_env))
            floor_ms = statistics.median(times["floor"])
            ours = statistics.median(times["cityrank-tui"])
            for name, ts in times.items():
                if name.startswith("edition "):
                    continue  # summed up below
                extra = (
                    ""
                    if name == "floor"
                    else f"  {statistics.median(ts) / floor_ms:.2f}x the floor"
                )
                if name in peers:
                    extra += f"; cityrank-tui is {ours / statistics.median(ts):.2f}x {name}"
                    if "textual only" in times:
                        bound = statistics.median(times["textual only"]) / statistics.median(ts)
                        extra += f", textual only {bound:.2f}x"
                print(f"  {size[0]}x{size[1]} {name:13} {median_ms(ts)}{extra}")
            if editions:
                each = {e: statistics.median(times[f"edition {e}"]) for e in editions}
                slowest = max(each, key=lambda e: each[e])
                middle = statistics.median(each.values())
                vs = {n: statistics.median(times[n]) for n in peers}
                print(
                    f"  {size[0]}x{size[1]} every edition ({len(each)}): slowest {slowest} "
                    f"{each[slowest] * 1000:.0f} ms, median {middle * 1000:.0f} ms"
                    + "".join(
                        f"; {each[slowest] / t:.2f}x / {middle / t:.2f}x {n}" for n, t in vs.items()
                    )
                )
        if args.other_src:
            print(f"  (other src: {args.other_src})")
        if args.paint_only:
            return

        # 2. a large file to first rows, 3. keys in that session
        from import_csv import make_csv

        csv = root / "big.csv"
        made = time.perf_counter()
        make_csv(csv, args.rows)
        print(
            f"\n{args.rows:,}-row CSV ({csv.stat().st_size / 1e6:.0f} MB) made in {time.perf_counter() - made:.1f} s"
        )

        def count(text: str) -> str:
            """How many rows of make_csv's file a search finds: 'Town n' on 9 rows of 10."""
            return f"{sum(1 for n in range(args.rows) if n % 10 and text in f'town {n}'):,}"

        # make_csv's row with rank r holds 'Town {r - 1}' (a bundled name on every 10th row)
        top_text = max((str(r) for r in range(1, args.rows + 1)), key=lambda t: t)
        first_after_sort = {
            "vd": rf"\bTown {int(top_text) - 1}\b",
            "dv": rf"\bTown {args.rows - 1}\b",
        }
        results: dict[str, dict[str, list[float]]] = {}
        for run in range(args.runs):
            data = root / f"data{run}"
            data.mkdir()
            run_env = {**env, "CITYRANK_DATA_DIR": str(data)}
            (dirs["CONFIG"] / "config.toml").write_text('start_tab = "big-2026"\n')
            got = results.setdefault("cityrank-tui", {})
            start = time.perf_counter()
            subprocess.run(
                [*app, "import", str(csv), "--id", "big-2026", "--name", "Big"],
                check=True,
                env={**os.environ, **run_env},
                capture_output=True,
            )
            imported = time.perf_counter() - start
            term = Term(app, (120, 40), run_env)
            try:
                opened = term.wait(has(f"of {args.rows:,}"), term.started, "cityrank-tui big tab")
                got.setdefault("import (CLI)", []).append(imported)
                got.setdefault("file -> first rows", []).append(imported + opened)
                since = term.send("/")
                got.setdefault("/ -> search box", []).append(
                    term.wait(has("search names and aliases"), since, "search box")
                )
                # the search box, in the summary line's place, shows what is typed and, on its
                # right, how many rows match ("▌ t    970,039 of 1,000,000")
                since = term.send("t", literal=True)
                got.setdefault("first search key", []).append(
                    term.wait(box_shows("t", args.rows), since, "first key")
                )
                term.send("own 1234", literal=True)
                term.wait(
                    has(f" {count('town 1234')} of {args.rows:,}"), time.perf_counter(), "town 1234"
                )
                since = term.send("5", literal=True)
                got.setdefault("later search key", []).append(
                    term.wait(has(f" {count('town 12345')} of {args.rows:,}"), since, "town 12345")
                )
                since = term.send("Escape")
                got.setdefault("Esc -> view back", []).append(
                    term.wait(has("no filter"), since, "Esc")
                )
                term.send("o")
                term.wait(has("Sort by"), time.perf_counter(), "sort picker")
                since = term.send("Enter")
                got.setdefault("sort (rank reversed, cold)", []).append(
                    term.wait(has("sort Rank ▼"), since, "sort")
                )
            finally:
                term.close()
            for name, path in peers.items():
                got = results.setdefault(name, {})
                term = Term([str(path), str(csv)], (120, 40), env)
                try:
                    got.setdefault("file -> first rows", []).append(
                        term.wait(top_rows_have(r"\bTown 1\b"), term.started, f"{name} first rows")
                    )
                    # every row read first: vd reads in the background and counts up as it goes
                    term.wait(
                        has(f"{args.rows:,} rows") if name == "dv" else has(f"{args.rows} rows"),
                        time.perf_counter(),
                        f"{name} all rows",
                    )
                    since = term.send("]")
                    # vd sorts the CSV's text ('999999' first), dv its numbers (1000000 first)
                    got.setdefault("sort (first column reversed)", []).append(
                        term.wait(top_rows_have(first_after_sort[name]), since, f"{name} sort")
                    )
                except TimeoutError as exc:
                    print(f"  {name}: {str(exc).splitlines()[0]}")
                finally:
                    term.close()
        print(f"a {args.rows:,}-row CSV in a 120x40 terminal (median of {args.runs}):")
        ours = results["cityrank-tui"]["file -> first rows"]
        for name, measures in results.items():
            for label, ts in measures.items():
                extra = ""
                if name in peers and label == "file -> first rows":
                    extra = f"  (cityrank-tui is {statistics.median(ours) / statistics.median(ts):.2f}x {name})"
                print(f"  {name:13} {label:30} {median_ms(ts)}{extra}")


if __name__ == "__main__":
    main()
