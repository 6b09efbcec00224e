"""The map's title line (the index, its filters, the zoom) is cut with '…' where it does not
fit: at 80×24 it was wrapped onto a second line its one-line box hides, so it ended
mid-word ("zoomed to region=No") with nothing to say that more was there."""

from __future__ import annotations

from cityrank_tui.core.filters import Filter, View
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until
from tests.tui.test_map import GII_2023, SIZE, _open_map


async def test_a_long_map_title_ends_in_an_ellipsis(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*GII_2023)
        await wait_until(pilot, lambda: app.screen.pane.info.id == "gii-2023", "GII 2023 shown")
        app.screen.pane.set_view(View(Filter(region="Northern Europe")))
        drawn = (await _open_map(pilot)).canvas.drawn
        assert len(drawn.title) > SIZE[0]  # the title does not fit: it must be cut
        first = screen_lines(app)[0].rstrip()
        assert first.endswith("…"), first
        assert drawn.title.startswith(first[:-1].strip())
