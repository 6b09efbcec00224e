"""One tab per family, its editions inside: [ and ] step, each edition keeps its view, the last
edition shown per family is remembered, and the header says when editions are not comparable."""

from __future__ import annotations

from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from cityrank_tui.tui.widgets.tab_strip import TabStrip
from tests.support.waiting import saved_state, wait_for_command, wait_until

SIZE = (80, 24)
PREV, NEXT = "left_square_bracket", "right_square_bracket"


def header(app) -> list[str]:
    return str(app.screen.pane.query_one(".index-info").render()).splitlines()


def shown(app) -> str:
    return app.screen.pane.info.id


async def test_brackets_step_through_a_familys_editions_and_each_keeps_its_view():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(TabStrip)
        assert strip.ids[:3] == ["@cities", "ici", "gii"] and len(strip.ids) == 16
        await pilot.press("3")
        await pilot.pause()
        assert shown(app) == "gii-2025" and "GII 2025" in strip.render().plain
        await pilot.press(PREV, PREV, PREV)
        await pilot.pause()
        assert shown(app) == "gii-2022" and "GII 2022" in strip.render().plain
        assert header(app)[1].startswith("Editions [2022] 2023 2024 2025")
        await pilot.press(PREV)
        await pilot.pause()
        assert shown(app) == "gii-2022"  # the first edition: [ goes no further (and says so)
        await pilot.press("slash", *"seoul", "enter")
        await pilot.pause()
        await pilot.press(NEXT)
        await pilot.pause()
        assert shown(app) == "gii-2023" and len(app.screen.pane.result) > 1  # its own view
        await pilot.press(PREV)
        await pilot.pause()
        assert app.screen.pane.result["name"].to_list() == ["Seoul"]  # 2022 kept its search


async def test_the_header_says_when_the_publisher_says_editions_are_not_comparable():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # GII 2025: WIPO added venture-capital deals
        await pilot.pause()
        editions = header(app)[1]
        assert "not comparable with 2024: VC deals added" in editions
        assert len(editions) <= app.screen.pane.query_one(".index-info").content_size.width
        await pilot.press(PREV)
        await pilot.pause()
        assert "not comparable" not in header(app)[1]


async def test_each_family_reopens_on_its_last_edition_also_after_a_restart():
    async with CityRankApp().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", PREV, "4", PREV, PREV, "3")
        await pilot.pause()
        assert shown(pilot.app) == "gii-2024"
        await pilot.press("4")
        await pilot.pause()
        assert shown(pilot.app) == "ieci-2022"
        await wait_until(  # saved without quitting (debounced)
            pilot,
            lambda: all(
                line in saved_state() for line in ('gii = "gii-2024"', 'ieci = "ieci-2022"')
            ),
            "state.toml names both families' last editions",
        )
        saved = paths.state_file().read_text()
    assert 'gii = "gii-2024"' in saved and 'ieci = "ieci-2022"' in saved
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app) == "ieci-2022"
        await pilot.press("3")
        await pilot.pause()
        assert shown(app) == "gii-2024"


async def test_state_from_before_family_tabs_and_start_tab_by_family_or_edition():
    state = paths.state_file()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(
        'last_tab = "gii-2023"\n[views.gii-2023]\nsort = "rank"\n'
        '[views.gii-2023.filter]\ntext = "tokyo"\n'
    )
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app) == "gii-2023"
        assert app.screen.pane.result["name"].to_list() == ["Tokyo–Yokohama"]
        assert app.screen.query_one(TabStrip).active == "gii"
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    for start, expected in (("gawc", "gawc-2024"), ("gfci-35", "gfci-35")):
        config.write_text(f'start_tab = "{start}"\n')
        app = CityRankApp()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert shown(app) == expected
            assert not [w for w in app.settings.warnings if "start_tab" in w]
    config.write_text('start_tab = "cities"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TabStrip).active == "@cities"
        assert app.screen.cities_pane is not None
        assert not [w for w in app.settings.warnings if "start_tab" in w]


async def test_the_palette_opens_any_edition():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"Open tab: GFCI 36")
        await wait_for_command(pilot, "Open tab: GFCI 36")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == "gfci-36" and app.screen.query_one(TabStrip).active == "gfci"


def row_of(app, city_id: str) -> list[str]:
    """The highlighted row, as on screen, once the cursor is on the city's row: its cells."""
    app.screen.jump_to_city(city_id)
    table = app.screen.pane.table
    line = next(
        table.render_line(y).text
        for y in range(1, table.size.height)
        if table.render_line(y).text.startswith("▶")
    )
    return line[3:].split()


