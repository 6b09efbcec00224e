"""A file opened, not imported: a tab that filters, searches, sorts and links cities like an
imported index, says how to keep it, and writes nothing to the data folder."""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path

from cityrank_tui.core.filters import Sort, View
from cityrank_tui.core.opened import OpenRequest, read_all, read_head
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.opening import Opening, start
from tests.support.opening import MAPPING, excel_csv
from tests.support.screen import screen_text
from tests.support.waiting import wait_until


def table_lines(pane) -> list[str]:
    return [pane.table.render_line(y).text for y in range(1, pane.table.size.height)]


async def linked(pilot, pane) -> None:
    """Until the linking (a worker) is done and the tab's status line is gone."""
    await wait_until(pilot, lambda: not pane.status, lambda: f"still {pane.status!r}")


def folder_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*")) if folder.exists() else []


async def test_an_excel_csv_opens_filters_searches_sorts_and_profiles(tmp_path):
    data = Path(os.environ["CITYRANK_DATA_DIR"])
    before = folder_files(data)
    path = excel_csv(tmp_path)
    request = OpenRequest(path, mapping=MAPPING)
    app = CityRankApp(opening=start(read_head(request)))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        pane = app.screen.pane
        await linked(pilot, pane)
        await pilot.pause()
        text = screen_text(app)
        # the tab carries the file's name, escapes shown, never obeyed
        assert "-Städte \\x1b[31mRanking\\u202e.csv" in text and "\x1b[31m" not in text
        assert "opened, not imported — `cityrank-tui import" in text
        assert "(not a published index we hold)" in text
        # how the file was read is said: Windows-1252, semicolons, decimal commas
        assert "Windows-1252" in text and "semicolons" in text
        rows = table_lines(pane)
        assert "Zürich" in rows[0] and "87.5" in rows[0] and "München" in rows[1]
        pane.change(tiers=("B",))
        await pilot.pause()
        shown = table_lines(pane)
        assert "São Paulo" in shown[0] and "Köln" in shown[1] and "Genève" in shown[2]
        assert "3 of 8" in screen_text(app)
        pane.set_view(View(pane.view.filter, Sort("score", descending=False)))  # worst first
        await pilot.pause()
        assert "Genève" in table_lines(pane)[0]
        await pilot.press("x", "slash", *"zurich", "enter")  # accents ignored
        await pilot.pause()
        assert "Zürich" in table_lines(pane)[0] and "1 of 8" in screen_text(app)
        await pilot.press("p")  # a profile of the linked city, this file among its indexes
        await pilot.pause()
        profile = screen_text(app)
        assert "Zürich, Switzerland" in profile and "1 of 8" in profile
        assert "Innovation Cities 2014" in profile
        await pilot.press("escape", "q")
    assert folder_files(data) == before  # nothing written to the data folder
    state = Path(os.environ["CITYRANK_STATE_DIR"]) / "state.toml"
    # nor the temporary tab's view (a session that changed nothing else writes no state)
    assert not state.exists() or "open_file" not in state.read_text()


async def test_before_linking_a_row_has_no_city_and_the_tab_says_so(tmp_path):
    """The first rows show while the rest is read; b and p wait for the linking instead of
    guessing a city; the rest then arrives in place (view kept)."""
    rows = [("Rank", "City"), *((str(n), f"Town {n}") for n in range(1, 30_001))]
    path = excel_csv(tmp_path, "towns.csv", rows=rows)
    head = read_head(OpenRequest(path))
    assert head.stage == "head" and 0 < head.frame.height < 30_000
    rest: Future = Future()
    app = CityRankApp(opening=Opening(head.request, head, rest))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        pane = app.screen.pane
        try:
            assert "reading all rows…" in screen_text(app)
            await pilot.press("b")
            await pilot.pause()
            assert "reading all rows… (its cities are not known" in screen_text(app)
            assert len(app.bookmarks) == 0
        finally:  # the worker waits for it: the app cannot end before
            rest.set_result(read_all(head.request))
        await linked(pilot, pane)
        await pilot.pause()
        assert "30,000 of 30,000" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert list(app.bookmarks.ids) == ["towns:town-1-xx"]  # the id `import` will give it
