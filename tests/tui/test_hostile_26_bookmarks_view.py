"""Issue 26 item 18: the bookmarks view (B) with 50,000 bookmarks is drawn like an index
table, a screenful at a time, and its cursor keys answer at once."""

from __future__ import annotations

import asyncio

import tomli_w

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.bookmarks import BookmarksScreen
from tests.support.screen import line_with, on_screen, screen_lines
from tests.support.waiting import DEFAULT_TIMEOUT, wait_until

COUNT = 50_000


def write_bookmarks() -> list[str]:
    """Every bundled city first (in the order added), then ids no longer in the data."""
    ids = list(Catalog().cities["city_id"])
    ids += [f"gone-{n}-xx" for n in range(COUNT - len(ids))]
    items = [
        {"city_id": city_id, "name": f"Stored {n}", "added": f"2026-01-01T00:00:{n:06d}"}
        for n, city_id in enumerate(ids)
    ]
    paths.bookmarks_file().parent.mkdir(parents=True, exist_ok=True)
    paths.bookmarks_file().write_text(tomli_w.dumps({"bookmarks": items}), encoding="utf-8")
    return ids


async def test_fifty_thousand_bookmarks_open_a_screenful_and_move_with_the_cursor_keys():
    ids = write_bookmarks()
    names = Catalog().city_names
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(app.bookmarks) == COUNT, "the bookmarks loaded")
        first = f"{names[ids[0]]} "

        async def open_bookmarks() -> None:
            await pilot.press("B")
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, BookmarksScreen) and on_screen(app, first),
                lambda: "the first bookmark drawn: " + " | ".join(screen_lines(app)[:4]),
            )

        # The bound covers the key too: the stock DataTable took the key for 100 s (measuring
        # every cell) before the wait began. It is only a hang's limit, as in wait_until.
        await asyncio.wait_for(open_bookmarks(), DEFAULT_TIMEOUT)
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert on_screen(app, "50,000 shown (all) of 50,000")
        assert "▶" in line_with(app, first) and "★" in line_with(app, first)
        await pilot.press("down", "j", "j")
        await wait_until(pilot, lambda: screen.current == ids[3], "the cursor on the 4th row")
        assert "▶" in line_with(app, f"{names[ids[3]]} ")
        await pilot.press("end")
        await wait_until(pilot, lambda: screen.current == ids[-1], "the cursor on the last row")
        last = f"Stored {COUNT - 1} (unknown city)"
        await wait_until(pilot, lambda: "▶" in line_with(app, last), "the last row drawn")
        await pilot.press("k", "home")
        await wait_until(pilot, lambda: screen.current == ids[0], "the cursor back on row 1")
        await wait_until(pilot, lambda: "▶" in line_with(app, first), "the first row drawn")
