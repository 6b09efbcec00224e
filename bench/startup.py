"""Whole-process time from launch to the first painted table, headless, against a bare baseline.

The baseline is a bare Textual app that imports polars and shows one line. Both are run
alternately in fresh processes in one run, so the ratio is fair on a noisy machine; the
median is the figure to judge, the best run of each shows the cost with the least noise.
Ours starts as `cityrank-tui` does (the CLI's `main` with no arguments), at 80x24 and 120x40,
and stops at its first table, drawn from first_screen.json before polars is imported (the tab's
own frame, read after it, is not timed: bench/startup_steps.py's last step).

Each process's CPU time (user + system, its threads included) is reported beside its wall
time: on a machine shared with other work the wall time of a 0.6 s start swings by ±30 %, the
CPU time much less, so a change of a few per cent shows there first.

Our modules are byte-compiled first, as `pip install .` does for users: in an editable
install with PYTHONDONTWRITEBYTECODE set (as on our shared machines) every launch would
otherwise recompile them, a cost users never pay and the baseline's libraries do not pay.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = """
import sys
import polars
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("one line")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(int(sys.argv[1]), int(sys.argv[2])))
"""

# The CLI's own entry with no arguments (as `cityrank-tui` starts), the app run headless at the
# size asked for and stopped once its first table is painted. Only the CLI is imported here: the
# app, polars and Textual are imported where `cityrank-tui` imports them (in run_app, which the
# CLI calls with cycle collection off until the first frame), not before main() as a harness
# would by default.
OURS = """
import sys
from cityrank_tui import cli
from cityrank_tui.tui import run

SIZE = (int(sys.argv[1]), int(sys.argv[2]))
real_run_app = run.run_app

def timed_run_app(opening=None):
    from cityrank_tui.core import lazypolars

    lazypolars.install()  # as run_app does before it imports the app
    from cityrank_tui.tui import app as app_module

    class Timed(app_module.CityRankApp):
        def on_mount(self):
            super().on_mount()
            self.set_interval(0.002, self._check)

        def _check(self):
            try:  # the first table, also while drawn from first_screen.json
                tables = self.screen.query("RankTable")
            except Exception:  # the main screen is not composed yet
                return
            if any(table.painted for table in tables):
                self.exit()

        def run(self, *args, **kwargs):
            return super().run(headless=True, size=SIZE)

    app_module.CityRankApp = Timed
    # the first table is what is timed: the tab's frame, read after it (polars' import), is not
    from cityrank_tui.tui.screens.main import MainScreen

    MainScreen._realise_after_first_frame = lambda self: None
    return real_run_app(opening)

run.run_app = timed_run_app
cli.has_terminal = lambda: True  # headless: no terminal is needed
raise SystemExit(cli.main([]))
"""


def timed(code: str, env: dict[str, str], size: tuple[int, int]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the child's threads included) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *map(str, size)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import cityrank_tui

    compileall.compile_dir(os.path.dirname(cityrank_tui.__file__), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CITYRANK_CONFIG_DIR": tmp,
            "CITYRANK_DATA_DIR": tmp,
            "CITYRANK_STATE_DIR": tmp,
        }
        for size in ((80, 24), (120, 40)):
            timed(OURS, env, size)  # warm the file cache for both
            timed(BASELINE, env, size)
            base: list[tuple[float, float]] = []
            ours: list[tuple[float, float]] = []
            for _ in range(args.runs):
                base.append(timed(BASELINE, env, size))
                ours.append(timed(OURS, env, size))
            report(size, base, ours, args.runs)


def report(
    size: tuple[int, int],
    base: list[tuple[float, float]],
    ours: list[tuple[float, float]],
    runs: int,
) -> None:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    bw, bc = [w for w, _ in base], [c for _, c in base]
    ow, oc = [w for w, _ in ours], [c for _, c in ours]
    b, o = statistics.median(bw), statistics.median(ow)
    print(f"{size[0]}x{size[1]}, {runs} runs each, alternately:")
    print(
        f"  baseline (bare Textual + polars): wall median {ms(b)}, best {ms(min(bw))}; "
        f"CPU median {ms(statistics.median(bc))}"
    )
    print(
        f"  cityrank-tui to first table:      wall median {ms(o)}, best {ms(min(ow))}; "
        f"CPU median {ms(statistics.median(oc))}"
    )
    print(
        f"  ratio: {o / b:.2f}x of the wall medians (target <= 1.1x); "
        f"{min(ow) / min(bw):.2f}x of the best runs; "
        f"{statistics.median(oc) / statistics.median(bc):.2f}x of the CPU medians"
    )


if __name__ == "__main__":
    main()
