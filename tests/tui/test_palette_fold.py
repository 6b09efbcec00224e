"""#24 item 9 in the palette: it folds as every search does, so `stadte` finds the tab of an
import called "Städte" (it needed the umlaut) and `ma'anshan` the city spelt "Ma’anshan"."""

from __future__ import annotations

from cityrank_tui.tui.app import CityRankApp
from tests.support.importing import write
from tests.support.screen import screen_text
from tests.tui.test_palette_words import SIZE, open_palette


async def test_stadte_without_its_umlaut_offers_the_tab_of_stadte(cli, tmp_path):
    code, _, err = cli(
        "import", str(write(tmp_path, "csv")), "--id", "staedte", "--name", "Städte 2024"
    )
    assert code == 0, err
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "stadte", "Open tab: Städte 2024")
        assert "Open tab: Städte 2024" in screen_text(app)


async def test_a_straight_apostrophe_finds_a_city_spelt_with_a_curly_one(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "profile ma'ansh", "Profile of Ma’anshan")


async def test_two_cities_of_one_name_are_told_apart_by_their_province(app):
    """`profile suzhou` listed two identical "Suzhou · China" entries (#24 item 18)."""
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "profile suzhou", "Anhui, China")
        text = screen_text(app)
        assert "Jiangsu, China" in text and "Anhui, China" in text
