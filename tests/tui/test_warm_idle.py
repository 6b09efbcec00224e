"""While the app waits for the first key, it builds what the palette's first opening needs
(issue 25: with a million-row import the first ctrl+p waited a second for every city's folded
name). No timings: bench/palette.py has those."""

from __future__ import annotations

from cityrank_tui.tui import city_search
from tests.support.waiting import wait_until


async def test_the_palettes_city_names_are_built_while_the_app_is_idle(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot, lambda: app.catalog in city_search._NAMES, "the city names built ahead"
        )
        built = city_search._NAMES[app.catalog]
        assert city_search.city_names(app.catalog) is built  # the palette takes them as they are
        # every city, each folded as the palette's search folds a query
        assert built["city_id"].to_list() == app.catalog.cities["city_id"].to_list()
        row = built.row(built["name"].to_list().index("Zürich"), named=True)
        assert row["folded"] == "zurich"
