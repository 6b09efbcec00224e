"""The comparison on a small screen (#24 item 7): at 80×24 the third and fourth cities never
showed (l and shift+→ did nothing) and at 60×16 only the first; now h / l step a whole city,
H / L go to the first / last, and a line under the table names the cities off-screen."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cityrank_tui.tui.screens.compare import CompareScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until

PICKS = ["hong-kong-hk", "singapore-sg", "sao-paulo-br", "buenos-aires-ar"]


def heading(app) -> str:
    table = app.screen.query_one(DataTable)
    return next(line for line in screen_lines(app) if "Measure" in line) if table else ""


def more_line(app) -> str:
    more = app.screen.query_one("#compare-more")
    return str(more.render()) if more.display else ""


async def open_comparison(app, pilot, catalog):
    app.picks[:] = PICKS
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
    names = [c.name for c in app.screen.cities]
    await wait_until(pilot, lambda: names[0] in heading(app), "the first city's heading")
    return names


@pytest.mark.parametrize("size", [(80, 24), (60, 16)])
async def test_l_shows_every_city_in_turn_and_the_line_names_the_hidden_ones(app, catalog, size):
    async with app.run_test(size=size) as pilot:
        names = await open_comparison(app, pilot, catalog)
        assert names[-1] not in heading(app)
        hidden = [n for n in names if n not in heading(app)]
        await wait_until(pilot, lambda: "more cit" in more_line(app), "the off-screen line")
        line = more_line(app)
        # every city not in the heading is named; a city whose column is cut is named too
        assert all(n in line for n in hidden), line
        assert any(f"→ {k} more" in line for k in range(len(hidden), len(names))), line
        seen = set()
        for _ in names:
            seen |= {n for n in names if f" {n} " in f" {heading(app)} "}
            await pilot.press("l")
            await pilot.pause()
        assert seen == set(names), (seen, heading(app))
        assert "→" not in more_line(app) and names[0] in more_line(app)  # ← 1 city: …
        await pilot.press("H")
        await wait_until(pilot, lambda: app.screen.query_one(DataTable).scroll_x == 0, "first")
        assert names[0] in heading(app)
        await pilot.press("L")
        await wait_until(pilot, lambda: names[-1] in heading(app), "the last city")


async def test_help_lists_the_comparisons_sideways_keys(app, catalog):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_comparison(app, pilot, catalog)
        await pilot.press("question_mark")
        await wait_until(
            pilot,
            lambda: "Scroll one whole city column right" in "\n".join(screen_lines(app)),
            "the keys in help",
        )
