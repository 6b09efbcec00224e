"""Regenerate the SVG screenshots shown in README.md.

.venv/bin/python screenshots/make.py   (the venv's Python: it imports the app)
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

SHOTS = [
    ("main_80x24.svg", (80, 24), [], None),
    (
        "asia_nexus_80x24.svg",
        (80, 24),
        [],
        {"region": "Asia", "tiers": ("NEXUS",), "min_score": 53},
    ),
    (
        "gii_2023_120x32.svg",
        (120, 32),
        ["3", "left_square_bracket", "left_square_bracket", "home"],
        None,
    ),
    (
        "details_100x32.svg",
        (100, 32),
        ["3", "left_square_bracket", "left_square_bracket", "home", "enter"],
        None,
    ),
    ("help_100x36.svg", (100, 36), ["question_mark"], None),
    (
        "profile_100x32.svg",
        (100, 32),
        ["3", "left_square_bracket", "left_square_bracket", "p", "enter"],
        None,
    ),
    ("compare_100x32.svg", (100, 32), ["v"], {"picks": ["seoul-kr", "tokyo-jp", "beijing-cn"]}),
    ("correlate_100x32.svg", (100, 32), ["equals_sign", "down", "enter"], None),
    ("cities_120x40.svg", (120, 40), ["C"], None),
    ("agreement_120x40.svg", (120, 40), ["A"], None),
    ("map_80x24.svg", (80, 24), ["3", "left_square_bracket", "left_square_bracket", "g"], None),
    (
        "map_europe_120x40.svg",
        (120, 40),
        ["5", "left_square_bracket", "r", *"Europe", "enter", "g"],
        None,
    ),
]


async def shoot() -> None:
    from cityrank_tui.core.filters import Filter, View
    from cityrank_tui.tui.app import CityRankApp

    for filename, size, keys, preset in SHOTS:
        app = CityRankApp()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if preset and "picks" in preset:
                app.picks[:] = preset["picks"]
            elif preset:
                app.screen.pane.set_view(View(Filter(**preset)))
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            app.save_screenshot(filename, path=str(HERE))
        print(f"wrote screenshots/{filename}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:  # never read or write the user's own state
        os.environ.update(CITYRANK_CONFIG_DIR=tmp, CITYRANK_STATE_DIR=tmp, CITYRANK_DATA_DIR=tmp)
        asyncio.run(shoot())


if __name__ == "__main__":
    main()
