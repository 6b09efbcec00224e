"""Every key of every screen is declared once, remappable per screen, and named as the user has it
(issue 13): driven with Pilot, asserted on what the terminal shows."""

from __future__ import annotations

from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.app import CityRankApp
from tests.support.screen import line_with, on_screen, screen_lines, write_config
from tests.support.waiting import wait_until

SIZE = (80, 24)


async def test_clear_remapped_to_z_is_what_the_empty_table_names_and_z_clears():
    write_config('[keys]\nclear = "z"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"atlantis", "enter")
        await pilot.pause()
        assert on_screen(app, "Press z to clear every filter, u to undo")
        assert not on_screen(app, "Press x")
        await pilot.press("x")  # the old key does nothing now
        await pilot.pause()
        assert on_screen(app, "No city matches")
        await pilot.press("z")
        await pilot.pause()
        assert not on_screen(app, "No city matches")
        assert on_screen(app, "no filter")


async def test_bookmarks_view_keys_follow_config_toml():
    write_config('[keys.bookmarks]\nnote = "N"\nwatchlists = "W"\nshow_list = "L"\nremove = "X"\n')
    Bookmarks.load().add("seoul-kr", "Seoul")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "X Remove" in footer and "N Note" in footer and "W Lists" in footer
        await pilot.press("n")  # the default key is free now: nothing opens
        await pilot.pause()
        assert not on_screen(app, "Note on Seoul")
        await pilot.press("N")
        await pilot.pause()
        assert on_screen(app, "Note on Seoul")
        await pilot.press(*"HQ here", "enter")
        await pilot.pause()
        assert line_with(app, "Seoul").count("HQ here") == 1
        await pilot.press("W")
        await pilot.pause()
        assert on_screen(app, "Watchlists for Seoul")
        await pilot.press(*"Asia hubs", "enter")
        await pilot.pause()
        assert "Asia hubs" in line_with(app, "Seoul")
        await pilot.press("L")
        await pilot.pause()
        assert on_screen(app, "Show which watchlist?")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("X")  # it holds a note: asked first, the question naming its keys
        await pilot.pause()
        assert on_screen(app, "Remove the bookmark on Seoul?")
        assert on_screen(app, "y removes · n or Esc keeps it")
        await pilot.press("y")
        await pilot.pause()
        assert on_screen(app, "No bookmarks yet. Press b on a row")


async def test_comparison_next_and_previous_difference_follow_config_toml():
    write_config('[keys]\ncompare.next_diff = "d"\ncompare.prev_diff = "D"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.toggle_pick("seoul-kr")
        app.toggle_pick("tokyo-jp")
        await pilot.press("v")
        await pilot.pause()
        assert on_screen(app, "d next difference · Esc back")
        assert line_with(app, "▶").split()[1:4] == ["ICI", "2014", "Rank"]
        await pilot.press("n")  # the default key is free now
        await pilot.pause()
        assert "Rank" in line_with(app, "▶")
        await pilot.press("d")  # ICI's tier is the same for both (NEXUS): skipped
        await pilot.pause()
        assert "Score" in line_with(app, "▶")
        await pilot.press("D")
        await pilot.pause()
        assert "Rank" in line_with(app, "▶")


async def test_profile_pick_follows_config_toml_and_a_bare_name_remaps_every_screen():
    write_config('[keys]\nprofile.pick = "P"\nbookmark = "z"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("number_sign", "3", "enter", "p")  # London (rank 3 of ICI 2014)
        await pilot.pause()
        assert screen_lines(app)[0].strip().startswith("London")
        assert "P Pick" in screen_lines(app)[-1] and "z Bookmark" in screen_lines(app)[-1]
        await pilot.press("space", "b")  # the default keys are free now
        await pilot.pause()
        assert "picked" not in screen_lines(app)[0] and "★" not in screen_lines(app)[0]
        await pilot.press("P", "z")
        await pilot.pause()
        title = " ".join(line.strip() for line in screen_lines(app)[:2])  # it wraps at 80
        assert "★ bookmarked · picked 1 for comparison" in title


async def test_help_lists_this_screens_keys_first_with_the_users_keys():
    write_config('[keys]\nbookmarks.note = "N"\n')
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("B", "question_mark")
        await pilot.pause()
        lines = [line.strip(" ▎█▊▍") for line in screen_lines(app)]
        first = next(i for i, line in enumerate(lines) if "Bookmarks (B) (this screen)" in line)
        note = next(i for i, line in enumerate(lines) if "[bookmarks.note]" in line)
        assert first < note < first + 10
        assert lines[note].startswith("N  Write the highlighted bookmark's note")
        assert not any("Index tabs" in line for line in lines[:note])
        # then the keys of every screen, after this screen's
        assert any("On every screen" in line for line in lines[note:])


async def test_the_palette_offers_only_what_applies_where_it_was_opened():
    Bookmarks.load().add("seoul-kr", "Seoul")
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"Filter by")
        await wait_until(  # on the index tabs: offered (the palette gathers in a worker)
            pilot, lambda: on_screen(app, "Filter by UN region"), "Filter by UN region offered"
        )
        await pilot.press("escape", "B", "colon", *"Filter by")
        await pilot.pause()
        assert not on_screen(app, "Filter by UN region")
        assert not on_screen(app, "Filter by country")
        await pilot.press(*["backspace"] * 9, *"note")
        await wait_until(
            pilot,
            lambda: on_screen(app, "Write the highlighted bookmark's note"),
            "the note command offered on the bookmarks view",
        )
        assert on_screen(app, "key: n")


async def test_a_remap_onto_a_key_of_the_same_screen_is_refused_in_one_line():
    write_config('[keys]\nbookmarks.note = "w"\nclear = "j"\n')
    Bookmarks.load().add("seoul-kr", "Seoul")
    app = CityRankApp()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert on_screen(app, 'keys.bookmarks.note = "w" is already bookmarks.watchlists')
        assert on_screen(app, "keys.clear")
        await pilot.press("B", "n")  # the note keeps n; w stays the watchlists' key
        await pilot.pause()
        assert on_screen(app, "Note on Seoul")
        await pilot.press("escape", "w")
        await pilot.pause()
        assert on_screen(app, "Watchlists for Seoul")
