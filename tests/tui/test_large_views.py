"""Behaviour kept while the search box, palette and export were made fast for large indexes
(issue 15). No timings here: bench/filter.py and bench/peers.py measure those."""

from __future__ import annotations

from tests.tui.test_hostile_terminal import screen_text

SIZE = (80, 24)


def footer_line(app) -> str:
    return screen_text(app)[-SIZE[0] :]


async def test_footer_shows_the_keys_that_work_while_searching_and_all_of_them_after_esc(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = footer_line(app)
        assert "/ Search" in before and "r Region" in before and "? Help" in before
        for _ in range(2):  # the second time the footer reuses the keys it already holds
            await pilot.press("slash", "s", "e")
            await pilot.pause()
            searching = footer_line(app)
            assert "r Region" not in searching and "/ Search" not in searching
            assert "Help" in searching and "Palette" in searching
            await pilot.press("escape")
            await pilot.pause()
            assert footer_line(app) == before
            assert "row 1 of 151" in screen_text(app)  # Esc put back the view from before
