"""`M` lists every message of the session, oldest first: at 80×24 it opened on the oldest,
so the one just cut short in a toast (the reason to press M) was below the fold."""

from __future__ import annotations

from cityrank_tui.tui.screens.dialogs import TextScreen
from tests.support.screen import screen_text
from tests.support.waiting import wait_until


async def test_messages_open_on_the_newest(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "2thinknow" in screen_text(app), "first tab")
        for n in range(1, 9):
            app.notify(f"message number {n} of eight")
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, TextScreen), "messages")
        await wait_until(
            pilot, lambda: "message number 8 of eight" in screen_text(app), "the newest shown"
        )
        assert "message number 1 of eight" not in screen_text(app)  # oldest above, scrolled
