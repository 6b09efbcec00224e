"""One tab per family, its editions inside: [ and ] step, each edition keeps its view, the last
edition shown per family is remembered, and the header says when editions are not comparable."""

from __future__ import annotations

from cityrank_tui.store import paths
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.widgets.tab_strip import TabStrip

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
        assert strip.ids[:3] == ["ici", "gii", "ieci"] and len(strip.ids) == 15
        await pilot.press("2")
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
        await pilot.press("2")  # GII 2025: WIPO added venture-capital deals
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
        await pilot.press("2", PREV, "3", PREV, PREV, "2")
        await pilot.pause()
        assert shown(pilot.app) == "gii-2024"
        await pilot.press("3")
        await pilot.pause()
        assert shown(pilot.app) == "ieci-2022"
        await pilot.pause(0.8)  # saved without quitting
        saved = paths.state_file().read_text()
    assert 'gii = "gii-2024"' in saved and 'ieci = "ieci-2022"' in saved
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app) == "ieci-2022"
        await pilot.press("2")
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


async def test_the_palette_opens_any_edition():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"Open tab: GFCI 36")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == "gfci-36" and app.screen.query_one(TabStrip).active == "gfci"
