"""The palette finds an edition by what the tab strip shows ("OE-GCI 2024") and by its id
("oe-gci-2024"), as a user reads them off the screen and the command line: both answered
"No matches found", since only the long name ("OE Global Cities 2024") was searched."""

from __future__ import annotations

import pytest

from tests.support.screen import screen_text
from tests.support.waiting import wait_until
from tests.tui.test_palette_words import SIZE, open_palette


@pytest.mark.parametrize("typed", ["OE-GCI 2024", "oe-gci-2024"])
async def test_the_tab_label_or_the_id_opens_the_tab(app, typed):
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, typed, "Open tab: OE Global Cities 2024")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "Oxford Economics" in screen_text(app), "the OE 2024 tab shown"
        )
