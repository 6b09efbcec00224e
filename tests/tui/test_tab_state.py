"""Each tab owns its view: filters reach state.toml on every change (debounced), not on quit."""

from __future__ import annotations

import re

from textual.widgets import Label, OptionList

from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen, ScoreRangeScreen
from tests.support.waiting import saved_state, wait_until

SIZE = (80, 24)


def shown_names(app) -> list[str]:
    return app.screen.pane.result["name"].to_list()


async def pick(pilot, label: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PickScreen)
    labels = [re.sub(r" \([\d,]+\)$", "", c.label.strip()) for c in screen.choices]
    screen.query_one(OptionList).highlighted = labels.index(label)
    await pilot.press("enter")
    await pilot.pause()


async def set_three_filters(pilot) -> None:
    await pilot.press("r")
    await pilot.pause()
    await pick(pilot, "Asia")
    await pilot.press("t")
    await pilot.pause()
    await pick(pilot, "1. NEXUS")
    await pilot.press("s")
    await pilot.pause()
    await pilot.press(*"53", "enter")
    await pilot.pause()


async def test_three_filters_survive_a_killed_terminal():
    """state.toml is read from disk while the app still runs (no quit, no tab switch): what a
    killed terminal leaves behind. A new start shows the same three filters."""
    state = paths.state_file()
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await set_three_filters(pilot)
        assert shown_names(pilot.app) == ["Seoul", "Tokyo", "Hong Kong"]
        await wait_until(  # the save is debounced by half a second
            pilot,
            lambda: all(word in saved_state() for word in ("NEXUS", "Asia", "min_score")),
            "state.toml holds the three filters",
        )
        left_on_disk = state.read_bytes()
    state.write_bytes(left_on_disk)  # undo the clean exit's own save: only the kill's file counts
    assert b"NEXUS" in left_on_disk and b"Asia" in left_on_disk
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_names(app) == ["Seoul", "Tokyo", "Hong Kong"]
        summary = str(app.screen.pane.query_one(".filter-summary").render())
        assert "region=Asia" in summary and "tier=NEXUS" in summary and "score ≥ 53" in summary


async def test_a_burst_of_typing_is_one_write_after_it_ends():
    state = paths.state_file()
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = state.read_bytes() if state.exists() else b""
        await pilot.press("slash", *"seo")
        await pilot.pause()
        assert (state.read_bytes() if state.exists() else b"") == before  # not yet: debounced
        await wait_until(
            pilot, lambda: 'text = "seo"' in saved_state(), "state.toml holds the search"
        )


async def test_the_score_dialog_shows_the_range_of_the_view_and_of_the_index():
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        title = str(pilot.app.screen.query_one(".dialog-title", Label).render())
        assert "in this view 28 to 56" in title and "index" not in title
        await pilot.press("escape")
        await set_three_filters(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ScoreRangeScreen)
        title = str(pilot.app.screen.query_one(".dialog-title", Label).render())
        assert "in this view 53 to 54 (index 28 to 56)" in title
