"""The agreement matrix as a newcomer read it (#24 items 15 and 16), at 80×24: a cell's shade
follows its printed figure, the footer names the way back from every edition, and a terminal
that cannot show the block shades gets stand-ins that keep their order."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from cityrank_tui.core import agreement
from tests.support.screen import on_screen, screen_lines
from tests.support.waiting import wait_until

# The legend's bounds, as a reader applies them to the printed figure.
UNICODE = ((0.7, "█"), (0.4, "▓"), (0.2, "▒"), (0.0, "░"))
ASCII = ((0.7, "###"), (0.4, "##"), (0.2, "#"), (0.0, "."))


def expected(printed: str, shades) -> str:
    return next(glyph for bound, glyph in shades if abs(float(printed)) >= bound)


def cells(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [
        str(table.get_cell_at((r, c)))
        for r in range(table.row_count)
        for c in range(1, len(table.columns))
    ]


async def every_edition(app, pilot):
    await pilot.press("A")
    await wait_until(pilot, lambda: app.screen.query("#agreement-table"), "the agreement view")
    rows = app.screen.query_one(DataTable).row_count
    await pilot.press("a")
    await wait_until(
        pilot, lambda: app.screen.query_one(DataTable).row_count > rows, "every edition shown"
    )


async def test_each_shade_agrees_with_its_printed_figure_and_the_footer_says_the_way_back(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: on_screen(app, "All editions"), "the footer's a key")
        await every_edition(app, pilot)
        figures = [re.match(r"([+-]\d\.\d\d)(\S)", c) for c in cells(app)]
        shown = [(m[1], m[2]) for m in figures if m]
        assert ("+0.20", "▒") in shown  # GII 2025 ~ GFCI 37: ρ = 0.1956, printed +0.20
        for printed, glyph in shown:
            assert glyph == expected(printed, UNICODE), (printed, glyph)
        await wait_until(pilot, lambda: on_screen(app, "By family"), "the way back in the footer")
        footer = screen_lines(app)[-1]
        assert "All editions" not in footer, footer
        await pilot.press("a")
        await wait_until(pilot, lambda: "All editions" in screen_lines(app)[-1], "the way there")


async def test_an_ascii_terminal_gets_shades_that_keep_their_order(app, monkeypatch):
    monkeypatch.setattr("cityrank_tui.tui.screens.agreement.ascii_terminal", lambda: True)
    async with app.run_test(size=(80, 24)) as pilot:
        await every_edition(app, pilot)
        figures = [re.match(r"([+-]\d\.\d\d)(\S*)", c) for c in cells(app)]
        shown = [(m[1], m[2]) for m in figures if m]
        assert {glyph for _, glyph in shown} == {"###", "##", "#", "."}
        for printed, glyph in shown:
            assert glyph == expected(printed, ASCII), (printed, glyph)
        title = str(app.screen.query_one("#agreement-title").render())
        assert "### >= 0.7 ## >= 0.4 # >= 0.2 . below" in title, title
        assert not re.search("[█▓▒░≥]", title + "".join(cells(app)))


def test_the_cli_on_a_latin1_terminal_keeps_the_shades_apart(cli, monkeypatch):
    monkeypatch.setattr("cityrank_tui.termout.can_show", lambda stream, text: False)
    code, out, _ = cli("agreement", "--editions", "all")
    assert code == 0
    assert "### >= 0.7  ## >= 0.4  # >= 0.2  . below" in out, out
    assert "+0.20#" in out and not re.search("[█▓▒░≥]", out)


def test_shade_of_a_pair_follows_the_printed_figure(catalog):
    matrix = agreement.matrix(catalog, "all")
    for pair in matrix.unique_pairs:
        if pair.rho is None:
            continue
        printed = f"{pair.rho:+.2f}"
        assert pair.cell.startswith(printed + expected(printed, UNICODE))
        assert pair.cell_text(ascii_only=True).startswith(printed + expected(printed, ASCII))
