"""Bookmarks as a newcomer met them (#24 item 21), at 80×24: a long note was cut at 30
characters with no sign and shown nowhere else; `--list "asia hubs"` was refused though
"Asia hubs" exists; the `w` dialog's title was cut."""

from __future__ import annotations

from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.screens.bookmarks import BookmarksScreen
from cityrank_tui.tui.screens.dialogs import InputScreen
from cityrank_tui.tui.screens.profile import ProfileScreen
from tests.support.screen import line_with, on_screen, screen_text
from tests.support.waiting import wait_until

NOTE = "Regional HQ since 2019; ask Min-jun about the new office lease before March"


def test_watchlist_names_match_whatever_their_case_and_keep_their_spelling(cli):
    store = Bookmarks.load()
    store.add("seoul-kr", "Seoul", list_name="Asia hubs")
    code, out, err = cli("bookmarks", "list", "--list", "asia hubs")
    assert code == 0, err
    assert "Seoul" in out
    code, _, err = cli("bookmarks", "add", "Tokyo", "--list", "ASIA HUBS")
    assert code == 0 and "'Asia hubs'" in err, err
    again = Bookmarks.load()
    assert again.list_names == ["Asia hubs"]
    assert again.items["tokyo-jp"].lists == ("Asia hubs",)
    assert [b.city_id for b in again.in_list("asia HUBS")] == ["seoul-kr", "tokyo-jp"]
    assert cli("bookmarks", "list", "--list", "Europe")[0] == 2  # an unknown list is still refused


async def test_a_long_note_is_cut_with_an_ellipsis_and_read_whole_in_the_profile(app):
    Bookmarks.load().add("seoul-kr", "Seoul", note=NOTE, list_name="Asia hubs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen), "bookmarks")
        table = app.screen.table
        await wait_until(pilot, lambda: table.row_count == 1, "the bookmark's row")
        shown = str(table.row(0)["#note"])
        assert shown.endswith("…") and NOTE.startswith(shown[:-1]), shown
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        flat = " ".join(screen_text(app).split())
        assert f"Note: {NOTE}" in flat, flat[:400]
        assert "Watchlists: Asia hubs" in flat


async def test_the_watchlists_dialog_title_is_whole_and_says_what_to_type(app):
    Bookmarks.load().add("seoul-kr", "Seoul")
    Bookmarks.load().add("tokyo-jp", "Tokyo", list_name="Asia hubs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen), "bookmarks")
        await wait_until(pilot, lambda: app.screen.table.row_count == 2, "rows")
        app.screen.table.cursor_row = app.screen.ids.index("seoul-kr")
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, InputScreen), "the dialog")
        await wait_until(pilot, lambda: on_screen(app, "Watchlists for Seoul"), "its title")
        flat = " ".join(screen_text(app).split())
        assert "Comma-separated, e.g. Shortlist, Asia hubs." in flat, flat
        assert "…" not in line_with(app, "Watchlists for Seoul")
        await pilot.press(*"asia hubs", "enter")
        await wait_until(
            pilot, lambda: Bookmarks.load().items["seoul-kr"].lists == ("Asia hubs",), "saved"
        )
