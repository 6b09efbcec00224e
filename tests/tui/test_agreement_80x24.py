"""The agreement at 80×24 (found by a newcomer review): l and h scroll it sideways; after
scrolling, no tail of a cut column ('few') stands beside the row labels; an import's row and
column are named by its --name, as its tab is."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cityrank_tui.cli import main
from cityrank_tui.tui.screens.agreement import AgreementScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until


@pytest.fixture
def imported(tmp_path, capsys):
    source = tmp_path / "mine.csv"
    rows = ["Denver,USA", "Atlanta,USA", "Tokyo,Japan", "London,UK", "Paris,France", "Oslo,Norway"]
    source.write_text(
        "Rank,City,Country\n" + "".join(f"{n},{row}\n" for n, row in enumerate(rows, 1)),
        encoding="utf-8",
    )
    assert main(["import", str(source), "--id", "mine-2026", "--name", "My list"]) == 0
    capsys.readouterr()


def _matrix_lines(app, table) -> list[str]:
    """The table's painted lines: its header, then its rows as far as they are in view."""
    region = table.region
    return [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]


async def test_l_and_h_scroll_by_whole_columns_and_an_import_goes_by_its_name(imported, app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_agreement()
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "agreement")
        screen = app.screen
        table = screen.query_one(DataTable)
        labels = [str(label) for _, label in screen.result.rows]
        assert "My list" in labels and "mine-2026" not in labels
        fixed = table.ordered_columns[0].get_render_width(table)
        for _ in range(len(labels) + 2):  # past the last column
            await pilot.press("l")
        await wait_until(pilot, lambda: table.scroll_x > 0, "l scrolls the matrix")
        await wait_until(
            pilot, lambda: table.cursor_coordinate.column == len(labels), "the last column"
        )
        for _ in range(len(labels)):
            await pilot.press("j")
        await wait_until(pilot, lambda: table.cursor_coordinate.row == len(labels) - 1, "last row")
        await pilot.pause()
        header, *rows = _matrix_lines(app, table)
        assert header[fixed:].split()[0] in labels, header  # a whole column's heading
        rows = [line for line in rows if line[:fixed].strip() in labels]
        assert len(rows) >= 8
        for line in rows:
            # after the label, a whole column's cell (a figure, n<3 or ·), never a cut one's tail
            assert line[fixed] == " " and line[fixed + 1] in "+-·n", line
            assert "few" not in line[:fixed]
        for _ in range(len(labels) + 2):
            await pilot.press("h")
        await wait_until(pilot, lambda: table.scroll_x == 0, "h scrolls back")
