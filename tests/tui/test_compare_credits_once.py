"""The comparison names each publisher once: the highlighted row's detail repeated the source
line the credits under the screen already give (a newcomer saw 2thinknow's twice)."""

from __future__ import annotations

from textual.widgets import Static

from cityrank_tui.tui.screens.compare import CompareScreen
from cityrank_tui.tui.widgets.credits import Credits
from tests.support.waiting import wait_until

ICI = "Source: 2thinknow Innovation Cities™ Index 2014: www.innovation-cities.com"


async def test_the_highlighted_rows_source_line_is_printed_once(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.picks = ["london-gb", "tokyo-jp"]
        app.action_compare()
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "comparison")
        screen = app.screen

        def detail() -> str:
            return str(screen.query_one("#compare-detail", Static).render())

        await wait_until(pilot, lambda: "Innovation Cities" in detail(), "the ICI row's detail")
        credits = str(screen.query_one(Credits).query_one(Static).render())
        assert credits.count(ICI) == 1
        assert (detail() + "\n" + credits).count(ICI) == 1
