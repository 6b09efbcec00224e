"""The agreement at 80×24: the column the screen's right edge cuts ends in `…` ('+0.…'), as a
cut column does in every other table; cropped bare it read '+0.7', a figure never computed
(the whole one, '+0.76', is in the next column's view after `l`, and in the cell line)."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from cityrank_tui.tui.screens.agreement import AgreementScreen
from tests.support.screen import screen_lines
from tests.support.waiting import wait_until


def _cells(screen) -> dict[str, dict[str, str]]:
    """Each row label's cells by column label, from the matrix the screen computed."""
    labels = {key: str(label) for key, label in screen.result.rows}
    out: dict[str, dict[str, str]] = {}
    for a, row in labels.items():
        out[row] = {
            labels[b]: "·" if a == b else screen.result.pairs[(a, b)].cell_text(screen.ascii_only)
            for b in labels
        }
    return out


async def _check_edge(app, pilot) -> int:
    """Every matrix line ending at the edge in a cell's text ends in … after a prefix of that
    cell; returns how many lines were cut so."""
    screen = app.screen
    table = screen.query_one(DataTable)
    cells = _cells(screen)
    region = table.region
    edge = region.x + table.scrollable_content_region.width
    lines = [line[region.x : edge] for line in screen_lines(app)[region.y : region.bottom]]
    header, *rows = lines
    fixed = table.ordered_columns[0].get_render_width(table)
    heads = [(m.start(), m.group()) for m in re.finditer(r"\S+", header) if m.start() >= fixed]
    start, column = heads[-1]
    if column not in cells:  # the heading is cut too: the column after the one before it
        order = list(cells)
        column = order[order.index(heads[-2][1]) + 1]
        assert header[start:].endswith("…") and column.startswith(header[start:-1]), header
    marked = 0
    for line in rows:
        label = line[:fixed].strip()
        if label not in cells or not line.rstrip() or line[-1] == " ":
            continue
        shown = line[start:]
        whole = cells[label][column]
        # a cell that fits exactly is whole; a cut one is a prefix of its text and …
        if shown.rstrip() != whole:
            assert shown.endswith("…"), (line, whole)
            assert whole.startswith(shown[:-1]), (line, whole)
            marked += 1
    return marked


async def test_the_cell_cut_by_the_right_edge_ends_in_an_ellipsis(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_agreement()
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "agreement")
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0, "the matrix")
        await pilot.pause()
        # at 80×24 the sixth column (GPCI) is cut after '+0.7' of '+0.76█'
        assert await _check_edge(app, pilot) >= 5
        await pilot.press(*"llllll")
        await wait_until(pilot, lambda: table.scroll_x > 0, "l scrolls the matrix")
        await pilot.pause()
        await _check_edge(app, pilot)
