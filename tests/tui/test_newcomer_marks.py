"""The margin's marks (#24, from a review): on the Cities tab a picked city's number was glued
to its name ('2Tokyo') and read like a rank; the mark is a circled number, apart from the name."""

from __future__ import annotations

from tests.support.waiting import wait_until


def row_of(table, name: str) -> str:
    lines = [table.render_line(y).text for y in range(1, table.size.height)]
    return next((line for line in lines if name in line), "")


async def test_a_picked_city_on_the_cities_tab_is_marked_apart_from_its_name(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.query("#cities-table"), "the Cities tab")
        table = app.screen.query_one("#cities-table")
        await wait_until(pilot, lambda: table.widths and table.size.height > 2, "laid out")
        pane = app.screen.cities_pane
        for city in ("seoul-kr", "tokyo-jp"):
            pane.show_city(city, city)
            await pilot.press("space")
        await wait_until(pilot, lambda: len(app.picks) == 2, "two picks")
        await wait_until(pilot, lambda: "②" in row_of(table, "Tokyo"), "Tokyo's mark")
        tokyo = row_of(table, "Tokyo")
        assert "② Tokyo" in tokyo and "②Tokyo" not in tokyo, tokyo
        pane.show_city("seoul-kr", "Seoul")
        await wait_until(pilot, lambda: "① Seoul" in row_of(table, "Seoul"), "Seoul's mark")
        # the headings line up with the names under them
        assert table.render_line(0).text.index("City") == tokyo.index("Tokyo")
