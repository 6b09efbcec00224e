"""Small screens and cut texts (#24 item 8): at 60×16 the footer lost `q Quit`, the header took 7
of 16 rows and the agreement matrix showed no row; at 80×24 and 120×40 the table's last column
was cut by the screen's edge without a sign; the import command an opened file suggests was cut
with nowhere to read it whole."""

from __future__ import annotations

from textual.widgets import DataTable

from cityrank_tui.core.opened import OpenRequest, import_command, read_head
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.opening import start
from cityrank_tui.tui.screens.dialogs import TextScreen
from tests.support.opening import MAPPING, excel_csv
from tests.support.screen import on_screen, screen_lines
from tests.support.waiting import wait_until


async def test_at_60x16_the_footer_keeps_help_and_quit_and_the_table_keeps_its_rows(app):
    async with app.run_test(size=(60, 16)) as pilot:
        await wait_until(pilot, lambda: app.screen.query("RankTable"), "a table")
        await wait_until(pilot, lambda: on_screen(app, "San Francisco"), "rank 1 drawn")
        lines = screen_lines(app)
        assert "? Help" in lines[-1] and "q Quit" in lines[-1] and "…" in lines[-1], lines[-1]
        first_row = next(n for n, line in enumerate(lines) if "San Francisco" in line)
        assert first_row <= 5, lines  # tabs, name, attribution, summary, headings
        assert any("Source: 2thinknow" in line for line in lines[:first_row])  # attribution kept


async def test_at_60x16_the_agreement_shows_its_matrix_under_a_one_line_legend(app):
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: app.screen.query("#agreement-table"), "the agreement")
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.size.height >= 5, "rows of the matrix")
        lines = screen_lines(app)
        assert "█ ≥ 0.7" in lines[1] and lines[1].rstrip().endswith("…"), lines[:3]
        assert any(line.startswith(" ICI ") and "+0." in line for line in lines), lines


async def test_a_column_cut_by_the_right_edge_ends_in_an_ellipsis(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await wait_until(pilot, lambda: app.screen.query("#cities-table"), "the Cities tab")
        table = app.screen.query_one("#cities-table")
        await wait_until(pilot, lambda: table.widths and table.size.width > 0, "laid out")
        room = table.scrollable_content_region.width
        rows = [table.render_line(y).text[:room] for y in range(1, 10)]
        # the last cells before the scrollbar: a cut text says so
        assert any(row.rstrip().endswith("…") for row in rows), rows
        for row in rows:
            last = row.rstrip().rsplit(" ", 1)[-1]
            assert last.endswith(("…", "—")) or "’" in last[-4:], row


async def test_an_opened_files_import_command_is_whole_in_messages(tmp_path):
    request = OpenRequest(excel_csv(tmp_path), mapping=MAPPING)
    app = CityRankApp(opening=start(read_head(request)))
    command = import_command(request)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: on_screen(app, "opened, not imported"), "the header")
        header = next(line for line in screen_lines(app) if "opened, not imported" in line)
        assert command not in header and header.rstrip().endswith("…"), header
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, TextScreen), "the messages")
        body = app.screen.query_one("VerticalScroll Static")
        assert command in str(body.render()).replace("\n", " "), str(body.render())
