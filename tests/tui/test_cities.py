"""Pilot tests for bookmarks, profiles, the comparison view and index-versus-index, at 80×24."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.bookmarks import BookmarksScreen
from cityrank_tui.tui.screens.compare import CompareScreen
from cityrank_tui.tui.screens.correlate import CorrelateScreen
from cityrank_tui.tui.screens.dialogs import InputScreen, PickScreen
from cityrank_tui.tui.screens.main import MainScreen
from cityrank_tui.tui.screens.profile import ProfileScreen
from tests.support.screen import toasts
from tests.support.waiting import wait_for_command

SIZE = (80, 24)


def rows_text(app) -> list[str]:
    table = app.screen.pane.table
    return [table.render_line(y).text for y in range(1, table.size.height)]


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def cell_texts(table: DataTable, row: int) -> list[str]:
    return [str(c) for c in table.get_row_at(row)]


async def test_b_bookmarks_the_highlighted_city_marks_it_and_saves_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.jump_to_city("london-gb")  # row 3: rows 1-2 are US cities and a cluster
        await pilot.press("b")
        await pilot.pause()
        assert rows_text(app)[2].startswith("▶★ ") and "London" in rows_text(app)[2]
        assert list(Bookmarks.load().items) == ["london-gb"]
        await pilot.press("j", "b", "k", "b")  # bookmark Boston, un-bookmark London
        await pilot.pause()
        assert list(Bookmarks.load().items) == ["boston-us"]
        assert rows_text(app)[2].startswith("▶  ") and rows_text(app)[3].startswith(" ★ ")


async def test_bookmark_on_a_cluster_row_asks_which_member(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(
            "3", "left_square_bracket", "left_square_bracket", "home"
        )  # GII 2023: Tokyo–Yokohama first ([ keeps the cursor on 2025's first city: Home)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert [c.label for c in app.screen.choices] == ["Tokyo", "Yokohama"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert list(app.bookmarks.items) == ["yokohama-jp"]
        assert rows_text(app)[0].startswith("▶★ ")  # the cluster row carries its member's mark


async def test_filter_to_bookmarked_cities_follows_changes_and_is_restored():
    Bookmarks.load().add("seoul-kr", "Seoul")
    Bookmarks.load().add("tokyo-jp", "Tokyo")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.pane.result["name"].to_list() == ["Seoul", "Tokyo"]
        assert "bookmarked only" in str(app.screen.pane.summary.render())
        await pilot.press("b")  # un-bookmark Seoul: it leaves the filtered view
        await pilot.pause()
        assert app.screen.pane.result["name"].to_list() == ["Tokyo"]
        await pilot.press("q")
    again = CityRankApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.pane.result["name"].to_list() == ["Tokyo"]
        await pilot.press("f")
        await pilot.pause()
        assert again.screen.pane.result.height == 151


async def test_bookmarked_only_without_bookmarks_says_so(app):
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.pane.result.height == 151
        assert any("No bookmarks yet" in n for n in toasts(app))


async def test_bookmarks_view_lists_ranks_notes_lists_and_unknown_cities():
    store = Bookmarks.load()
    store.add("seoul-kr", "Seoul", list_name="Asia hubs")
    store.add("boston-us", "Boston")
    store.add("atlantis-xx", "Atlantis")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        lines = [screen.table.render_line(y).text for y in (1, 2, 3)]
        assert lines[0].split() == ["▶★", "Seoul", "Asia", "hubs", "12/445", "4/100", "3/100"]
        assert lines[2].startswith(" ★ Atlantis (unknown city)")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InputScreen)
        await pilot.press(*"HQ here", "enter")
        await pilot.pause()
        assert Bookmarks.load().items["seoul-kr"].note == "HQ here"
        await pilot.press("j", "w")
        await pilot.pause()
        await pilot.press(*"Shortlist, Asia hubs", "enter")
        await pilot.pause()
        assert Bookmarks.load().items["boston-us"].lists == ("Shortlist", "Asia hubs")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # (every) · Asia hubs · Shortlist
        await pilot.pause()
        assert screen.ids == ["boston-us"]
        await pilot.press("b")  # remove it from the bookmarks: it holds lists, so it asks first
        await pilot.pause()
        assert "boston-us" in Bookmarks.load()
        await pilot.press("y")
        await pilot.pause()
        assert "boston-us" not in Bookmarks.load()
        assert screen.ids == [
            "seoul-kr",
            "atlantis-xx",
        ]  # its list is gone, so every bookmark shows


async def test_bookmarks_that_cannot_be_saved_are_kept_for_the_session(tmp_path, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("")
    monkeypatch.setenv("CITYRANK_CONFIG_DIR", str(blocker))
    app = CityRankApp()
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        app.screen.jump_to_city("london-gb")
        await pilot.press("b")
        await pilot.pause()
        assert "london-gb" in app.bookmarks
        assert rows_text(app)[2].startswith("▶★ ")
        assert any("cannot be saved" in n and "kept for this session" in n for n in toasts(app))
        await pilot.press("B")
        await pilot.pause()
        assert "NOT SAVED" in static_text(app.screen, "#bookmarks-title")


async def test_corrupt_bookmarks_file_is_reported_and_the_app_starts(tmp_path, monkeypatch):
    from cityrank_tui.store import paths

    paths.bookmarks_file().parent.mkdir(parents=True)
    paths.bookmarks_file().write_text("[[bookmarks]\n")
    app = CityRankApp()
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("is not valid TOML" in n and ".corrupt-" in n for n in toasts(app))


async def test_profile_shows_every_index_movement_and_absences(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.jump_to_city("tokyo-jp")
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProfileScreen) and screen.city.city_id == "tokyo-jp"
        body = str(screen.query_one(".screen-body Static").render())
        assert "Innovation Cities 2014     15 of 445" in body
        assert "through the cluster Tokyo–Yokohama (Tokyo, Yokohama)" in body
        # the family by its one display name (#24 item 17), as in the rows above
        assert "Exchange Centers 2024 → 2025: 8 → 9, down 1 (out of 43, then 50)" in body
        assert "not directly comparable" in " ".join(body.split())
        # a score with the places its index declares, as `show` prints it (not 1,375.8029509199)
        gpci = next(line for line in body.splitlines() if line.startswith("GPCI 2023"))
        assert gpci.split()[-1] == "1,375.8"
        await pilot.press("b")
        await pilot.pause()
        assert "tokyo-jp" in Bookmarks.load() and "★ bookmarked" in static_text(
            screen, ".screen-title"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_profile_says_not_ranked_or_not_in_our_data(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_profile("hsinchu-tw")
        await pilot.pause()
        body = str(app.screen.query_one(".screen-body Static").render())
        assert "Innovation Cities 2014: not ranked (the publisher's complete list" in body
        assert "GII clusters 2022: not in our data (we hold 27 of 100 clusters" in body


async def test_pick_with_space_then_compare_side_by_side(app):
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")  # nothing picked yet
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Pick 2 to 4 cities" in n for n in toasts(app))
        app.screen.jump_to_city("seoul-kr")
        await pilot.press("space")
        app.screen.jump_to_city("tokyo-jp")
        await pilot.press("space")
        await pilot.pause()
        assert app.picks == ["seoul-kr", "tokyo-jp"]
        assert any(line.startswith("▶ ②") and "Tokyo" in line for line in rows_text(app))
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            " ",
            "Index",
            "Measure",
            "Seoul",
            "Tokyo",
        ]
        assert cell_texts(table, 0) == ["▶", "ICI 2014", "Rank", "● 12/445", "  15/445"]
        assert (
            table.size.width <= 80
            and sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        )
        detail = static_text(screen, "#compare-detail")
        assert (
            "Seoul: 12/445 ● better" in detail
            and "source: http://innovation-cities.com/?p=8900" in detail
        )
        await pilot.press("n")  # ICI Tier is the same (NEXUS, NEXUS): skipped
        await pilot.pause()
        assert table.cursor_row == 2 and cell_texts(table, 2)[2] == "Score"
        assert cell_texts(table, 2)[0] == "▶" and cell_texts(table, 0)[0] == " "


async def test_picks_are_capped_at_four(app):
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        app.screen.jump_to_city("london-gb")  # past the cluster row, which names two cities
        for _ in range(5):
            await pilot.press("space", "j")
        await pilot.pause()
        assert len(app.picks) == 4
        assert any("holds 4 cities" in n for n in toasts(app))


async def test_index_versus_index_from_a_tab(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("equals_sign")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "enter")  # GII clusters 2023
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorrelateScreen)
        assert "over 37 pairs of entries" in static_text(
            screen, ".screen-title"
        )  # a cluster counts once
        plot = static_text(screen, "#plot")
        assert "→ Innovation Cities 2014 rank" in plot and "└" in plot and "•" in plot
        from textual.widgets import OptionList

        rows = screen.query_one("#disagreements-list", OptionList)
        assert "Wuhan" in str(rows.get_option_at_index(0).prompt)  # the biggest gap first


async def test_palette_opens_a_profile_and_picks_a_city(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"Profile of Seoul")
        await wait_for_command(pilot, "Profile of Seoul")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen) and app.screen.city.city_id == "seoul-kr"
