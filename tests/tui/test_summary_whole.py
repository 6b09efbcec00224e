"""A tab's summary line (its count, filters, search and sort) cut by an 80-column screen
('… · search "an" · sor…') is whole somewhere: in the row's details (Enter) on an index tab,
and in help (`?`) on every tab, as the header's cut lines are (#24 item 8)."""

from __future__ import annotations

from dataclasses import replace

from cityrank_tui.core.cityview import CityFilter
from cityrank_tui.core.filters import Filter, View
from cityrank_tui.tui.screens.dialogs import TextScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until


def _cut_summary(app, starts: str) -> str:
    return next((line.strip() for line in screen_lines(app) if line.strip().startswith(starts)), "")


def _body(app) -> str:
    return " ".join(app.screen.body.plain.split()) if isinstance(app.screen, TextScreen) else ""


async def test_an_index_tabs_cut_summary_is_whole_in_details_and_help(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.pane is not None, "ICI 2014 shown")
        pane = app.screen.pane
        assert pane.info.id == "ici-2014"
        pane.set_view(View(Filter(region="Eastern Asia", tiers=("NODE",), text="an")))
        await wait_until(pilot, lambda: _cut_summary(app, "row 1 of").endswith("…"), "cut")
        cut = _cut_summary(app, "row 1 of")[:-1]
        # what the line says, whole: each filter and the sort the tab shows
        whole = 'region=Eastern Asia · tier=NODE · search "an" · sort Rank ▲'
        await pilot.press("enter")
        await wait_until(pilot, lambda: "View:" in _body(app), "the view in details")
        said = _body(app).split("View: ", 1)[1]
        assert said.startswith(cut) and whole in said, (cut, said)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, TextScreen), "details closed")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: "This tab's view:" in _body(app), "the view in help")
        said = _body(app).split("This tab's view: ", 1)[1]
        assert said.startswith(cut) and whole in said, (cut, said)


async def test_the_cities_tabs_cut_summary_is_whole_in_help(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        pane = app.screen.cities_pane
        flt = CityFilter(region="Eastern Asia", min_families=3, text="an")
        pane.set_view(replace(pane.view, filter=flt))
        await wait_until(pilot, lambda: "Eastern Asia" in pane.summary.text.plain, "filtered")
        first = pane.summary.text.plain[:12]
        await wait_until(pilot, lambda: _cut_summary(app, first).endswith("…"), "cut")
        cut = _cut_summary(app, first)[:-1]
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: "This tab's view:" in _body(app), "the view in help")
        said = _body(app).split("This tab's view: ", 1)[1]
        # its end, past the cut: the families asked for and the sort
        whole = "matching 'an' · in at least 3 families · sorted by Median pctl (desc)"
        assert said.startswith(cut) and whole in said, (cut, said)
