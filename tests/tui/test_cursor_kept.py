"""The cursor stays on what the user was looking at (#24 items 10, 11): Esc in the search box
puts it back on the row it was on, and stepping editions keeps it on the same city."""

from __future__ import annotations

from tests.support.screen import screen_text
from tests.support.waiting import wait_until

SIZE = (100, 30)


async def shown(app, pilot, index_id: str) -> None:
    await wait_until(
        pilot,
        lambda: (
            getattr(app.screen, "pane", None) is not None and app.screen.pane.info.id == index_id
        ),
        f"{index_id} shown",
    )


async def test_esc_in_search_puts_the_cursor_back_on_its_row(app):
    """ICI 2014, 20 x j, / lon, Esc: the cursor was back on row 1."""
    async with app.run_test(size=SIZE) as pilot:
        await shown(app, pilot, "ici-2014")
        pane = app.screen.pane
        await pilot.press(*"j" * 20)
        await wait_until(pilot, lambda: pane.table.cursor_row == 20, "row 21")
        name = pane.table.current_row["name"]
        await pilot.press("slash", *"lon")
        await wait_until(pilot, lambda: len(pane.rows) < 151, "the search filters")
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(pane.rows) == 151, "the search dropped")
        assert pane.table.cursor_row == 20 and pane.table.current_row["name"] == name
        assert "row 21 of 151" in screen_text(app)


async def test_stepping_editions_keeps_the_cursor_on_the_same_city(app):
    """GII 2025 on Seoul, [ : GII 2024 on Seoul (it was on row 1, Seoul to be found again)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await shown(app, pilot, "gii-2025")
        pane = app.screen.pane
        seoul = pane.result["name"].to_list().index("Seoul")
        pane.table.cursor_row = seoul  # where the cursor is, not how it got there, is the point
        await pilot.press("left_square_bracket")
        await shown(app, pilot, "gii-2024")
        older = app.screen.pane
        await wait_until(pilot, lambda: older.table.current_row["name"] == "Seoul", "on Seoul")
        # Seoul is within the first screenful: nothing is scrolled off above it (it was: the
        # cursor was set before the new tab's table was laid out, which scrolled to it)
        assert older.table.cursor_row < older.table.visible_rows
        await wait_until(pilot, lambda: older.table.scroll_offset.y == 0, "row 1 in view")
        await pilot.press("right_square_bracket")
        await shown(app, pilot, "gii-2025")
        assert app.screen.pane.table.current_row["name"] == "Seoul"


async def test_a_city_the_next_edition_does_not_hold_leaves_its_cursor_and_says_so(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3")
        await shown(app, pilot, "gii-2025")
        pane = app.screen.pane
        held = {c for ids in app.catalog.entries("gii-2024")["city_ids"].to_list() for c in ids}
        rows = pane.result.select("name", "city_ids").rows()
        at = next(n for n, (_, ids) in enumerate(rows) if not set(ids) & held)
        pane.table.cursor_row = at
        await pilot.press("left_square_bracket")
        await shown(app, pilot, "gii-2024")
        said = f"{rows[at][0]} is not in this view of {app.catalog.indexes['gii-2024'].short_name}"
        await wait_until(
            pilot, lambda: any(said in n.message for n in app._notifications), "the note"
        )
        assert app.screen.pane.table.cursor_row == 0
