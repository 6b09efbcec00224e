"""One search everywhere: `/` on the Cities tab opens the index tabs' inline search box, live,
with its count, where it used to open a modal dialog (issue 24, item 12), at 80×24."""

from __future__ import annotations

import unicodedata

from textual.screen import ModalScreen

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.widgets.index_pane import SearchLine
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until

SIZE = (80, 24)


def folded(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()


async def test_slash_on_the_cities_tab_searches_inline_with_a_live_count():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        pane = app.screen.cities_pane
        total = pane.frame.height
        await pilot.press("slash", *"zur")  # typed straight after /: they reach the box
        assert not isinstance(app.screen, ModalScreen)  # no dialog
        assert isinstance(pane.summary, SearchLine) and pane.searching
        await wait_until(pilot, lambda: pane.view.filter.text == "zur", "live filter")
        names = pane.result["name"].to_list()
        # every city whose name (accents ignored) holds "zur" is among the hits
        by_name = [n for n in pane.frame["name"].to_list() if "zur" in folded(n)]
        assert "Zürich" in names and set(by_name) <= set(names)
        count = f"{len(names):,} of {total:,}"
        assert pane.summary.count == count
        assert any(line.rstrip().endswith(count) for line in screen_lines(app))  # on screen
        await pilot.press("escape")  # Esc: the view from before the search
        await wait_until(pilot, lambda: not pane.searching, "closed")
        assert pane.view.filter.text == "" and pane.shown == total
        await pilot.press("slash", *"osl", "enter")  # Enter keeps it
        await wait_until(pilot, lambda: not pane.searching, "kept")
        assert pane.view.filter.text == "osl" and "Oslo" in pane.result["name"].to_list()
        assert app.focused is pane.table
        await pilot.press("u")  # one undo step, not one per keystroke
        await wait_until(pilot, lambda: pane.view.filter.text == "", "undone")


async def test_the_cities_search_box_is_the_index_tabs_one():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        index_box = app.screen.pane.summary
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        cities_box = app.screen.cities_pane.summary
        assert type(cities_box) is type(index_box)
        assert cities_box.placeholder == index_box.placeholder
