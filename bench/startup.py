"""Whole-process time from launch to the first painted table, headless, against a bare baseline.

The baseline is a bare Textual app that imports polars and shows one line. Both are run
alternately in fresh processes in one run, so the ratio is fair on a noisy machine.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
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
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CITYRANK_CONFIG_DIR": tmp, "CITYRANK_DATA_DIR": tmp, "CITYRANK_STATE_DIR": tmp}
        timed(OURS, env)  # warm the file cache for both
        timed(BASELINE, env)
        base, ours = [], []
        for _ in range(args.runs):
            base.append(timed(BASELINE, env))
            ours.append(timed(OURS, env))
    b, o = statistics.median(base), statistics.median(ours)
    print(f"baseline (bare Textual + polars): median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"cityrank-tui to first table:      median {o * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {o / b:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
