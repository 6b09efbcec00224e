"""Where the start's CPU time goes, step by step, beside the floor (Textual + polars, one Static).

Each step is the process's CPU time (its threads included) between two marks, headless, from
after Python's own start to the first frame Textual draws; the median of --runs fresh processes
of each. A step that only cityrank-tui has is its own cost; the floor's steps are what any
Textual app that imports polars pays. "textual only" (the floor's Textual import and its first
frame, without polars) is what a first frame drawn before polars is imported could come down
to. cityrank-tui draws its first tab from first_screen.json before polars is imported
(core/lazypolars.py): its "real view" step, after the first frame, is polars' import and the
tab given its frame read from the Parquet (MainScreen.realise; the screen does not change).
bench/peers.py times the same programs outside-in, beside VisiData.

    python bench/startup_steps.py [--runs 9] [--size 80x24]
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile

# Marks: after Textual's import, after polars', after the app's own modules, then (ours only)
# the catalogue read and the app object made, and the first frame handed to the terminal.
PROBE = """
import json, sys, time
P = time.process_time
marks = {"start": P()}
from textual.app import App
shown = App._display
def done(app):
    print("MARKS" + json.dumps(marks), file=sys.__stderr__)
    app.call_later(app.exit)
def _display(self, screen, renderable):
    if renderable is not None and "first frame" not in marks:
        marks["first frame"] = P()
        if not getattr(screen, "previewing", False):
            done(self)
        else:  # drawn from first_screen.json: until the tab has its frame (nothing is redrawn)
            realise = type(screen).realise
            def realised(screen):
                realise(screen)
                marks["real view"] = P()
                done(screen.app)
            type(screen).realise = realised
    return shown(self, screen, renderable)
App._display = _display
marks["textual"] = P()
SIZE = tuple(int(n) for n in sys.argv[1].split("x"))
"""

FLOOR = """
import polars
marks["polars"] = P()
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("FLOOR-READY")
marks["app modules"] = P()
Floor().run(headless=True, size=SIZE)
"""

# As `cityrank-tui` starts (the CLI's main with no arguments), headless at SIZE.
OURS = """
from cityrank_tui import cli
from cityrank_tui.tui import run
real_run_app = run.run_app
def marked_run_app(opening=None):
    from cityrank_tui.core import lazypolars
    lazypolars.install()  # as run_app does first
    from cityrank_tui.tui import app as app_module
    marks["app modules"] = P()
    made = app_module.CityRankApp.__init__
    def init(self, *args, **kwargs):
        marks["catalogue"] = P()
        made(self, *args, **kwargs)
        marks["app made"] = P()
    app_module.CityRankApp.__init__ = init
    app_run = app_module.CityRankApp.run
    app_module.CityRankApp.run = lambda self, *a, **k: app_run(self, headless=True, size=SIZE)
    return real_run_app(opening)
run.run_app = marked_run_app
cli.has_terminal = lambda: True
cli.main([])
"""


def marks(code: str, size: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE + code, size],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MARKS"))
    found: dict[str, float] = json.loads(line.removeprefix("MARKS"))
    return found


def steps(runs: list[dict[str, float]]) -> dict[str, float]:
    names = list(runs[0])
    out = {
        f"{a} -> {b}": statistics.median(r[b] - r[a] for r in runs)
        for a, b in itertools.pairwise(names)
    }
    out["total to first frame"] = statistics.median(r["first frame"] - r["start"] for r in runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    import cityrank_tui

    compileall.compile_dir(os.path.dirname(cityrank_tui.__file__), quiet=1)  # as pip install does
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CITYRANK_CONFIG_DIR": tmp,
            "CITYRANK_DATA_DIR": tmp,
            "CITYRANK_STATE_DIR": tmp,
        }
        floor: list[dict[str, float]] = []
        ours: list[dict[str, float]] = []
        for _ in range(args.runs):  # alternately, so a busy moment hits both
            floor.append(marks(FLOOR, args.size, env))
            ours.append(marks(OURS, args.size, env))
    f, o = steps(floor), steps(ours)
    print(
        f"CPU ms from after Python's start to the first frame, {args.size}, median of {args.runs}:"
    )
    for name, table in (("floor", f), ("cityrank-tui", o)):
        print(f"  {name}")
        for step, seconds in table.items():
            print(f"    {step:32} {seconds * 1000:6.0f}")
    textual_only = f["start -> textual"] + f["app modules -> first frame"]
    ours_first = o["total to first frame"]
    print(
        f"  textual only (the floor less polars' import) {textual_only * 1000:.0f}; "
        f"cityrank-tui to its first frame {ours_first * 1000:.0f} "
        f"({ours_first / textual_only:.2f}x textual only)"
    )


if __name__ == "__main__":
    main()
