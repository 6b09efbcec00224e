"""What a new user hits in the first hour (issue 14), driven with Pilot at the sizes they used."""

from __future__ import annotations

import pytest

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.tui.app import CityRankApp
from tests.support.details import first_row_details, last_section
from tests.support.screen import on_screen, screen_lines, toasts, wait_for_export
from tests.support.waiting import wait_for_command


def cursor_shown(app) -> bool:
    """The cursor's row (▶ in the table's first column) is on screen, not under a scrollbar."""
    pane = app.screen.pane
    table = pane.table
    top = table.region.y
    name = pane.table.current_row["name"]
    lines = screen_lines(app)[top : top + table.region.height]
    return any(line.startswith("▶") and name[:10] in line for line in lines)


INDEX_IDS = list(Catalog().indexes)


KEY_RUNS = (["G"], ["pagedown"], ["j"], ["G", "pageup", "pagedown"])


async def to_london(pilot) -> None:
    """The cursor on London (ICI 2014 opens on a two-city cluster, whose b and p ask which)."""
    await pilot.press("number_sign", "3", "enter")
    await pilot.pause()
    assert pilot.app.screen.pane.table.current_row["name"] == "London"


def assert_dialog_fits(app) -> None:
    """The dialog, its scrolling body and its hint lie inside the screen, the body above the hint."""
    screen = app.screen
    dialog = screen.query_one(".dialog")
    hint = screen.query_one(".dialog-hint")
    inner = dialog.region.shrink(dialog.styles.gutter)
    assert screen.region.contains_region(dialog.region), (dialog.region, screen.region)
    body = screen.query_one("VerticalScroll, OptionList")
    assert inner.contains_region(body.region), (body.region, inner)
    assert body.region.bottom <= hint.region.y
    assert on_screen(app, str(hint.render())[:20])


SMALL_SIZES = [(80, 24), (60, 16)]


