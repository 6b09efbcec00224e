"""y / Y copy in the format the user picked (CSV, TSV or Markdown), asked on the first copy and
remembered; every copy carries the publisher's attribution (issue 22, item 4)."""

from __future__ import annotations

import csv
import io

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.screen import write_config
from tests.support.waiting import saved_state, wait_until

SIZE = (80, 24)


def pane_of(app):
    return app.screen.pane


def catch(app) -> list[str]:
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    return copied


async def test_the_first_copy_asks_the_format_and_the_pick_is_remembered():
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")  # GII, rows with a score
        await wait_until(pilot, lambda: pane_of(app).info.family == "gii", "the GII tab")
        pane = pane_of(app)
        row = pane.table.current_row
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the format picker")
        assert [c.label.split(":")[0] for c in app.screen.choices] == ["CSV", "TSV", "Markdown"]
        await pilot.press("down", "enter")  # TSV
        await wait_until(pilot, lambda: copied, "a copy")
        rows = list(csv.DictReader(io.StringIO(copied[-1]), delimiter="\t"))
        assert len(rows) == 1 and "\t" in copied[-1].splitlines()[0]
        assert rows[0]["name"] == row["name"] and int(rows[0]["rank"]) == row["rank"]
        assert rows[0]["source_url"] == row["source_url"]
        assert rows[0]["attribution"] == pane.info.attribution
        await wait_until(pilot, lambda: 'picked = "tsv"' in saved_state(), "the pick saved")
        # Y: no question now, the whole view in the same format
        await pilot.press("Y")
        await wait_until(pilot, lambda: len(copied) == 2, "the view copied")
        assert not isinstance(app.screen, PickScreen)
        rows = list(csv.DictReader(io.StringIO(copied[-1]), delimiter="\t"))
        assert [r["name"] for r in rows] == pane.result["name"].to_list()
    # a new session copies as TSV at once
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: copied, "a copy without asking")
        assert "\t" in copied[-1].splitlines()[0]


async def test_markdown_pastes_with_the_attribution_line():
    write_config('copy_format = "md"\n')
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: pane_of(app).info.family == "gii", "the GII tab")
        pane = pane_of(app)
        await pilot.press("Y")
        await wait_until(pilot, lambda: copied, "a copy (config.toml named the format)")
        lines = copied[-1].rstrip("\n").splitlines()
        table = [line for line in lines if line.startswith("|")]
        assert table[0].startswith("| Rank |") and table[1].startswith("|---")
        assert len(table) == 2 + pane.result.height
        # under the table, as pasted into a document (a list item, as every Markdown report)
        assert lines[-1] == f"- {pane.info.attribution}"
        first_source = pane.result["source_url"][0].split(" | ")[0]
        assert first_source in table[2]


async def test_the_cities_tab_copies_markdown_with_every_publisher_named():
    write_config('copy_format = "md"\n')
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.cities_pane is not None, "the Cities tab")
        pane = app.screen.cities_pane
        pane._change(country="Switzerland")
        await wait_until(pilot, lambda: pane.view.filter.country == "Switzerland", "filtered")
        await pilot.press("Y")
        await wait_until(pilot, lambda: copied, "a copy")
        text = copied[-1]
        shown = pane.result
        editions = {
            v for c in shown.columns if c.endswith("#edition") for v in shown[c].to_list() if v
        }
        assert editions
        for edition in editions:  # each publisher whose figure is shown, from the catalogue
            assert app.catalog.indexes[edition].attribution in text
        for name in shown["name"].to_list():
            assert f"| {name} " in text


async def test_ctrl_y_changes_the_format_later():
    write_config('copy_format = "csv"\n')
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the format picker")
        await pilot.press("down", "down", "enter")  # Markdown
        await wait_until(pilot, lambda: not isinstance(app.screen, PickScreen), "picked")
        assert "Markdown from now on" in app.messages[-1][2]
        await pilot.press("y")
        await wait_until(pilot, lambda: copied, "a copy")
        assert copied[-1].startswith("## ")


async def test_esc_on_the_first_question_copies_nothing():
    app = CityRankApp()
    copied = catch(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the format picker")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PickScreen), "closed")
        await pilot.press("y")  # asked again: nothing was remembered
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "asked again")
        assert copied == []
