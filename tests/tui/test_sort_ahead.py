"""A large index's first sort by name and by country, computed on a worker once its table is
shown, shows the screen the same sort shows computed on its key."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from cityrank_tui.core.filters import Sort, View
from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.widgets.index_pane import WARM_ROWS, IndexPane
from tests.support.importing import save_big
from tests.support.waiting import wait_until

ROWS = WARM_ROWS  # the smallest index whose sorts are computed ahead


def make_index(data_dir: Path) -> pl.DataFrame:
    return save_big(data_dir, [f"Town {(i * 7919) % ROWS}" for i in range(ROWS)])


async def sorted_screens(warm: bool, monkeypatch) -> list[list[str]]:
    if not warm:
        monkeypatch.setattr(IndexPane, "warm_sorts", lambda self: None)
    app = CityRankApp()
    screens = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.goto_index("big")
        await wait_until(pilot, lambda: app.screen.pane.info.id == "big", "the big tab")
        pane = app.screen.pane
        ahead = [Sort().toggled(f, pane.info) for f in ("name", "country")]
        if warm:
            await wait_until(
                pilot, lambda: all(s in pane.cache._orders for s in ahead), "orders made ahead"
            )
        else:
            assert not any(s in pane.cache._orders for s in ahead)
        for sort in ahead:
            pane.set_view(View(sort=sort))
            await wait_until(pilot, lambda sort=sort: pane.view.sort == sort, "sorted")
            await pilot.pause()
            screens.append([pane.table.render_line(y).text for y in range(pane.table.size.height)])
    return screens


async def test_sorts_made_ahead_show_the_rows_of_sorts_made_on_the_key(monkeypatch):
    frame = make_index(paths.data_dir())
    warm = await sorted_screens(True, monkeypatch)
    cold = await sorted_screens(False, monkeypatch)
    assert warm == cold
    # by another route: the first name in Python's own order is on the first row of the name sort
    first = min(frame["name"].to_list())
    assert first in "\n".join(warm[0][:3])