def write_config(text: str) -> None:
    import os
    from pathlib import Path

    config = Path(os.environ["CITYRANK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(text)


async def started_theme() -> str:
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.theme


async def open_export(pilot, path: str) -> None:
    from textual.widgets import Input

    await pilot.press("e", "enter")  # CSV, the first format
    await pilot.pause()
    box = pilot.app.screen.query_one(Input)
    box.value = path
    await pilot.pause()


def table_shape(table) -> tuple[bool, int]:
    """What the scrollbar property depends on: whether the horizontal scrollbar is shown, and
    how the row count compares with the rows shown (fewer, as many, one more, more)."""
    return table.show_horizontal_scrollbar, max(-1, min(table.row_count - table.visible_rows, 2))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_cursor_row_stays_above_the_horizontal_scrollbar(size):
    """G, PgDn and j past the last row shown leave ▶ on screen, on one tab of every table shape
    at this size (the shapes are found by opening every edition: a new shape is tested too).
    The cursor is put on the last row shown directly: only the step past it is under test."""
    app = CityRankApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shapes: dict[tuple[bool, int], str] = {}
        for index_id in INDEX_IDS:
            app.screen.goto_index(index_id)
            await pilot.pause()
            shapes.setdefault(table_shape(app.screen.pane.table), index_id)
        assert (True, 2) in shapes  # a scrolling table under a horizontal scrollbar is tested
        for shape, index_id in shapes.items():
            app.screen.goto_index(index_id)
            await pilot.pause()
            table = app.screen.pane.table
            for keys in KEY_RUNS:
                table.cursor_row = 0
                await pilot.pause()
                if keys == ["j"]:  # from the last row shown, j steps past it
                    table.cursor_row = table.scroll_offset.y + table.visible_rows - 1
                    await pilot.pause()
                    assert cursor_shown(app), (index_id, shape, "last row shown")
                await pilot.press(*keys)
                await pilot.pause()
                assert cursor_shown(app), (index_id, shape, keys, table.cursor_row)


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_help_fits_and_its_end_can_be_reached(size):
    app = CityRankApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert_dialog_fits(app)
        assert not on_screen(app, "follow the edition rule")  # the legend's last line
        await pilot.press("end")
        await pilot.pause()
        assert on_screen(app, "follow the edition rule")
        assert_dialog_fits(app)


def longest_details() -> list[str]:
    """The edition whose details text is longest, and the one whose last section is (each
    edition's own text is checked in tests/unit/test_details_texts.py)."""
    catalog = Catalog()
    longest = max(INDEX_IDS, key=lambda i: len(first_row_details(catalog, i)))
    sections = {i: s for i in INDEX_IDS if (s := last_section(catalog, i))}
    longest_end = max(sections, key=lambda i: len(sections[i][1]))
    return list(dict.fromkeys([longest, longest_end]))


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_details_fit_and_what_we_hold_can_be_reached(size):
    catalog = Catalog()
    app = CityRankApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for index_id in longest_details():
            app.screen.goto_index(index_id)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert_dialog_fits(app)
            heading = last_section(catalog, index_id)[0]
            assert not on_screen(app, heading), index_id  # a long text: End is needed
            await pilot.press("end")
            await pilot.pause()
            assert_dialog_fits(app)
            assert on_screen(app, heading), index_id
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_pickers_fit_and_their_last_choice_can_be_reached(size):
    from textual.widgets import OptionList

    app = CityRankApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ("r", "c", "t", "o", "equals_sign", "e"):
            await pilot.press(key)
            await pilot.pause()
            assert_dialog_fits(app)
            await pilot.press("end")
            await pilot.pause()
            last = app.screen.choices[-1].label.strip()
            assert app.screen.query_one(OptionList).highlighted == len(app.screen.choices) - 1
            assert on_screen(app, last[:20]), (key, last)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("s")  # the score range: inputs, error line and hint all on screen
        await pilot.pause()
        assert on_screen(app, "Enter applies")


async def test_keys_in_one_burst_scroll_help_one_line_each():
    """As a paste or SSH delivers them: every key queued before the first is handled."""
    from textual import events
    from textual.containers import VerticalScroll

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        for _ in range(5):
            app.post_message(events.Key("j", "j"))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(VerticalScroll).scroll_y == 5
        for _ in range(3):
            app.post_message(events.Key("k", "k"))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(VerticalScroll).scroll_y == 2


@pytest.mark.parametrize("key", ["colon", "ctrl+p"])
async def test_both_colon_and_ctrl_p_open_the_palette_and_take_the_letters_typed_next(key):
    from textual.command import CommandPalette

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("b", "o")  # typed into the palette: no bookmark, no sort dialog
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette) and not len(app.bookmarks)


async def test_the_palette_key_stays_remappable():
    import os
    from pathlib import Path

    from textual.command import CommandPalette

    config = Path(os.environ["CITYRANK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('[keys]\npalette = "ctrl+k"\n')
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_correlation_at_80_columns_says_what_gap_means_and_shows_the_places():
    import re

    from cityrank_tui.tui.screens.correlate import CorrelateScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("equals_sign", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CorrelateScreen)
        shown = "\n".join(screen_lines(app))
        assert "places apart" in shown and "one city" in shown  # gap's meaning, plot's legend
        rows = re.findall(
            r"(\d+) \((\d+(?:\.5)?)\)\s+(\d+) \((\d+(?:\.5)?)\)\s+([+-]\d+(?:\.5)?)", shown
        )
        assert len(rows) >= 5
        for _rank_a, place_a, _rank_b, place_b, gap in rows:
            assert float(place_a) - float(place_b) == float(gap)


async def test_a_theme_picked_in_the_palette_lasts_until_config_toml_changes_it():
    write_config('theme = "textual-light"\n')
    assert await started_theme() == "textual-light"
    assert await started_theme() == "textual-light"  # starting did not record a pick
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
        await pilot.press("q")
    assert await started_theme() == "nord"
    write_config('theme = "gruvbox"\n')  # edited by hand since the pick: the file wins
    assert await started_theme() == "gruvbox"


async def test_an_unknown_theme_is_reported_in_one_short_line():
    write_config('theme = "no-such-theme"\n')
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n for n in toasts(app) if "theme" in n]
        assert app.theme == "textual-dark" and len(messages) == 1
        assert "no-such-theme" in messages[0] and "\n" not in messages[0]
        assert len(messages[0]) <= 100 and "gruvbox" not in messages[0]


async def test_export_stays_open_on_an_error_and_keeps_the_path(tmp_path):
    from textual.widgets import Input

    from cityrank_tui.tui.screens.export import ExportPathScreen

    target = str(tmp_path / "no-such-folder" / "view.csv")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_export(pilot, target)
        assert on_screen(app, "Enter writes · Esc cancels")  # the hint is whole at 80×24
        await pilot.press("enter")
        await wait_for_export(app)  # the file is written on a worker thread
        await pilot.pause()
        assert isinstance(app.screen, ExportPathScreen)  # still open: nothing to retype
        assert app.screen.query_one(Input).value == target
        error = str(app.screen.query_one("#export-error").render())
        assert "does not exist" in error and target not in error  # the path is said once
        app.screen.query_one(Input).value = str(tmp_path / "view.csv")
        await pilot.press("enter")
        await wait_for_export(app)
        await pilot.pause()
        assert not isinstance(app.screen, ExportPathScreen)
    assert (tmp_path / "view.csv").read_text().startswith("index,rank")


async def test_export_asks_before_replacing_a_file(tmp_path):
    from cityrank_tui.tui.screens.export import ExportPathScreen

    target = tmp_path / "mine.csv"
    target.write_text("precious")
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_export(pilot, str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportPathScreen) and target.read_text() == "precious"
        assert "Enter again replaces it" in str(app.screen.query_one("#export-error").render())
        await pilot.press("enter")
        await wait_for_export(app)
        await pilot.pause()
        assert not isinstance(app.screen, ExportPathScreen)
    assert target.read_text().startswith("index,rank")


async def test_counts_in_the_table_and_summary_use_separators():
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.goto_index("gii-2023")
        await pilot.pause()
        assert on_screen(app, "127,418") and not on_screen(app, "127418")


async def test_long_dialog_titles_and_hints_are_cut_with_an_ellipsis_not_wrapped():
    from cityrank_tui.tui.screens.dialogs import Choice, PickScreen

    app = CityRankApp()
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        title = "A very long title that names the index and the city and more " * 2
        app.push_screen(PickScreen(title, [Choice(1, "one")]))
        await pilot.pause()
        label = app.screen.query_one(".dialog-title")
        assert label.region.height == 2  # one line and its padding
        assert on_screen(app, "A very long title") and any(
            "…" in line and "A very long" in line for line in screen_lines(app)
        )


async def test_ctrl_q_quits_as_the_readme_says():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_help_lines_wrap_under_their_text_not_under_the_keys():
    from rich.console import Console
    from textual.widgets import Static

    from cityrank_tui.tui.screens.dialogs import TextScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TextScreen)
        static = screen.query_one("VerticalScroll Static", Static)
        console = Console(width=static.content_region.width, record=True)
        console.print(static.content)
        lines = console.export_text().splitlines()
        from cityrank_tui.tui.commands import COMMANDS
        from cityrank_tui.tui.keymap import display_keys

        for command in COMMANDS:  # a wrapped help goes on under its text, not under the keys
            line = next(line for line in lines if f"[{command.id}]" in line)
            assert line.startswith((" ", display_keys(command.keys))), line


async def test_one_b_does_not_silently_delete_a_bookmarks_note_and_watchlists():
    from cityrank_tui.tui.screens.dialogs import ConfirmScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.bookmarks.add("london-gb", "London", note="office", list_name="Europe")
        app.marks_changed()
        await to_london(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "london-gb" in app.bookmarks
        assert on_screen(app, "office") and on_screen(app, "Europe")
        await pilot.press("escape")
        await pilot.pause()
        assert app.bookmarks.items["london-gb"].note == "office"
        await pilot.press("B", "b")  # the bookmarks view asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "london-gb" not in app.bookmarks


async def test_a_bare_bookmark_still_goes_with_one_b():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_london(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert "london-gb" in app.bookmarks
        await pilot.press("b")
        await pilot.pause()
        assert "london-gb" not in app.bookmarks and len(app.screen_stack) == 1


async def test_an_index_imported_from_another_shell_appears_after_reload(cli, tmp_path):
    from cityrank_tui.tui.widgets.tab_strip import TabStrip

    source = tmp_path / "mine.csv"
    source.write_text("Rank,City,Score\n1,London,90\n2,Paris,80\n3,Tokyo,70\n")
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "slash", *"tokyo", "enter")  # a view to keep across the reload
        await pilot.pause()
        assert cli("import", str(source), "--id", "mine-2025", "--name", "Mine")[0] == 0
        assert "mine-2025" not in app.catalog.indexes  # the running app has not seen it yet
        await pilot.press("R")
        await pilot.pause()
        await pilot.pause()
        assert "mine-2025" in app.catalog.indexes
        assert "mine-2025" in app.screen.query_one(TabStrip).ids
        assert any("new mine-2025" in n for n in toasts(app))
        pane = app.screen.pane
        assert pane.info.id == "gii-2025" and pane.result["name"].to_list() == ["Tokyo–Yokohama"]
        app.screen.goto_index("mine-2025")
        await pilot.pause()
        assert app.screen.pane.result["name"].to_list() == ["London", "Paris", "Tokyo"]
        await pilot.press("R")
        await pilot.pause()
        assert any("nothing was imported or removed" in n for n in toasts(app))
        assert cli("remove-index", "mine-2025")[0] == 0
        await pilot.press("R")
        await pilot.pause()
        await pilot.pause()
        assert "mine-2025" not in app.screen.query_one(TabStrip).ids
        assert app.screen.pane.info.id == "ici-2014"  # its tab was in front: the first one is now


async def test_toasts_are_short_and_at_most_two_cover_the_table():
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        await to_london(pilot)
        names = []
        for _ in range(3):  # London, then the next two rows (single cities in ICI 2014)
            names.append(app.screen.pane.table.current_row["name"])
            await pilot.press("space", "j")
        await pilot.pause()
        shown = list(toasts(app))
        assert len(shown) == 2 and names[-1] in shown[-1]
        assert all(len(n) <= 45 for n in shown)  # one line in a toast at 80 columns


async def test_jump_to_rank_and_the_summary_says_which_row():
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        summary = app.screen.pane.summary
        rows = app.screen.pane.result.height
        assert str(summary.render()).startswith(f"row 1 of {rows} · {rows} of {rows}")
        ranks = app.screen.pane.result["rank"].to_list()
        await pilot.press("number_sign", *"12", "enter")
        await pilot.pause()
        table = app.screen.pane.table
        assert table.current_row["rank"] == 12 and table.current_row["name"] == "Seoul"
        assert str(summary.render()).startswith(f"row {ranks.index(12) + 1} of {rows}")
        missing = min(set(range(1, 100)) - set(ranks))  # a rank ICI 2014's rows we hold lack
        after = min(r for r in ranks if r is not None and r > missing)
        await pilot.press("number_sign", *str(missing), "enter")
        await pilot.pause()
        assert table.current_row["rank"] == after
        assert any(f"Rank {missing} is not in this view" in n for n in toasts(app))
        await pilot.press("j")
        await pilot.pause()
        assert str(summary.render()).startswith(f"row {ranks.index(after) + 2} of {rows}")
        assert cursor_shown(app)


async def test_a_click_on_a_heading_sorts_and_a_double_click_opens_details():
    from cityrank_tui.tui.screens.dialogs import TextScreen
    from cityrank_tui.tui.widgets.rank_table import RankTable

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.pane
        header = pane.table.render_line(0).text
        await pilot.click(RankTable, offset=(header.index("Name") + 1, 0))
        await pilot.pause()
        names = pane.result["name"].to_list()
        assert pane.view.sort.field == "name" and names[0] == "Adelaide" and names[1] < names[2]
        await pilot.click(RankTable, offset=(header.index("Score") + 1, 0))
        await pilot.pause()
        assert pane.view.sort.field == "score" and pane.view.sort.descending  # best first
        await pilot.double_click(RankTable, offset=(10, 3))
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        assert pane.result["name"][pane.table.cursor_row] in app.screen.body.plain


async def test_pickers_count_the_rows_of_each_choice():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        frame = app.screen.pane.frame
        await pilot.press("r")
        await pilot.pause()
        labels = [c.label.strip() for c in app.screen.choices]
        asia = (frame["region"] == "Asia").sum()
        assert f"Asia ({asia})" in labels
        await pilot.press("escape", "t")
        await pilot.pause()
        nexus = (frame["tier"] == "NEXUS").sum()
        assert f"1. NEXUS ({nexus})" in [c.label.strip() for c in app.screen.choices]
        await pilot.press("escape", "c")
        await pilot.pause()
        japan = (frame["country_name"] == "Japan").sum()
        assert f"Japan ({japan})" in [c.label.strip() for c in app.screen.choices]


async def test_pickers_find_a_choice_as_you_type_and_letters_are_not_commands():
    from textual.widgets import OptionList

    from cityrank_tui.tui.screens.dialogs import PickScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"jap")
        await pilot.pause()
        screen = app.screen
        highlighted = screen.choices[screen.query_one(OptionList).highlighted]
        assert highlighted.label.startswith("Japan (")
        await pilot.pause(1.1)  # timed: a pause of over a second starts a new type-ahead search
        # quit, compare, bookmark: all just letters here (? is help in a picker: issue 24)
        await pilot.press(*"qvb")
        await pilot.pause()
        assert app.screen is screen and isinstance(screen, PickScreen) and not len(app.bookmarks)
        await pilot.press("escape", "t", "h")
        await pilot.pause()
        screen = app.screen
        assert screen.choices[screen.query_one(OptionList).highlighted].label.startswith("2. HUB")


async def test_jump_to_a_city_not_in_this_tab_goes_to_a_tab_that_holds_it():
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.goto_index("ieci-2025")
        await pilot.pause()
        assert not app.screen.pane.frame["city_ids"].list.contains("boston-us").any()
        app.screen.jump_to_city("boston-us")
        await pilot.pause()
        await pilot.pause()
        pane = app.screen.pane
        assert pane.info.id != "ieci-2025" and "boston-us" in pane.table.current_row["city_ids"]
        assert cursor_shown(app)
        assert any("Boston is not in" in n for n in toasts(app))


async def test_the_profile_footer_shows_space_and_explains_pctl():
    from cityrank_tui.tui.screens.profile import ProfileScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_london(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "space Pick" in screen_lines(app)[-1]
        assert "Pctl: percentile" in app.screen.query_one("VerticalScroll Static").content.plain


async def test_down_in_the_search_box_moves_into_the_results():
    from cityrank_tui.tui.widgets.rank_table import RankTable

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"berlin")
        await pilot.pause()
        assert on_screen(app, "▌berlin") or on_screen(app, "▌ berlin")  # a visible prompt mark
        await pilot.press("down")
        await pilot.pause()
        pane = app.screen.pane
        assert isinstance(app.focused, RankTable) and not pane.searching
        assert pane.result["name"].to_list() == ["Berlin"]


async def test_frequency_view_filters_to_a_value_and_summary_counts_missing():
    from textual.widgets import OptionList

    from cityrank_tui.core.render import format_value
    from cityrank_tui.tui.screens.dialogs import PickScreen, TextScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.pane
        asia = int((pane.frame["region"] == "Asia").sum())
        await pilot.press("F")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickScreen)
        at = next(i for i, c in enumerate(screen.choices) if c.value == ("region", "Asia"))
        assert f"{asia:>6,}" in screen.choices[at].label and "█" in screen.choices[at].label
        screen.query_one(OptionList).highlighted = at
        await pilot.press("enter")
        await pilot.pause()
        assert len(pane.result) == asia and pane.view.filter.region == "Asia"
        app.screen.goto_index("gii-2023")
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        pct = app.screen_stack[0].pane.result["pct_applications"]
        line = next(x for x in app.screen.body.plain.splitlines() if x.startswith("PCT apps"))
        assert f"{pct.drop_nulls().len():>8,}{pct.null_count():>8,}" in line
        assert line.rstrip().endswith(format_value(pct.max()))


