"""Sideways by whole columns (#24 item 6): a step of 8 characters cut headings mid-word
('CER 2024', 's Median pctl') and took about 30 presses of l to reach the Cities tab's last
column; now l steps one column, its heading whole, and L goes to the last column."""

from __future__ import annotations

from tests.support.waiting import wait_until


def heading_line(table) -> str:
    return table.render_line(0).text


async def open_cities(app, pilot):
    await pilot.press("1")
    await wait_until(
        pilot,
        lambda: app.screen.query("#cities-table") and app.screen.query_one("#cities-table").widths,
        "the Cities tab's table",
    )
    table = app.screen.query_one("#cities-table")
    table.focus()
    return table


async def test_l_steps_one_whole_column_with_its_heading_whole(app):
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_cities(app, pilot)
        labels = [c.label for c in table.columns]
        for step in range(1, 4):
            await pilot.press("l")
            await wait_until(pilot, lambda s=step: table.scroll_offset.x > 0, "scrolled")
            # the first column after the frozen ones, shown whole right after them
            frozen = table._frozen_width()
            shown = heading_line(table)[frozen:]
            assert shown.lstrip().startswith(str(labels[table.frozen + step]).strip()[:6]), shown
        await pilot.press("h")
        await wait_until(
            pilot,
            lambda: (
                heading_line(table)[table._frozen_width() :]
                .lstrip()
                .startswith(str(labels[table.frozen + 2]).strip()[:6])
            ),
            "one column back",
        )


async def test_L_reaches_the_last_column_and_H_the_first(app):
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_cities(app, pilot)
        last = str(table.columns[-1].label).strip()
        assert last not in heading_line(table)
        await pilot.press("L")
        await wait_until(pilot, lambda: last in heading_line(table), "the last heading shown")
        assert table.scroll_offset.x == table.max_scroll_x
        await pilot.press("H")
        await wait_until(pilot, lambda: table.scroll_offset.x == 0, "back to the first column")
