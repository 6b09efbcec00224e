"""A search that reads every row of a large index shows its first rows at once and counts the rest
on a worker (issue 25: at 5M rows each of a search's first letters read every row, ~80 ms and
more per key). While it counts, the summary says so, and whatever needs all of the view's rows
(an export, a copy, a lookup, the last row) waits for them: never the first rows alone.

The count is held back here (its worker waits on an event) so what the screen shows meanwhile
can be read; the rows are checked against a plain polars filter of the same frame."""

from __future__ import annotations

import threading
from pathlib import Path

import polars as pl
import pytest

from cityrank_tui.core import filters
from cityrank_tui.core.filters import ViewCache
from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from tests.support.importing import save_big
from tests.support.waiting import wait_until

# The app's figures are for millions of rows (a search reading 500,000 rows shows its first rows
# first); the same rules at a twenty-fifth of the scale make the index quick to write and open.
ROWS = 20_000  # the smallest index whose searches show their first rows first


@pytest.fixture(autouse=True)
def smaller_scale(monkeypatch):
    from cityrank_tui.tui.widgets import index_pane

    monkeypatch.setattr(filters, "SCAN_AHEAD", ROWS)
    monkeypatch.setattr(index_pane, "SCAN_AHEAD", ROWS)
    monkeypatch.setattr(filters, "SCAN_STEP", ROWS // 4)  # the count looks at `stop` 4 times
    monkeypatch.setattr(filters, "FIRST_STEP", 1_024)
    monkeypatch.setattr(filters, "FIRST_READ", ROWS // 2)  # "q", in no row, is not found whole


def make_index(data_dir: Path) -> pl.DataFrame:
    names = [
        f"Kent {i}" if i % 7 == 0 else f"Town {(i * 7919) % ROWS}" if i % 3 else f"Zürich {i}"
        for i in range(ROWS)
    ]
    return save_big(data_dir, names, lambda name: name.str.to_lowercase().str.replace("ü", "u"))


def plain(frame: pl.DataFrame, text: str) -> list[int]:
    """Ranks of the rows holding `text`, in rank order: a plain polars filter."""
    return frame.filter(pl.col("search_text").str.contains(text, literal=True))["rank"].to_list()


@pytest.fixture
def held(monkeypatch):
    """Counts on a worker wait for `gate`; `counted` lists the texts whose count ended whole."""
    gate = threading.Event()
    counted: list[str] = []
    rows = ViewCache.rows

    def waiting(self, view, stop=None):
        if stop is None:
            return rows(self, view)
        assert gate.wait(60), "the test never let the count go on"
        found = rows(self, view, stop)  # Stopped when a newer view replaced it
        counted.append(view.filter.text)
        return found

    monkeypatch.setattr(ViewCache, "rows", waiting)
    yield gate, counted
    gate.set()  # a count a test left waiting ends (stopped) instead of holding the app's exit


async def open_big(app, pilot):
    app.screen.goto_index("big")
    await wait_until(pilot, lambda: app.screen.pane.info.id == "big", "the big tab")
    pane = app.screen.pane
    await wait_until(pilot, lambda: pane.table.row_count == ROWS, "all rows shown")
    return pane


def counts_running(app) -> bool:
    return any(w.group == "count" and not w.is_finished for w in app.workers)


def ranks(pane) -> list[int]:
    return pane.cache.frame["rank"].gather(pane.table.rows).to_list()


async def test_first_rows_at_once_then_the_count(held):
    gate, counted = held
    frame = make_index(paths.data_dir())
    expected = plain(frame, "t")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_big(app, pilot)
        await pilot.press("slash", "t")
        await wait_until(pilot, lambda: pane.view.filter.text == "t", "the search for 't'")
        await wait_until(pilot, lambda: pane.table.row_count < ROWS, "the first rows shown")
        # the first rows of the search, exactly, and the summary says the count is under way
        shown = ranks(pane)
        assert len(shown) < len(expected)
        assert shown == expected[: len(shown)]
        assert pane.counting and pane.summary.count == "counting…"
        gate.set()
        await wait_until(pilot, lambda: not pane.counting, "the count")
        assert counted == ["t"]
        assert ranks(pane) == expected
        assert pane.summary.count == f"{len(expected):,} of {ROWS:,}"
        await pilot.press("enter")  # the search kept: the summary line counts the rows too
        await wait_until(pilot, lambda: not pane.searching, "the box closed")
        summary = pane.summary.render().plain
        assert f"{len(expected):,} of {ROWS:,}" in summary and "counting" not in summary


async def test_a_text_no_first_row_holds_says_it_is_searching(held):
    gate, _ = held
    frame = make_index(paths.data_dir())
    assert plain(frame, "q") == []
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_big(app, pilot)
        await pilot.press("slash", "q")
        await wait_until(pilot, lambda: pane.view.filter.text == "q", "the search for 'q'")
        await wait_until(pilot, lambda: pane.counting, "the first rows read, still counting")
        # none found among the rows read so far: said so, not "no city matches"
        assert pane.table.row_count == 0
        assert pane.table.empty_message == f"Searching {ROWS:,} rows…"
        assert pane.summary.count == "counting…"
        gate.set()
        await wait_until(pilot, lambda: not pane.counting, "the count")
        assert pane.table.empty_message.startswith('No city matches search "q"')
        assert pane.summary.count == f"0 of {ROWS:,}"


async def test_all_rows_are_waited_for_when_needed(held):
    gate, _ = held
    frame = make_index(paths.data_dir())
    expected = plain(frame, "zurich")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_big(app, pilot)
        await pilot.press("slash", *"zurich")
        await wait_until(pilot, lambda: pane.view.filter.text == "zurich", "the search")
        await wait_until(pilot, lambda: pane.counting, "the first rows, still counting")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not pane.searching, "the box closed")
        assert "counting…" in pane.summary.render().plain
        # what an export or a copy reads: every row of the view, counted there and then
        assert pane.result["rank"].to_list() == expected
        assert not pane.counting
        assert f"{len(expected):,} of {ROWS:,}" in pane.summary.render().plain
        gate.set()  # the worker's count, no longer wanted, changes nothing
        await wait_until(pilot, lambda: not counts_running(app), "the count's worker ended")
        assert ranks(pane) == expected and not pane.counting


async def test_the_last_row_is_the_last_of_all_rows(held):
    gate, _ = held
    frame = make_index(paths.data_dir())
    expected = plain(frame, "kent")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_big(app, pilot)
        await pilot.press("slash", *"kent")
        await wait_until(pilot, lambda: pane.counting, "the first rows, still counting")
        await pilot.press("enter", "end")  # the last row, though only the first rows were held
        await wait_until(pilot, lambda: not pane.counting, "every row")
        assert pane.table.cursor_row == len(expected) - 1
        assert ranks(pane)[pane.table.cursor_row] == expected[-1]
        gate.set()
        await wait_until(pilot, lambda: not counts_running(app), "the count's worker ended")


async def test_a_newer_key_drops_the_count_of_the_older_text(held):
    gate, counted = held
    frame = make_index(paths.data_dir())
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_big(app, pilot)
        await pilot.press("slash", "t")
        await wait_until(pilot, lambda: pane.counting, "'t' counting")
        await pilot.press("o")
        await wait_until(pilot, lambda: pane.view.filter.text == "to", "the search for 'to'")
        assert pane.counting
        gate.set()
        await wait_until(pilot, lambda: not pane.counting, "the count of 'to'")
        await wait_until(pilot, lambda: not counts_running(app), "both counts' workers ended")
        assert counted == ["to"]  # the count for 't' stopped, not finished
        assert ranks(pane) == plain(frame, "to") != plain(frame, "t")
        await pilot.press("escape")  # the view from before the search, every row
        await wait_until(pilot, lambda: not pane.searching, "the box closed")
        assert pane.table.row_count == ROWS and not pane.counting


async def on_a_row_past_the_first_rows(app, pilot):
    """The big tab searched for 'town' (kept, counted), the cursor on row 5,000: past the
    first rows that a search shows first."""
    pane = await open_big(app, pilot)
    await pilot.press("slash", *"town", "enter")
    await wait_until(pilot, lambda: pane.view.filter.text == "town", "the search for 'town'")
    await wait_until(pilot, lambda: not pane.counting and not pane.searching, "its count")
    pane.table.cursor_row = 5_000
    return pane


async def test_esc_puts_the_cursor_back_on_a_row_past_the_first_rows(held):
    """The view from before the search is itself a long search: Esc shows its first rows, and
    the cursor's row (past them) is counted to, not dropped to the first row."""
    gate, _ = held
    gate.set()
    expected = plain(make_index(paths.data_dir()), "town")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await on_a_row_past_the_first_rows(app, pilot)
        await pilot.press("slash", "1")
        await wait_until(pilot, lambda: pane.view.filter.text != "town", "a search for more")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not pane.searching, "the box closed")
        assert pane.table.cursor_row == 5_000
        assert ranks(pane)[5_000] == expected[5_000]


async def test_rows_swapped_in_keep_the_cursor_on_a_row_past_the_first_rows(held):
    """An opened file's rows are swapped in (all rows read, then linked) under a long search:
    the cursor stays on its row, not on the last of the first rows."""
    gate, _ = held
    gate.set()
    expected = plain(make_index(paths.data_dir()), "town")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await on_a_row_past_the_first_rows(app, pilot)
        pane.swap(pane.info, pane.frame.clone())
        await wait_until(pilot, lambda: not pane.counting, "the count after the swap")
        assert pane.table.cursor_row == 5_000
        assert ranks(pane)[5_000] == expected[5_000]