async def test_stepping_gii_from_2022_to_2025_reads_each_clusters_movement():
    """The expected glyphs were read by hand from data/sources/gii_202{2,3,4}_st_clusters.csv:
    Seoul 4 → 3 → 4, Qingdao 34 → 23, Istanbul 46 → 59, Busan 74 → 74 → 81, Taipei–Hsinchu
    (not in the 27 rows of 2022) 27 → 25, Cologne 23 → 25 → no rank in 2024."""
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", PREV, PREV, PREV)  # GII opens on 2025: back to 2022
        await pilot.pause()
        assert shown(app) == "gii-2022"
        assert "first edition: no movement" in header(app)[1]
        assert app.screen.pane.table.render_line(0).text.split()[:3] == ["Rank", "▲", "Name"]

        await pilot.press(NEXT)
        await pilot.pause()
        assert shown(app) == "gii-2023"
        assert "▲▼ vs 2022 (? not in its 27 rows we hold)" in header(app)[1]
        assert app.screen.pane.table.render_line(0).text.split()[:4] == [
            "Rank",
            "▲",
            "Move",
            "Name",
        ]
        assert row_of(app, "seoul-kr")[:3] == ["3", "▲1", "Seoul"]
        assert row_of(app, "qingdao-cn")[:3] == ["23", "▲11", "Qingdao"]
        assert row_of(app, "istanbul-tr")[:3] == ["59", "▼13", "Istanbul"]
        assert row_of(app, "busan-kr")[:3] == ["74", "=", "Busan"]
        assert row_of(app, "taipei-tw")[:3] == ["27", "?", "Taipei–Hsinchu"]

        await pilot.press(NEXT)
        await pilot.pause()
        assert shown(app) == "gii-2024"
        assert row_of(app, "seoul-kr")[:3] == ["4", "▼1", "Seoul"]
        assert row_of(app, "busan-kr")[:3] == ["81", "▼7", "Busan"]
        assert row_of(app, "taipei-tw")[:3] == ["25", "▲2", "Taipei-Hsinchu"]
        assert row_of(app, "cologne-de")[:3] == ["—", "—", "Cologne"]
        await pilot.press("enter")  # the details say it in words
        await pilot.pause()
        body = str(app.screen.query_one(".dialog VerticalScroll Static").render())
        assert "—: no rank in this edition (rank 25 in gii-2023)" in body
        await pilot.press("escape")

        await pilot.press(NEXT)
        await pilot.pause()
        assert shown(app) == "gii-2025"
        assert header(app)[1].endswith("not comparable with 2024: VC deals added")
        assert "Move" not in app.screen.pane.table.render_line(0).text


async def test_sort_by_move_is_offered_where_there_is_a_move_column_and_ranks_places_gained():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", PREV, PREV)  # GII 2023: moves against 2022
        await pilot.pause()
        assert shown(app) == "gii-2023"
        await pilot.press("o", *"move", "enter")
        await pilot.pause()
        table = app.screen.pane.table
        first = table.render_line(1).text.split()
        assert first[:4] == ["▶", "23", "▲11", "Qingdao"]  # 34 → 23: the most places gained
        assert "sort Move ▼" in app.screen.pane.summary.render().plain
        await pilot.press("o", *"move", "enter")  # again: reversed, the most places lost first
        await pilot.pause()
        assert table.render_line(1).text.split()[:4] == ["▶", "59", "▼13", "Istanbul"]
        await pilot.press(NEXT, NEXT)  # 2025: not comparable with 2024, no Move to sort by
        await pilot.pause()
        assert shown(app) == "gii-2025"
        await pilot.press("o")
        await pilot.pause()
        labels = [c.label for c in app.screen.choices]  # (drawn behind ▶ or two spaces)
        assert "Move" not in labels and "Rank ▲" in labels


async def test_keys_typed_straight_after_a_tab_key_reach_the_tab_now_shown():
    """A burst of keys (a paste, a fast typist over SSH): `3` then `o` sorts the GII tab, never
    the tab just hidden, also when GII's pane is made by that very key."""
    from textual import events

    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app) == "ici-2014"  # GII's pane is not made yet
        for key, char in (("3", "3"), ("o", "o")):  # as the terminal driver hands them over
            app.post_message(events.Key(key, char))
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, PickScreen),
            "o opens the sort picker",
        )
        assert app.screen_stack[0].pane.info.id == "gii-2025"
        labels = [c.label for c in app.screen.choices]  # (drawn behind ▶ or two spaces)
        assert "PCT apps" in labels  # GII's own measures: the picker is the GII tab's
        await pilot.press("escape", "2", "slash", *"tok", "enter")  # ICI: a kept search
        await pilot.pause()
        ici = app.screen.pane
        assert ici.view.filter.text == "tok"
        # GII's pane exists now: shown at once. The o after x opens a picker once both are
        # handled: keys reach the tab in the order typed.
        for key, char in (("3", "3"), ("x", "x"), ("o", "o")):
            app.post_message(events.Key(key, char))
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "o opens the picker")
        assert app.screen_stack[0].pane.info.id == "gii-2025"
        assert ici.view.filter.text == "tok"  # x cleared GII's filters, not the hidden ICI's
        await pilot.press("escape")
        await pilot.pause()
        for key, char in (("5", "5"), ("2", "2"), ("x", "x")):  # a new pane, then a made one
            app.post_message(events.Key(key, char))
        await wait_until(
            pilot,
            lambda: shown(app) == "ici-2014" and ici.view.filter.text == "",
            lambda: f"ICI shown and its search cleared (shown {shown(app)}, {ici.view.filter})",
        )
        assert app.screen.focused is ici.table
        assert ici.view.filter.text == ""  # the tab shown took the x
