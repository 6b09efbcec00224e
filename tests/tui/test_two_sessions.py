"""A change another session makes (a second terminal, a browser tab of `serve`, a script) shows in
a running app without a restart: bookmarks' ★ marks follow bookmarks.toml."""

from __future__ import annotations

from cityrank_tui.store.bookmarks import Bookmark, Bookmarks
from tests.support.screen import screen_text
from tests.support.waiting import wait_until


async def test_a_bookmark_added_by_another_session_shows_its_star(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Seoul" in screen_text(app), "ICI 2014 shown")
        assert "seoul-kr" not in app.bookmarks
        other = Bookmarks.load()  # another session, writing the same file
        other.add("seoul-kr", "Seoul")
        await wait_until(pilot, lambda: "seoul-kr" in app.bookmarks, "the app read the file")
        await wait_until(
            pilot,
            lambda: any("Seoul" in line and "★" in line for line in screen_text(app).splitlines()),
            "Seoul's row carries ★",
        )
        other.remove("seoul-kr")
        await wait_until(pilot, lambda: "seoul-kr" not in app.bookmarks, "the removal followed")


def test_changes_this_session_could_not_save_are_not_dropped_by_a_reread():
    """Bookmarks kept only in memory (the folder refused them) survive a look at the file."""
    mine = Bookmarks.load()
    mine.items["tokyo-jp"] = Bookmark("tokyo-jp", "Tokyo", "", (), "")
    mine.unsaved.append(lambda items: items.update(tokyo=mine.items["tokyo-jp"]))
    Bookmarks.load().add("seoul-kr", "Seoul")  # another session writes the file
    assert mine.refresh() is False and "tokyo-jp" in mine


def test_a_reread_that_finds_nothing_new_reports_no_change():
    mine = Bookmarks.load()
    mine.add("seoul-kr", "Seoul")
    assert mine.refresh() is False  # our own write is not another session's
    Bookmarks.load().add("paris-fr", "Paris")
    assert mine.refresh() is True and "paris-fr" in mine
