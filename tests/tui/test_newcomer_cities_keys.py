"""On the Cities tab u, F, e, #, y / Y work or say in one line why not; the view is exported and
copied with the attribution of every publisher whose figures are in it (issue 24, item 5),
at 80×24."""

from __future__ import annotations

import csv
import io
import json

import polars as pl
import pytest
from textual.widgets import Input

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from cityrank_tui.tui.screens.export import ExportPathScreen
from tests.support.screen import wait_for_export, write_config
from tests.support.waiting import wait_until

SIZE = (80, 24)


async def open_cities(app, pilot):
    await pilot.press("1")
    await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
    await pilot.pause()
    return app.screen.cities_pane


def publishers_of(app, row: dict) -> set[str]:
    """Each family's attribution for the editions a row of the Cities frame names: read from
    the catalogue, not from the export code."""
    editions = [v for k, v in row.items() if k.endswith("_edition") and v]
    return {app.catalog.indexes[e].attribution for e in editions}


async def test_u_undoes_a_filter_and_says_when_there_is_nothing_to_undo():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_cities(app, pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: app.messages, "a message")
        assert app.messages[-1][2] == "Nothing to undo."
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "frequency")
        labels = [c.label for c in app.screen.choices]
        europe = next(c for c in app.screen.choices if c.value == ("region", "Europe"))
        expected = pane.frame.filter(pl.col("region") == "Europe").height  # independent count
        assert f"{expected:,}" in europe.label.split(), labels
        app.screen.dismiss(europe.value)
        await wait_until(pilot, lambda: pane.view.filter.region == "Europe", "filtered")
        assert pane.shown == expected
        await pilot.press("u")
        await wait_until(pilot, lambda: pane.view.filter.region is None, "undone")
        assert pane.shown == pane.frame.height


@pytest.mark.parametrize("key", ["t", "s", "number_sign", "I"])
async def test_index_tab_keys_without_meaning_here_say_why_in_one_line(key):
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_cities(app, pilot)
        before = len(app.messages)
        await pilot.press(key)
        await wait_until(pilot, lambda: len(app.messages) > before, f"a message for {key}")
        said = app.messages[-1][2]
        assert said.endswith(".") and len(said) < 80  # one short sentence saying why
        assert "\n" not in said and len(app.messages) == before + 1
        assert app.screen.cities_pane is not None  # nothing opened, the tab is still shown


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
async def test_e_exports_the_cities_view_with_every_publishers_attribution(tmp_path, fmt):
    target = tmp_path / f"cities.{fmt}"
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_cities(app, pilot)
        pane._change(region="Northern Europe", min_families=3)
        await wait_until(pilot, lambda: pane.view.filter.min_families == 3, "filtered")
        names = pane.result["name"].to_list()
        assert 0 < len(names) < 100
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "format picker")
        app.screen.dismiss(fmt)
        await wait_until(pilot, lambda: isinstance(app.screen, ExportPathScreen), "path dialog")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for_export(app)
        await wait_until(pilot, lambda: target.exists(), "the file")
        text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["name"] for r in rows] == names
        for row in rows:
            assert set(row["attribution"].split(" | ")) == publishers_of(app, row)
    elif fmt == "json":
        body = json.loads(text)
        assert [c["name"] for c in body["rows"]] == names
        shown = {s["edition"] for c in body["rows"] for s in c["standings"].values()} - {None}
        assert set(body["attribution"]) == {app.catalog.indexes[e].attribution for e in shown}
    else:
        for name in names:
            assert f"| {name} " in text
        assert "GaWC" in text  # GaWC asks for its acknowledgement in every public use


async def test_y_and_Y_copy_the_row_and_the_view_with_attribution():
    write_config('copy_format = "csv"\n')  # the first copy would ask
    app = CityRankApp()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_cities(app, pilot)
        pane._change(country="Switzerland")
        await wait_until(pilot, lambda: pane.view.filter.country == "Switzerland", "filtered")
        await pilot.press("y")
        await wait_until(pilot, lambda: copied, "a copy")
        rows = list(csv.DictReader(io.StringIO(copied[-1])))
        assert [r["city_id"] for r in rows] == [pane.city_id]
        assert set(rows[0]["attribution"].split(" | ")) == publishers_of(app, rows[0])
        await pilot.press("Y")
        await wait_until(pilot, lambda: len(copied) == 2, "the view copied")
        rows = list(csv.DictReader(io.StringIO(copied[-1])))
        assert [r["name"] for r in rows] == pane.result["name"].to_list()
        assert all(r["country"] == "Switzerland" for r in rows)
        pane._change(country=None)  # every city: too big for a terminal's clipboard
        await wait_until(pilot, lambda: pane.shown == pane.frame.height, "every city")
        await pilot.press("Y")
        await wait_until(
            pilot,
            lambda: "too many" in app.messages[-1][2] or "KB" in app.messages[-1][2],
            "refused",
        )
        assert len(copied) == 2 and "press e to export" in app.messages[-1][2]
