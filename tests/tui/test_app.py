"""The app driven with Pilot: every interaction of the browser, at 80×24 unless stated."""

from __future__ import annotations

import re
import shutil

import polars as pl
from textual import events
from textual.widgets import Input, Static

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen, ScoreRangeScreen, TextScreen
from cityrank_tui.tui.widgets.index_pane import IndexPane
from cityrank_tui.tui.widgets.rank_table import RankTable
from cityrank_tui.tui.widgets.tab_strip import TabStrip
from tests.support.screen import on_screen, toasts, write_config
from tests.support.waiting import wait_for_command

SIZE = (80, 24)


def pane_of(app) -> IndexPane:
    return app.screen.pane


def visible_names(app) -> list[str]:
    return pane_of(app).result["name"].to_list()


def table_lines(app) -> list[str]:
    table = pane_of(app).table
    return [table.render_line(y).text for y in range(table.size.height)]


def plain_label(label: str) -> str:
    """A picker's label without its count: '  Asia (71)' -> 'Asia'."""
    return re.sub(r" \([\d,]+\)$", "", label.strip())


async def pick(pilot, label: str) -> None:
    """Choose the option whose label (stripped) is `label` in the open PickScreen."""
    screen = pilot.app.screen
    assert isinstance(screen, PickScreen)
    index = next(i for i, c in enumerate(screen.choices) if plain_label(c.label) == label)
    from textual.widgets import OptionList

    screen.query_one(OptionList).highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def test_opens_on_the_first_tab_with_header_and_attribution(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        assert pane.info.id == "ici-2014"
        info = pane.query_one(".index-info").render()
        assert "2thinknow" in str(info) and "151 of 445 cities bundled" in str(info)
        assert "Source: 2thinknow Innovation Cities™ Index 2014: www.innovation-cities.com" in str(
            info
        )
        lines = table_lines(app)
        assert lines[0].lstrip().startswith("Rank ▲ Name")
        assert lines[1].startswith("▶") and "San Francisco - San Jose" in lines[1]
        for (
            key
        ) in "2345678":  # at 80 columns, coverage and what the score means show whole in every tab
            await pilot.press(key)
            await pilot.pause()
            box = pane_of(app).query_one(".index-info")
            coverage, score = str(box.render()).splitlines()[-3:-1]  # before the attribution
            assert " of " in coverage and len(coverage) <= box.content_size.width
            said = (pane_of(app).info.score_label, "no scores published", "a classification")
            assert score.startswith(said) and len(score) <= box.content_size.width


async def test_asian_nexus_cities_scoring_53_or_more(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pick(pilot, "Asia")
        await pilot.press("t")
        await pick(pilot, "1. NEXUS")
        await pilot.press("s")
        assert isinstance(app.screen, ScoreRangeScreen)
        await pilot.press(*"53", "enter")
        await pilot.pause()
        assert visible_names(app) == ["Seoul", "Tokyo", "Hong Kong"]
        summary = str(pane_of(app).query_one(".filter-summary").render())
        assert "3 of 151" in summary and "region=Asia" in summary and "tier=NEXUS" in summary
        assert "score ≥ 53" in summary


async def test_publisher_region_differs_from_un_region(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        screen = app.screen
        labels = [plain_label(c.label) for c in screen.choices]
        assert "Latin America · 2thinknow" in labels
        index = labels.index("Asia · 2thinknow")  # its Asia, not the UN region's
        assert labels[index - 1] == "Asia"  # beside the UN region of that name
        from textual.widgets import OptionList

        screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert len(visible_names(app)) == 87 and "Sydney" in visible_names(app)


async def test_filters_combine_undo_and_clear(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pick(pilot, "2. HUB")
        hubs = len(visible_names(app))
        await pilot.press("r")
        await pick(pilot, "Europe")
        europe_hubs = visible_names(app)
        assert 0 < len(europe_hubs) < hubs and "Marseille" in europe_hubs
        await pilot.press("u")
        await pilot.pause()
        assert len(visible_names(app)) == hubs
        await pilot.press("x")
        await pilot.pause()
        assert len(visible_names(app)) == 151
        await pilot.press("u")
        await pilot.pause()
        assert len(visible_names(app)) == hubs


async def test_incremental_search_is_accent_insensitive_and_one_undo_step(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zurich")
        await pilot.pause()
        assert visible_names(app) == ["Zürich"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, RankTable)
        await pilot.press("u")
        await pilot.pause()
        assert len(visible_names(app)) == 151
        await pilot.press("slash", *"bangalore", "escape")
        await pilot.pause()
        assert len(visible_names(app)) == 151  # Esc puts back the view from before the search


async def test_keys_typed_in_a_burst_after_slash_go_to_the_search_box(app):
    """As a paste or a slow SSH link delivers them: all queued before the first is handled."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, char in [("slash", "/"), *[(c, c) for c in "seoul"], ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert visible_names(app) == ["Seoul"]
        assert pane_of(app).view.filter.text == "seoul" and isinstance(app.focused, RankTable)
        assert (
            len(app.screen_stack) == 1
        )  # no letter ran as a command (s would have opened a dialog)


async def test_in_the_search_box_arrows_and_slash_edit_the_text_and_tab_leaves_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"seoul", "left", "left", "slash")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert (
            pane_of(app).info.id == "ici-2014" and box.value == "seo/ul"
        )  # no tab switch, / typed
        app.app_focus = False  # the terminal window loses focus, then gets it back: still searching
        await pilot.pause()
        app.app_focus = True
        await pilot.pause()
        assert pane_of(app).searching and app.focused is box
        await pilot.press("backspace", "tab")
        await pilot.pause()
        assert not pane_of(app).searching and pane_of(app).view.filter.text == "seoul"
        assert visible_names(app) == [
            "Seoul"
        ]  # Tab left the box and kept the search, as Enter does
        await pilot.press("u")
        await pilot.pause()
        assert len(visible_names(app)) == 151  # one undo step for the whole search
        await pilot.press("slash", *"tokyo")
        await pilot.click(RankTable, offset=(10, 1))  # a click on the table also keeps the search
        await pilot.pause()
        assert not pane_of(app).searching and visible_names(app) == ["Tokyo"]


async def test_empty_result_names_the_active_filters(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"atlantis", "enter")
        await pilot.pause()
        text = "\n".join(table_lines(app))
        assert 'No city matches search "atlantis"' in text and "x to clear" in text


async def test_sort_by_column_shows_direction_and_keeps_nulls_last(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(
            "3", "left_square_bracket", "left_square_bracket"
        )  # GII, two editions back
        await pilot.pause()
        assert pane_of(app).info.id == "gii-2023"
        await pilot.press("o")
        await pick(pilot, "PCT apps")  # more is better: the first sort puts the most first
        result = pane_of(app).result
        values = result["pct_applications"].to_list()
        assert values[0] == 127418 and values[34] is not None and values[35:] == [None] * 12
        assert "PCT apps ▼" in table_lines(app)[0]
        await pilot.press("o")
        await pick(pilot, "PCT apps ▼")  # again: reversed, missing values still last
        values = pane_of(app).result["pct_applications"].to_list()
        assert values[0] == min(v for v in values if v is not None) and values[35:] == [None] * 12
        assert "PCT apps ▲" in table_lines(app)[0]
        table = pane_of(app).table
        scrolling = [str(c.label) for c in table.columns][table.frozen :]
        past = next(n for n, label in enumerate(scrolling) if label.startswith("PCT apps")) + 1
        await pilot.press(*"l" * past)  # whole columns sideways: rank, move, name stay
        await pilot.pause()
        header = table_lines(app)[0]
        assert header.split()[:3] == ["Rank", "Move", "Name"] and "PCT apps" not in header
        assert header[table._frozen_width() :].lstrip().startswith(scrolling[past].split()[0])


async def test_tabs_switch_with_numbers_arrows_and_tab(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right")  # a family's tab opens on its latest edition
        await pilot.pause()
        assert pane_of(app).info.id == "gii-2025"
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert pane_of(app).info.id == "oe-gci-2025"
        await pilot.press("left")
        await pilot.pause()
        assert pane_of(app).info.id == "ieci-2025"
        await pilot.press("9")
        await pilot.pause()
        assert pane_of(app).info.id == "eiu-2025"
        assert (
            app.focused is pane_of(app).table
        )  # a newly shown tab takes the keys: j moves its cursor
        await pilot.press("j")
        assert pane_of(app).table.cursor_row == 1
        await pilot.press("2")  # back to a tab shown before: its pane was kept, cursor and all
        await pilot.pause()
        assert app.focused is pane_of(app).table and pane_of(app).info.id == "ici-2014"


async def test_tab_strip_marks_the_active_tab_without_colour_and_takes_clicks(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(TabStrip)
        line = strip.render()
        active = next(
            span for span in line.spans if "ICI 2014" in line.plain[span.start : span.end]
        )
        assert active.style.reverse and active.style.bold  # reverse video, not colour alone
        start = line.plain.index("GII 2025")  # one tab per family, named by its edition shown
        await pilot.click(TabStrip, offset=(start + 2, 0))
        await pilot.pause()
        assert pane_of(app).info.id == "gii-2025" and strip.active == "gii"


async def test_tab_strip_keeps_the_active_tab_in_view_when_the_labels_do_not_fit(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(TabStrip)
        text = strip.render().plain
        assert (
            text.startswith(" Cities ") and text.rstrip().endswith("›") and "EIU 2025" not in text
        )
        await pilot.press("9")
        await pilot.pause()
        text = strip.render().plain
        assert text.startswith("‹") and "EIU 2025" in text and "Cities" not in text
        assert len(text) <= 60


async def test_an_index_that_cannot_be_opened_says_why_and_the_other_tabs_work(tmp_path):
    bundled = tmp_path / "parquet"
    shutil.copytree(Catalog().bundled_dir, bundled)
    (bundled / "entries" / "gii-2022.parquet").write_bytes(b"not parquet")
    app = CityRankApp(Catalog(bundled_dir=bundled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.screen.pane is None
        message = str(app.screen.query_one(".placeholder").render())
        assert "Cannot open this index" in message and "gii-2022.parquet" in message
        await pilot.press(
            "r", "o", "slash", "x"
        )  # filter keys with no table: nothing happens, nothing breaks
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (
            pane_of(app).info.id == "gii-2023" and not app.screen.query_one(".placeholder").display
        )
        # 2023 opens without its Move column (counted against 2022), and says why
        editions = str(pane_of(app).query_one(".index-info", Static).render()).splitlines()[1]
        assert editions.endswith("no movement: gii-2022 cannot be read")
        assert table_lines(app)[0].split()[:3] == ["Rank", "▲", "Name"]  # sorted by rank


async def test_missing_values_show_a_placeholder_not_zero(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # GII 2025: no country published for London
        await pilot.pause()
        london = next(line for line in table_lines(app) if "London" in line)
        assert "—" in london and " 0 " not in london


async def test_no_tiers_means_rank_bands_labelled_as_such(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "t")  # GII 2025
        await pilot.pause()
        labels = [c.label.strip() for c in app.screen.choices]
        assert "Rank bands (not a publisher tier)" in labels
        await pick(pilot, "Ranks 1–10")
        assert pane_of(app).result["rank"].to_list() == list(range(1, 11))


async def test_score_filter_is_refused_where_no_scores_are_published(app):
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4", "s")  # IECI 2025
        await pilot.pause()
        assert not isinstance(app.screen, ScoreRangeScreen)
        assert any("no scores are published" in n for n in toasts(app))


async def test_details_show_every_figure_source_and_members(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "left_square_bracket", "left_square_bracket", "home")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        body = app.screen.body.plain
        assert "Tokyo–Yokohama" in body and "1 of 100" in body and "127,418" in body
        assert "Member cities" in body and "Yokohama (yokohama-jp)" in body
        assert "fliphtml5.com" in body and "Source: WIPO, Global Innovation Index 2023" in body
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TextScreen)


async def test_help_lists_every_command(app):
    from cityrank_tui.tui.commands import COMMANDS

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.body.plain
        for command in COMMANDS:
            assert f"[{command.id}]" in body


async def test_palette_jumps_to_a_city(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"Jump to Seoul")
        await wait_for_command(pilot, "Jump to Seoul")
        await pilot.press("enter")
        await pilot.pause()
        assert pane_of(app).table.current_row["name"] == "Seoul"
        assert pane_of(app).table.current_row["rank"] == 3


async def test_copy_row_uses_the_terminal_clipboard():
    write_config('copy_format = "csv"\n')  # the first copy would ask
    app = CityRankApp()
    copied = []
    async with app.run_test(size=SIZE) as pilot:
        app.copy_to_clipboard = copied.append
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert copied and copied[0].startswith("index,rank,name")
    assert "San Francisco - San Jose" in copied[0]
    # the attribution, then the view in words (its own column)
    assert copied[0].rstrip().endswith("www.innovation-cities.com,sorted by Rank")


async def test_last_tab_and_filters_are_restored():
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(
            "3", "left_square_bracket", "left_square_bracket", "slash", *"tokyo", "enter"
        )
        await pilot.pause()
        await pilot.press("q")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pane_of(app).info.id == "gii-2023"
        assert visible_names(app) == ["Tokyo–Yokohama"]


async def test_too_small_terminal_says_so(app):
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        assert app.screen.query_one("#too-small").display
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.has_class("-too-small")


async def test_markup_and_escapes_in_names_render_literally(tmp_path):
    catalog = Catalog()
    frame = catalog.entries("ici-2014").with_columns(
        pl.when(pl.col("rank") == 1)
        .then(pl.lit("[red]x[/red]\x1b[31mEVIL"))
        .otherwise(pl.col("name"))
        .alias("name")
    )
    catalog._entries["ici-2014"] = frame
    app = CityRankApp(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = table_lines(app)[1]
        assert "[red]x[/red]\\x1b[31m" in line and "\x1b" not in line
        await pilot.press("enter")
        await pilot.pause()
        assert "[red]x[/red]" in app.screen.body.plain


async def test_remapped_key_from_config(tmp_path, monkeypatch):
    import os

    config = os.environ["CITYRANK_CONFIG_DIR"]
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "config.toml"), "w") as handle:
        handle.write('[keys]\nsearch = "z"\nnot_a_command = "w"\n')
    app = CityRankApp()
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("z", *"oslo", "enter")
        await pilot.pause()
        assert visible_names(app) == ["Oslo"]
        assert any("keys.not_a_command is not a command id" in n for n in toasts(app))


async def test_corrupt_config_is_kept_aside_and_reported(monkeypatch):
    import os
    from pathlib import Path

    config = Path(os.environ["CITYRANK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text("theme = [unclosed")
    app = CityRankApp()
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.pause()
        assert pane_of(app) is not None
        assert any("is not valid TOML" in n for n in toasts(app))
    assert list(config.glob("config.toml.corrupt-*"))


async def test_messages_screen_shows_every_message_of_the_session_in_full():
    """A toast times out and a long one is cut at 80×24; M shows each message whole."""
    write_config('colour = "red"\nstart_tab = "nope"\n[keys]\nsearch = "q"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        assert on_screen(app, "Messages (3)")
        body = str(app.screen.query_one("ScrollBody Static", Static).render())
        assert "warning\nconfig.toml: unknown setting 'colour' ignored" in body
        assert "start_tab 'nope' is not a family or an edition" in body
        # the key clash's toast is cut at 80×24; here it is whole, at the end
        assert body.rstrip().endswith("search keeps /, cities.search keeps /.")
        await pilot.press("G")
        await pilot.pause()
        assert on_screen(app, "cities.search keeps /.")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TextScreen)


async def test_a_long_toast_is_cut_and_says_where_the_whole_message_is():
    write_config('start_tab = "nope"\n')  # the refusal lists every tab id: too long for a toast
    app = CityRankApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (cut,) = [t for t in toasts(app) if "start_tab 'nope'" in t]
        assert cut.endswith("… (M: the whole message)")
        assert "Ignored." not in cut  # the end of the message is on the messages screen
        await pilot.press("M")
        await pilot.pause()
        body = str(app.screen.query_one("ScrollBody Static", Static).render())
        assert "schroders, schroders-2024. Ignored." in body
        assert toasts(app) == []  # read here in full, no toast covers the messages
