"""What the app computes ahead while idle shows the same screen as computing it on the key:
a GII edition visited first after the editions were read ahead, and the agreement matrix's
all-editions mode computed on a worker while the overlap mode is on show."""

from __future__ import annotations

from textual.widgets import DataTable

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.agreement import AgreementScreen
from tests.support.waiting import wait_until


def lines(widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def previous_gii_edition(warm: bool) -> tuple[str, list[str]]:
    app = CityRankApp()
    if not warm:
        app.warm_idle = lambda: None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        catalog = app.catalog
        if warm:
            bundled = [i.id for i in catalog.indexes.values() if i.bundled]
            await wait_until(
                pilot,
                lambda: all(i in catalog._entries for i in bundled),
                "every bundled edition read ahead",
            )
        else:
            assert "gii-2024" not in catalog._entries
        await app.screen.action_goto_tab(3)  # GII, on its latest edition
        await pilot.pause()
        await app.screen.action_prev_edition()
        await wait_until(pilot, lambda: app.screen.pane.table.painted, "the edition painted")
        pane = app.screen.pane
        return pane.info.id, lines(pane.table)


async def test_an_edition_read_ahead_shows_the_table_of_one_read_on_its_key():
    warm = await previous_gii_edition(True)
    cold = await previous_gii_edition(False)
    assert warm[0] == cold[0] == "gii-2024"
    assert warm[1] == cold[1] and any(line.strip() for line in warm[1])


async def all_editions_matrix(warm: bool) -> list[str]:
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = AgreementScreen(app.catalog)
        if not warm:
            screen._warm_other = lambda: None
        await app.push_screen(screen)
        await pilot.pause()
        if warm:
            await wait_until(pilot, lambda: "all" in screen._cache, "the other mode made ahead")
        else:
            assert "all" not in screen._cache
        await pilot.press("a")  # every edition
        await wait_until(pilot, lambda: screen.editions == "all", "the all-editions mode")
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == len(app.catalog.indexes), "rows")
        await pilot.pause()
        return [*lines(table), *lines(screen.query_one("#agreement-best"))]


async def test_the_all_editions_mode_made_ahead_shows_the_matrix_made_on_its_key():
    warm = await all_editions_matrix(True)
    cold = await all_editions_matrix(False)
    assert warm == cold and any("█" in line or "▓" in line for line in warm)
