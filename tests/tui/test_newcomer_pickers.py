"""Pickers (issue 24, item 13), at 80×24: a typed number jumps to its choice, the `m` and rank-band
pickers count, tier counts are the view's, and the highlighted choice carries ▶ (no colour needed).
"""

from __future__ import annotations

import polars as pl
from textual.widgets import OptionList

from cityrank_tui.core.filters import Filter, View
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until

SIZE = (80, 24)


def highlighted(app) -> str:
    return app.screen.choices[app.screen.query_one(OptionList).highlighted].label


async def open_cities(app, pilot):
    await pilot.press("1")
    await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
    return app.screen.cities_pane


async def test_typing_3_in_the_families_picker_jumps_to_at_least_3_and_counts_are_shown():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_cities(app, pilot)
        pane._change(region="Europe")
        await wait_until(pilot, lambda: pane.view.filter.region == "Europe", "Europe")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the picker")
        await pilot.press("3")
        await pilot.pause()
        assert highlighted(app).startswith("In at least 3 of ")
        # counted from the Cities frame by hand: European cities in 3 or more families
        europe = pane.frame.filter(pl.col("region") == "Europe")
        expected = europe.filter(pl.col("families") >= 3).height
        assert highlighted(app).endswith(f"({expected:,})")
        assert app.screen.choices[0].label.endswith(f"({europe.height:,})")
        await pilot.press("enter")
        await wait_until(pilot, lambda: pane.view.filter.min_families == 3, "picked")
        assert pane.shown == expected


async def test_tier_counts_are_for_the_view_not_the_whole_index(catalog):
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        app.screen.goto_index("ici-2014")
        await wait_until(pilot, lambda: app.screen.pane.info.id == "ici-2014", "ICI")
        app.screen.pane.set_view(View(Filter(region="Europe")))
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "tier picker")
        rows = catalog.entries("ici-2014")
        europe = rows.filter(pl.col("region") == "Europe")
        nexus = europe.filter(pl.col("tier") == "NEXUS").height
        assert nexus < rows.filter(pl.col("tier") == "NEXUS").height  # the two differ
        assert any(c.label == f"1. NEXUS ({nexus:,})" for c in app.screen.choices)
        assert "in this view" in app.screen.title_text


async def test_rank_band_picker_counts_each_band():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        await pilot.press("3")  # GII: no tiers, rank bands
        await wait_until(pilot, lambda: app.screen.pane.info.family == "gii", "GII")
        ranks = app.screen.pane.frame["rank"].to_list()
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "band picker")
        first = next(c for c in app.screen.choices if c.label.strip().startswith("Ranks 1–"))
        low, high = first.value.min_rank, first.value.max_rank
        by_hand = sum(1 for r in ranks if r is not None and low <= r <= high)
        assert first.label.strip() == f"Ranks {low}–{high} ({by_hand:,})"


async def test_the_highlighted_choice_carries_a_glyph_under_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "sort picker")
        await pilot.pause()
        # inside the dialog's list (its left edge ▊), not the table's own cursor behind it
        marked = [line for line in screen_lines(app) if "▊ ▶ " in line]
        assert len(marked) == 1 and highlighted(app) in marked[0]
        await pilot.press("down")
        await pilot.pause()
        marked = [line for line in screen_lines(app) if "▊ ▶ " in line]
        assert len(marked) == 1 and highlighted(app) in marked[0]