async def test_the_tier_picker_offers_the_top_tiers_together():
    from textual.widgets import OptionList

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.pane
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        at = next(
            i
            for i, c in enumerate(screen.choices)
            if c.label.strip().startswith("1–2. NEXUS + HUB")
        )
        screen.query_one(OptionList).highlighted = at
        await pilot.press("enter")
        await pilot.pause()
        assert set(pane.result["tier"]) == {"NEXUS", "HUB"}
        assert len(pane.result) == int(pane.frame["tier"].is_in(["NEXUS", "HUB"]).sum())


async def test_the_disagreement_list_scrolls_and_enter_opens_a_profile():
    from textual.widgets import OptionList

    from cityrank_tui.tui.screens.profile import ProfileScreen

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("equals_sign", "down", "enter")
        await pilot.pause()
        rows = app.screen.query_one("#disagreements-list", OptionList)
        assert rows.option_count == app.screen.result.n  # every city both rank, not 20
        await pilot.press("end")
        await pilot.pause()
        last = str(rows.get_option_at_index(rows.option_count - 1).prompt)
        assert on_screen(app, last[:30])
        await pilot.press("home", "enter")
        await pilot.pause()
        assert (
            isinstance(app.screen, ProfileScreen) and app.screen.city.city_id == "wuhan-cn"
        )  # the biggest gap


async def test_colon_then_a_number_jumps_to_that_rank():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"15")
        await wait_for_command(pilot, "Jump to rank 15")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.pane.table.current_row["name"] == "Tokyo"


async def test_keys_in_one_burst_scroll_a_profile_one_line_each():
    from textual import events
    from textual.containers import VerticalScroll

    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_london(pilot)
        await pilot.press("p")
        await pilot.pause()
        for _ in range(4):
            app.post_message(events.Key("j", "j"))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(VerticalScroll).scroll_y == 4


async def test_help_names_the_mouse_and_the_picker_letters():
    app = CityRankApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.body.plain
        assert "double-click a row" in body and "In a picker" in body and "[frequency]" in body
