"""The bookmarks view shows ranks from many indexes: it carries the attribution of every index
whose figure it shows (GaWC's acknowledgement among them), and of no other."""

from __future__ import annotations

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.cities import best_standings, city_by_id
from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.screens.bookmarks import BookmarksScreen
from cityrank_tui.tui.widgets.credits import Credits
from tests.support.waiting import wait_until


async def test_the_bookmarks_view_credits_the_publishers_of_its_figures(app):
    Bookmarks.load().add("seoul-kr", "Seoul")
    catalog = Catalog()
    # an independent route: the indexes holding a figure for Seoul, from its standings
    held = {
        k for k, s in best_standings(catalog, city_by_id(catalog, "seoul-kr")).items() if s.entry
    }
    assert "gawc-2020" in held or "gawc-2024" in held
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen), "bookmarks")
        credits = app.screen.query_one(Credits)
        await wait_until(pilot, lambda: "GaWC" in credits._text.plain, "the credits")
        text = credits._text.plain
        for index_id, info in catalog.indexes.items():
            if index_id in held:
                assert info.attribution.splitlines()[0] in text, index_id
        not_held = [i for i in catalog.indexes.values() if i.id not in held]
        assert all(i.attribution not in text for i in not_held if i.attribution)
