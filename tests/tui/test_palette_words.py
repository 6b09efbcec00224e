"""The palette as a newcomer types into it (#24 items 1 and 2): 'profile zurich' and 'jump
zurich' name a city, ':' then a number jumps to that rank first, and Textual's own entries
that are not this app's commands stay out."""

from __future__ import annotations

from cityrank_tui.tui.city_search import parse
from tests.support.screen import screen_lines, screen_text
from tests.support.waiting import wait_until

SIZE = (100, 30)


def test_a_verb_with_or_without_its_little_word_names_the_city():
    assert parse("profile zurich") == (("profile",), "zurich")
    assert parse("Profile of Zürich") == (("profile",), "zurich")
    assert parse("jump zurich") == (("jump",), "zurich")
    assert parse("go to seoul") == (("jump",), "seoul")
    assert parse("pick sing") == (("pick",), "sing")
    assert parse("prof") == (("profile",), "")
    assert parse("seoul") == (("jump", "profile", "pick"), "seoul")


async def open_palette(app, pilot, typed: str, shown: str) -> None:
    await wait_until(pilot, lambda: "2thinknow" in screen_text(app), "ICI 2014 shown")
    await pilot.press("colon")
    await wait_until(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette", "palette")
    await pilot.press(*typed)
    await wait_until(pilot, lambda: shown in screen_text(app), f"{shown!r} offered")


async def test_profile_zurich_without_of_offers_and_opens_the_profile(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "profile zurich", "Profile of Zürich")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Zürich, Switzerland" in screen_text(app), "profile")


async def test_jump_zurich_without_to_is_offered(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "jump zurich", "Jump to Zürich")


def first_offer(app) -> str:
    """The first entry the palette lists (the one Enter takes)."""
    lines = [line.strip(" ▎▊│") for line in screen_lines(app)]
    start = next(n for n, line in enumerate(lines) if line.startswith(("🔎", ">", ":"))) + 1
    return next(line for line in lines[start:] if line.strip())


async def test_colon_then_a_number_jumps_to_that_rank_before_any_tab_named_with_it(app):
    """':200' on ICI 2014 listed 'Open tab: GaWC connectivity 2020' first and Enter opened it."""
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(app, pilot, "200", "Jump to rank 200")
        await wait_until(
            pilot, lambda: "Open tab: GaWC connectivity 2020" in screen_text(app), "tab listed"
        )
        text = screen_text(app)
        assert text.index("Jump to rank 200") < text.index("Open tab: GaWC connectivity 2020")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "palette closed"
        )
        pane = app.screen.pane
        assert pane.info.id == "ici-2014"  # still the tab it was opened on
        await wait_until(
            pilot, lambda: pane.table.current_row["rank"] >= 200, "the cursor on rank 200"
        )


async def test_textuals_own_entries_that_are_not_ours_stay_out_of_the_palette(app):
    """'Keys' (a side panel Esc did not close), 'Maximize', 'Screenshot' and 'Quit the
    application as soon as possible' were listed beside our own commands."""
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["Change theme"]
        await open_palette(app, pilot, "quit", "key: q")  # our Quit, which saves first
        assert "as soon as possible" not in screen_text(app)
