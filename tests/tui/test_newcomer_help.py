"""`?` / F1 shows help on every screen, dialogs included, with that screen's keys first
(issue 24, item 4), at 80×24 as the newcomer saw it."""

from __future__ import annotations

import pytest

from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen, TextScreen
from cityrank_tui.tui.texts import help_text
from tests.support.waiting import wait_until

SIZE = (80, 24)


def is_help(app) -> bool:
    return isinstance(app.screen, TextScreen) and app.screen.is_help


def help_of(app) -> str:
    return app.screen.body.plain


async def open_main(app, pilot) -> None:
    await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")


@pytest.mark.parametrize(
    ("keys", "first"),
    [
        (["enter"], "In help and details (this screen)"),  # details
        (["r"], "In a picker (this screen)"),
        (["F"], "In a picker (this screen)"),
        (["I"], "In help and details (this screen)"),
        (["M"], "In help and details (this screen)"),
        (["number_sign"], "In a dialog's text box (this screen)"),
    ],
    ids=["details", "region picker", "frequency", "summary", "messages", "jump dialog"],
)
async def test_help_key_in_a_dialog_shows_that_dialogs_keys_first(keys, first):
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_main(app, pilot)
        main = app.screen
        await pilot.press(*keys)
        await wait_until(pilot, lambda: app.screen is not main, "the dialog")
        dialog = app.screen
        help_key = "f1" if keys == ["number_sign"] else "question_mark"  # ? types in a text box
        await pilot.press(help_key)
        await wait_until(pilot, lambda: is_help(app), "help over the dialog")
        assert help_of(app).split("\n")[2] == first
        await pilot.press("question_mark")  # in help, the help key opens no second help
        await pilot.pause()
        assert len(app.screen_stack) == 3
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is dialog, "back to the dialog")


async def test_f1_in_the_palette_shows_the_palettes_keys():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_main(app, pilot)
        await pilot.press("colon")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette", "palette")
        await pilot.press("f1")
        await wait_until(pilot, lambda: is_help(app), "help over the palette")
        assert "In the command palette (this screen)" in help_of(app)


async def test_question_mark_in_a_picker_is_help_not_a_search_for_it():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_main(app, pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "country picker")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: is_help(app), "help")
        assert "letters, digits" in help_of(app)


def test_cities_help_lists_bookmark_pick_and_profile(app):
    cities = help_text(app.keymap, "cities").plain.split("\n\n")[1]  # its section, first
    assert cities.startswith("Every city (C) (this screen)")
    for key, command in (
        ("b", "cities.bookmark"),
        ("Space", "cities.pick"),
        ("p", "cities.profile"),
    ):
        line = next(x for x in cities.splitlines() if f"[{command}]" in x)
        assert key in line.strip().split("  ")[0].split(" / "), line  # in the keys column


def test_correlate_help_lists_its_keys(app):
    section = help_text(app.keymap, "correlate").plain.split("\n\n")[1]
    assert "[correlate.profile]" in section and "[correlate.back]" in section


async def test_comparison_from_bookmarks_says_esc_goes_back_to_the_bookmarks():
    Bookmarks.load().add("seoul-kr", "Seoul")
    Bookmarks.load().add("tokyo-jp", "Tokyo")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_main(app, pilot)
        await pilot.press("B")
        await wait_until(pilot, lambda: app.screen.SCOPE == "bookmarks", "bookmarks")
        await pilot.press("space", "j", "space", "v")
        await wait_until(pilot, lambda: getattr(app.screen, "SCOPE", "") == "compare", "compare")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: is_help(app), "help")
        back = next(x for x in help_of(app).splitlines() if "[compare.back]" in x)
        assert "Back to the bookmarks" in back, back
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.screen.SCOPE == "bookmarks", "back in bookmarks")
