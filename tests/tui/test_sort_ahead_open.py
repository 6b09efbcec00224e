"""An opened file large enough for sorts made ahead gets them once all its rows are shown (the
first rows alone are too few): its first sort by name or country is then there at once."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from cityrank_tui.core.filters import Sort
from cityrank_tui.core.opened import OpenRequest, read_head
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.opening import start
from cityrank_tui.tui.widgets import index_pane
from tests.support.waiting import wait_until

ROWS = 30_000
WARM = 20_000  # above the rows of the file's head, below all of them


def big_csv(folder: Path) -> Path:
    path = folder / "towns.csv"
    pl.DataFrame(
        {
            "Rank": range(1, ROWS + 1),
            "City": [f"Town {(i * 7919) % ROWS}" for i in range(ROWS)],
            "Country": [f"Land {i % 151}" for i in range(ROWS)],
            "Score": [round(100 - i / 1000, 3) for i in range(ROWS)],
        }
    ).write_csv(path)
    return path


async def test_sorts_are_made_ahead_once_all_rows_of_an_opened_file_are_shown(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(index_pane, "WARM_ROWS", WARM)
    head = read_head(OpenRequest(big_csv(tmp_path)))
    assert head.stage == "head" and head.frame.height < WARM  # the head alone warms nothing
    app = CityRankApp(opening=start(head))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot,
            lambda: app.screen.pane is not None and app.screen.pane.frame.height == ROWS,
            "all rows shown",
        )
        pane = app.screen.pane
        ahead = [Sort().toggled(f, pane.info) for f in ("name", "country")]
        await wait_until(
            pilot,
            lambda: all(s in pane.cache._orders for s in ahead),
            lambda: f"orders made ahead: {list(pane.cache._orders)}",
        )
        # by another route: the name order begins with the least name in Python's own order
        names = pane.cache.frame["name"]
        first = int(pane.cache._orders[ahead[0]][0])
        assert names[first] == min(names.to_list())
