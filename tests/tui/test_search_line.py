"""The search box takes the summary line's place, and the footer is one line of keys (issue 15:
`/` and Esc repaint without moving anything on screen). No timings: bench/filter.py has those."""

from __future__ import annotations

from tests.support.screen import screen_lines

SIZE = (80, 24)


def line_of(app, text: str) -> int:
    """The screen line holding `text` (-1 when none does)."""
    return next((n for n, line in enumerate(screen_lines(app)) if text in line), -1)


async def test_the_search_box_replaces_the_summary_in_place_with_the_count_on_its_right(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary_at = line_of(app, "row 1 of 151 · 151 of 151")
        header_at = line_of(app, "Rank ▲ Name")
        assert summary_at > 0 and header_at == summary_at + 1

        await pilot.press("slash", *"seo")
        await pilot.pause()
        box = screen_lines(app)[summary_at]
        assert "▌ seo" in box and box.rstrip().endswith("1 of 151")  # the matches, on the right
        assert line_of(app, "Rank ▲ Name") == header_at  # the table did not move
        assert line_of(app, "Seoul") == header_at + 1

        await pilot.press("escape")
        await pilot.pause()
        assert "row 1 of 151 · 151 of 151" in screen_lines(app)[summary_at]
        assert line_of(app, "Rank ▲ Name") == header_at

        await pilot.press("slash", *"tok", "enter")  # kept: the summary says it
        await pilot.pause()
        assert 'row 1 of 1 · 1 of 151 · search "tok"' in screen_lines(app)[summary_at]
        await pilot.press("slash")  # reopens with the text
        await pilot.pause()
        assert "▌ tok" in screen_lines(app)[summary_at]


async def test_a_click_on_a_key_in_the_footer_presses_it(app):
    from cityrank_tui.tui.widgets.footer import KeyFooter

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "/ Search" in footer and "^p Palette" in footer
        await pilot.click(KeyFooter, offset=(footer.index("/ Search") + 2, 0))
        await pilot.pause()
        assert "▌ " in screen_lines(app)[line_of(app, "Rank ▲ Name") - 1]  # the search box opened
        assert "f1 Help" in screen_lines(app)[-1]  # and the footer shows its keys


async def test_the_footer_shows_the_search_boxs_keys_and_they_can_be_remapped():
    from cityrank_tui.tui.app import CityRankApp
    from tests.support.screen import write_config

    write_config('[keys]\nsearch.drop = "ctrl+g"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary_at = line_of(app, "row 1 of 151 · 151 of 151")
        await pilot.press("slash", *"seo")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "⏎ Keep" in footer and "^g Drop" in footer
        assert "Region" not in footer  # r types into the box: not offered while typing
        await pilot.press("escape")  # no longer Drop's key
        await pilot.pause()
        assert "▌ seo" in screen_lines(app)[summary_at]
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "row 1 of 151 · 151 of 151" in screen_lines(app)[summary_at]
        assert "Region" in screen_lines(app)[-1]


async def test_a_click_in_a_long_search_puts_the_cursor_on_the_letter_clicked(app):
    import string

    from textual import events
    from textual.widgets import Input

    from tests.support.waiting import wait_until

    # 86 letters, each once: wider than the room left of the count at 80 columns
    text = string.ascii_letters + string.digits + "αβγδεζηθικλμνξοπρστυφχψω"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary_at = line_of(app, "row 1 of 151 · 151 of 151")
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one(".search-line", Input)
        # most of it pasted, the last letters typed (typing all 86 is not what is under test)
        box.post_message(events.Paste(text[:-10]))
        await wait_until(pilot, lambda: box.value == text[:-10], "the paste reaches the box")
        await pilot.press(*text[-10:])
        await pilot.pause()
        assert box.value == text and box.cursor_position == len(text)
        line = screen_lines(app)[summary_at]
        assert text[-10:] in line and text[:10] not in line  # drawn shifted: the end shows
        column = line.index(text[-20])  # a letter on screen, left of the cursor
        await pilot.click(".search-line", offset=(column, 0))
        await pilot.pause()
        assert box.value[box.cursor_position] == text[-20]


async def test_the_empty_search_box_names_its_keys_as_the_user_has_them():
    from cityrank_tui.tui.app import CityRankApp
    from tests.support.screen import write_config

    write_config('[keys]\nsearch.drop = "ctrl+g"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary_at = line_of(app, "row 1 of 151 · 151 of 151")
        await pilot.press("slash")
        await pilot.pause()
        assert "Enter keeps it · ctrl+g clears" in screen_lines(app)[summary_at]
