"""The profile scrolls to its ends: G / End to the bottom, Home to the top, and its help lists
them (it listed only j/k and PgUp/PgDn, and G / End did nothing)."""

from __future__ import annotations

from textual.containers import VerticalScroll

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.profile import ProfileScreen
from cityrank_tui.tui.texts import help_text
from tests.support.waiting import wait_until


async def _profile(pilot) -> VerticalScroll:
    await pilot.press("number_sign", "3", "enter")  # London, a long profile
    await wait_until(
        pilot, lambda: pilot.app.screen.pane.table.current_row["name"] == "London", "London"
    )
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProfileScreen), "the profile")
    body = pilot.app.screen.query_one(VerticalScroll)
    await wait_until(pilot, lambda: body.max_scroll_y > 10, "a profile longer than the screen")
    return body


async def test_g_end_and_home_reach_the_profiles_ends():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        body = await _profile(pilot)
        await pilot.press("G")
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y, "G: the bottom")
        await pilot.press("home")
        await wait_until(pilot, lambda: body.scroll_y == 0, "Home: the top")
        await pilot.press("end")
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y, "End: the bottom")


def test_the_profiles_help_lists_home_and_end():
    text = help_text({}, "profile").plain
    section = text.split("(this screen)")[1].split("\n\n")[0]
    assert "Home" in section and "Go to the top" in section
    assert "G / End" in section and "Go to the end" in section
