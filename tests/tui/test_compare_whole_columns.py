"""The comparison's last step sideways (`l` or `L`) at 80×24: the table's end is not on a city
column's edge, so scrolling to it cut the first city shown ('oul' for Seoul, its ● better
mark gone from '● 12/445'). Now the city columns in view are whole, heading and cells; the
one cut on its left is left blank, as an index table leaves it (RankTable)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cityrank_tui.tui.screens.compare import CompareScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until


def _first_city_shown(app) -> tuple[str, str]:
    """The heading and the first row as drawn right after the fixed columns."""
    table = app.screen.query_one(DataTable)
    fixed = sum(c.get_render_width(table) for c in table.ordered_columns[: table.fixed_columns])
    lines = screen_lines(app)[table.region.y : table.region.y + 2]
    return lines[0][table.region.x + fixed :], lines[1][table.region.x + fixed :]


def _assert_whole(app) -> None:
    """The first city text after the fixed columns is a whole city's heading over its whole
    cell; before it only blank (a column cut on its left is left blank, as index tables do)."""
    screen = app.screen
    heading, first = _first_city_shown(app)
    lead = len(heading) - len(heading.lstrip())
    shown = [
        (city.name, screen.rows[0].marked(i))
        for i, city in enumerate(screen.cities)
        if heading[lead:].startswith(city.name)
    ]
    assert shown, f"no city heading starts whole: {heading!r}"
    name, cell = shown[0]
    assert not first[:lead].strip() and first[lead:].startswith(cell), (name, cell, first)


@pytest.mark.parametrize(
    ("size", "picks"),
    [
        ((80, 24), ["seoul-kr", "tokyo-jp", "beijing-cn"]),
        ((60, 16), ["hong-kong-hk", "singapore-sg", "sao-paulo-br", "buenos-aires-ar"]),
    ],
)
async def test_l_and_L_end_on_a_whole_city_column(app, size, picks):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.picks[:] = picks
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        screen = app.screen
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: screen.hidden_cities()[1], "a city off-screen")
        _assert_whole(app)
        for _ in picks:
            await pilot.press("l")
            await pilot.pause()
            _assert_whole(app)
        assert not screen.hidden_cities()[1], "l showed the last city"
        assert table.scroll_x > 0
        await pilot.press("H")
        await wait_until(pilot, lambda: table.scroll_x == 0, "H: the first city")
        await pilot.press("L")
        await wait_until(pilot, lambda: table.scroll_x > 0, "L: the last city")
        await pilot.pause()
        _assert_whole(app)
        assert not screen.hidden_cities()[1]


async def test_a_city_drawn_whole_is_not_named_as_cut(app):
    """At the end of the scroll only the first city column's left padding may be cut: its
    text shows whole, so the line under the table must not name it among the cities cut."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.picks[:] = ["london-gb", "san-jose-us", "geneva-ch", "seattle-us"]
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        screen = app.screen
        table = screen.query_one(DataTable)
        for key in ("L", "h", "L"):
            await pilot.press(key)
            await pilot.pause()
            heading, _ = _first_city_shown(app)
            left, _ = screen.hidden_cities()
            whole = [c.name for c in screen.cities if heading.strip().startswith(c.name)]
            assert not set(whole) & set(left), (key, table.scroll_x, heading, left)
