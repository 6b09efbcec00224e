"""Regenerate the SVG screenshots shown in README.md.

.venv/bin/python screenshots/make.py            (the venv's Python: it imports the app)
.venv/bin/python screenshots/make.py map cities (only the shots whose file names hold a word)

Each shot starts a fresh app in its own empty user folders (config, data and state), so no
shot inherits the tab, edition, filters or copy format another one left in state.toml, and the
user's own folders are never read or written. Each shot presses its keys and waits until the
screen shows what the README says it shows (never a fixed time); a shot that never gets there
fails naming it, instead of writing a wrong picture.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests.support: the waiting and screen-reading helpers

Step = Callable[[Any], Awaitable[None]]  # given the Pilot


def press(*keys: str) -> Step:
    async def step(pilot: Any) -> None:
        for key in keys:
            await pilot.press(key)

    return step


def see(*texts: str) -> Step:
    """Until every text is on the screen (dialogs and the footer included)."""

    async def step(pilot: Any) -> None:
        from tests.support.screen import screen_lines
        from tests.support.waiting import wait_until

        def shown() -> bool:
            lines = screen_lines(pilot.app)
            return all(any(text in line for line in lines) for text in texts)

        await wait_until(
            pilot,
            shown,
            lambda: f"the screen shows {texts!r}; it shows:\n" + "\n".join(screen_lines(pilot.app)),
        )

    return step


def showing(index_id: str) -> Step:
    """Until the main screen shows this edition (or CITIES, the Cities tab)."""

    async def step(pilot: Any) -> None:
        from tests.support.waiting import wait_until

        await wait_until(
            pilot,
            lambda: getattr(pilot.app.screen, "_shown", None) == index_id,
            lambda: (
                f"the tab shows {index_id} (it shows {getattr(pilot.app.screen, '_shown', '?')})"
            ),
        )

    return step


def on(screen_class: str) -> Step:
    """Until the screen on top is of this class (by name: 'ProfileScreen')."""

    async def step(pilot: Any) -> None:
        from tests.support.waiting import wait_until

        await wait_until(
            pilot,
            lambda: type(pilot.app.screen).__name__ == screen_class,
            lambda: f"{screen_class} is on top (it is {type(pilot.app.screen).__name__})",
        )

    return step


def preset(apply: Callable[[Any], None]) -> Step:
    async def step(pilot: Any) -> None:
        apply(pilot.app)

    return step


def asia_nexus_53(app: Any) -> None:
    from cityrank_tui.core.filters import Filter, View

    app.screen.pane.set_view(View(Filter(region="Asia", tiers=("NEXUS",), min_score=53)))


def pick_seoul_tokyo_beijing(app: Any) -> None:
    app.picks[:] = ["seoul-kr", "tokyo-jp", "beijing-cn"]


CITIES = "@cities"  # the Cities tab's id (tui/screens/main.py's CITIES_TAB)


def three_bookmarks(app: Any) -> None:
    app.bookmarks.add("seoul-kr", "Seoul", note="Asia office", list_name="Asia hubs")
    app.bookmarks.add("tokyo-jp", "Tokyo", list_name="Asia hubs")
    app.bookmarks.add("zurich-ch", "Zürich", note="visit in May")
    app.marks_changed()


# The tab strip: 1 Cities, 2 ICI, 3 GII, 4 IECI, 5 OE-GCI … A fresh start opens on ICI 2014;
# a family's tab opens on its latest edition (GII 2025, OE-GCI 2025) the first time.
GII_2023 = [
    press("3"),
    showing("gii-2025"),
    press("left_square_bracket"),
    showing("gii-2024"),
    press("left_square_bracket"),
    showing("gii-2023"),
    press("home"),  # `[` kept the cursor on 2025's first row's cluster: back to rank 1
    see("row 1 of 47"),
]


@dataclass(frozen=True)
class Shot:
    file: str
    size: tuple[int, int]
    steps: list[Step]


SHOTS = [
    Shot(
        "main_80x24.svg",
        (80, 24),
        [showing("ici-2014"), see("Innovation Cities™ Index 2014 ·", "row 1 of 151")],
    ),
    Shot(
        "asia_nexus_80x24.svg",
        (80, 24),
        [showing("ici-2014"), preset(asia_nexus_53), see("3 of 151 · region=Asia")],
    ),
    Shot("gii_2023_120x32.svg", (120, 32), [*GII_2023, see("Tokyo–Yokohama")]),
    Shot(
        "details_100x32.svg",
        (100, 32),
        [*GII_2023, press("enter"), see("GII clusters 2023: details", "Tokyo–Yokohama")],
    ),
    Shot("help_100x36.svg", (100, 36), [showing("ici-2014"), press("question_mark"), see("Keys")]),
    Shot(
        "profile_100x32.svg",
        (100, 32),
        [
            press("3"),
            showing("gii-2025"),
            see("Shenzhen–Hong Kong–Guangzhou"),  # GII 2025's rank 1, a cluster
            press("p"),
            on("PickScreen"),  # whose profile? Its first member, Shenzhen
            press("enter"),
            on("ProfileScreen"),
            see("Shenzhen, China"),
        ],
    ),
    Shot(
        "compare_100x32.svg",
        (100, 32),
        [
            showing("ici-2014"),
            preset(pick_seoul_tokyo_beijing),
            press("v"),
            see("Comparing Seoul · Tokyo · Beijing"),
        ],
    ),
    Shot(
        "correlate_100x32.svg",
        (100, 32),
        [
            showing("ici-2014"),
            press("equals_sign"),
            on("PickScreen"),
            press("down", "enter"),
            on("CorrelateScreen"),
            see("Innovation Cities 2014 vs GII clusters 2023"),
        ],
    ),
    Shot(
        "cities_120x40.svg",
        (120, 40),
        [showing("ici-2014"), press("1"), showing(CITIES), see("Every city × every family")],
    ),
    Shot(
        # the Cities tab's last columns: in N families, the median percentile and n
        "cities_median_n_120x40.svg",
        (120, 40),
        [showing("ici-2014"), press("1"), showing(CITIES), press("L"), see("Median pctl")],
    ),
    Shot(
        "agreement_120x40.svg",
        (120, 40),
        [press("A"), on("AgreementScreen"), see("Which rankings agree")],
    ),
    Shot(
        "map_80x24.svg",
        (80, 24),
        [*GII_2023, press("g"), on("MapScreen"), see("GII clusters 2023", "1 Tokyo–Yokohama")],
    ),
    Shot(
        "map_europe_120x40.svg",
        (120, 40),
        [
            press("5"),
            showing("oe-gci-2025"),
            press("left_square_bracket"),
            showing("oe-gci-2024"),
            press("r"),
            on("PickScreen"),
            press(*"Europe", "enter"),
            see("region=Europe"),
            press("g"),
            on("MapScreen"),
            see("OE Global Cities 2024", "zoomed to region=Europe"),
        ],
    ),
    Shot(
        "bookmarks_100x24.svg",
        (100, 24),
        [
            showing("ici-2014"),
            preset(three_bookmarks),
            press("B"),
            on("BookmarksScreen"),
            see("Seoul", "Asia office", "Zürich"),
        ],
    ),
    Shot(
        # `y` the first time: the copy-format question (then remembered; ctrl+y changes it)
        "copy_format_80x24.svg",
        (80, 24),
        [*GII_2023, press("y"), on("PickScreen"), see("CSV", "Markdown")],
    ),
]


async def shoot(shot: Shot) -> None:
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=shot.size) as pilot:
        for step in shot.steps:
            await step(pilot)
        await pilot.pause()  # the last change painted
        app.save_screenshot(shot.file, path=str(HERE))
    print(f"wrote screenshots/{shot.file}")


def main() -> None:
    words = sys.argv[1:]
    for shot in SHOTS:
        if words and not any(word in shot.file for word in words):
            continue
        # every shot in its own empty folders: nothing carries from one shot to the next
        with tempfile.TemporaryDirectory(prefix="cityrank-shot-") as tmp:
            for name in ("CONFIG", "DATA", "STATE"):
                folder = Path(tmp) / name.lower()
                folder.mkdir()
                os.environ[f"CITYRANK_{name}_DIR"] = str(folder)
            asyncio.run(shoot(shot))


if __name__ == "__main__":
    main()
