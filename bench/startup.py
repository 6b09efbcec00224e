"""Whole-process time from launch to the first painted table, headless, against a bare baseline.

The baseline is a bare Textual app that imports polars and shows one line. Both are run
alternately in fresh processes in one run, so the ratio is fair on a noisy machine; the
median is the figure to judge, the best run of each shows the cost with the least noise.

Our modules are byte-compiled first, as `pip install .` does for users: in an editable
install with PYTHONDONTWRITEBYTECODE set (as on our shared machines) every launch would
otherwise recompile them, a cost users never pay and the baseline's libraries do not pay.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = """
import polars
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("one line")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(80, 24))
"""

OURS = """
from cityrank_tui.tui.app import CityRankApp

class Timed(CityRankApp):
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.002, self._check)

    def _check(self):
        try:
            pane = self.screen.pane
        except Exception:  # the main screen is not composed yet
            return
        if pane is not None and pane.table.painted:
            self.exit()

Timed().run(headless=True, size=(80, 24))
"""


def timed(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


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
        timed(OURS, env)  # warm the file cache for both
        timed(BASELINE, env)
        base, ours = [], []
        for _ in range(args.runs):
            base.append(timed(BASELINE, env))
            ours.append(timed(OURS, env))
    b, o = statistics.median(base), statistics.median(ours)
    print(
        f"baseline (bare Textual + polars): median {b * 1000:.0f} ms, best {min(base) * 1000:.0f} ms "
        f"over {args.runs} runs"
    )
    print(
        f"cityrank-tui to first table:      median {o * 1000:.0f} ms, best {min(ours) * 1000:.0f} ms "
        f"over {args.runs} runs"
    )
    print(
        f"ratio: {o / b:.2f}x of the medians (target <= 1.3x); {min(ours) / min(base):.2f}x of the best runs"
    )


if __name__ == "__main__":
    main()
