"""`m` on the Cities tab: its picker's title said only "Cities ranked in", a sentence cut
short above choices that each say the rest; it now says what is picked."""

from __future__ import annotations

from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.screen import screen_text
from tests.support.waiting import wait_until


async def test_the_m_picker_says_what_it_picks(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await wait_until(pilot, lambda: "Every city" in screen_text(app), "the Cities tab")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the m picker")
        await wait_until(
            pilot,
            lambda: "Cities ranked in at least N families" in screen_text(app),
            "a whole title",
        )
