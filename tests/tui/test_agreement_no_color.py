"""The agreement matrix without colour (NO_COLOR): its cursor cell must still be seen, and its
help must name the arrows that move it (they work: the matrix's own keys)."""

from __future__ import annotations

from rich.color import Color as RichColor
from textual.filter import NoColor
from textual.widgets import DataTable

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.agreement import AgreementScreen
from tests.support.screen import on_screen
from tests.support.waiting import wait_until


def _marked(app) -> list[str]:
    """The texts drawn in reverse video on screen once colour is removed, as NO_COLOR does."""
    strips = app.screen._compositor.render_strips()
    plain = NoColor()
    out = []
    for strip in strips:
        for segment in plain.apply(list(strip), RichColor.default()):
            if segment.style is not None and segment.style.reverse and segment.text.strip():
                out.append(segment.text.strip())
    return out


async def test_the_cursor_cell_is_reverse_video_and_follows_the_arrows(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "agreement")
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 2, "the matrix")
        before = table.cursor_coordinate
        await pilot.press("down", "right")
        await wait_until(
            pilot, lambda: table.cursor_coordinate != before, "the arrows move the cursor"
        )
        await pilot.pause()
        cell = str(table.get_cell_at(table.cursor_coordinate)).strip()
        assert cell and cell in _marked(app)  # drawn apart from its neighbours without colour

        await pilot.press("question_mark")
        await wait_until(pilot, lambda: on_screen(app, "Move the cell cursor left"), "the help")
        line = next(
            ln
            for ln in (s.text for s in app.screen._compositor.render_strips())
            if "Move the cell cursor left" in ln
        )
        assert "←" in line and "h" in line, line
