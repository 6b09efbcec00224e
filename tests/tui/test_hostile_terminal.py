"""Hostile input against every terminal output, the user's files and the CLI's streams (issue 12).

The CLI runs as a subprocess with a bounded timeout: a hang fails the test, never the suite.
Every byte it writes to stdout and stderr is checked for raw control characters and tracebacks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile_terminal import (
    RAW_CONTROL,
    SHOWN,
    TITLE,
    config_dir,
    run,
    state_dir,
)
from tests.support.screen import screen_text, toasts
from tests.support.waiting import wait_until


@pytest.fixture
def evil_rows(tmp_path: Path, evil_imports) -> Path:
    """The hostile index with a plain name and attribution: each app surface is tested alone."""
    return evil_imports.into(tmp_path, "Evil", "By someone")


# -- item 1: the app ---------------------------------------------------------------------------
def assert_screen_clean(app, must_show: str | None = SHOWN) -> str:
    text = screen_text(app)
    found = RAW_CONTROL.search(text.encode("utf-8"))
    assert found is None, f"raw {found.group()!r} painted on {type(app.screen).__name__}"
    if must_show:
        assert must_show[:14] in text, f"{must_show[:14]!r} not on {type(app.screen).__name__}"
    return text


# Each surface: the keys that open it from the evil row (rank 2) of the evil tab.
SURFACES = {
    "tier picker": ("t",),
    "row details": ("enter",),
    "bookmark notification": ("b",),
    "pick notification": ("space",),
    "profile": ("p",),
    "comparison": ("space", "up", "space", "v"),
    "bookmarks screen": ("b", "B"),
}


async def test_index_tab_header_and_table_show_escapes(evil_index):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.screen.goto_index("evil-2024")
        await pilot.pause()
        text = assert_screen_clean(app)
        assert "Evil\\x1b]0;pwned\\x07" in text and "By\\x1b[2J someone" in text


@pytest.mark.parametrize("surface", list(SURFACES))
async def test_app_surface_shows_escapes(evil_rows, surface):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.screen.goto_index("evil-2024")
        await pilot.pause()
        await pilot.press("down")  # to the evil row
        await pilot.pause()
        assert_screen_clean(app)  # the table itself
        await pilot.press(*SURFACES[surface])
        await pilot.pause()
        text = assert_screen_clean(app)
        if surface == "row details":
            assert "https://x.test/\\x9b31m" in text and "note\\x1b]0;pwned\\x07" in text
        if surface == "bookmark notification":
            assert "Bookmarked Zzqx\\x1b]52" in text  # the toast is painted
        if surface == "pick notification":
            assert "Picked Zzqx\\x1b]52" in text
        if surface == "tier picker":
            assert "Gam\\x7fma\\x1b]0;pwned" in text
        assert all(RAW_CONTROL.search(n.encode()) is None for n in toasts(app))


async def test_note_dialog_shows_escapes_and_keeps_an_unchanged_note(evil_rows):
    from cityrank_tui.tui.app import CityRankApp

    note = f"note{TITLE}"
    assert run("bookmarks", "add", "Zzqx", "--note", note).returncode == 0
    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert_screen_clean(app, "note\\x1b]0;pwned")
        await pilot.press("enter")
        await pilot.pause()
    assert [b.note for b in app.bookmarks.items.values()] == [note]


async def test_palette_entries_are_shown_not_obeyed(evil_rows):
    from cityrank_tui.tui.app import CityRankApp

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"zzqx")
        await wait_until(pilot, lambda: SHOWN[:14] in screen_text(app), "the evil rows offered")
        assert_screen_clean(app)


async def test_correlation_screen_is_clean(evil_index):
    from cityrank_tui.tui.app import CityRankApp
    from cityrank_tui.tui.screens.correlate import CorrelateScreen

    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(CorrelateScreen(app.catalog, "evil-2024", "ici-2014"))
        await pilot.pause()
        assert_screen_clean(app, "Evil\\x1b]0;pwned")


async def test_markup_in_data_is_never_markup(tmp_path):
    """`[b]` and nested brackets in a name stay literal in the palette (its highlighter read them
    as markup) and in dialogs."""
    from cityrank_tui.tui.app import CityRankApp

    source = tmp_path / "m.csv"
    source.write_text("Rank,City\n1,[b][[red]]Oddtown[/b]\n2,London\n", encoding="utf-8")
    assert run("import", str(source), "--id", "markup-2024", "--name", "M").returncode == 0
    app = CityRankApp()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        await pilot.press(*"oddtown")
        await wait_until(
            pilot,
            lambda: "[b][[red]]Oddtown[/b]" in screen_text(app),
            "the palette shows the name as written",
        )


async def test_mistyped_saved_view_is_dropped_with_a_note():
    from cityrank_tui.tui.app import CityRankApp

    (state_dir() / "state.toml").write_text(
        'last_tab = "ici-2014"\n[views.ici-2014]\nsort = "rank"\n'
        '[views.ici-2014.filter]\nmin_score = "53"\n'
        '[views.gii-2024]\nsort = "rank"\n[views.gii-2024.filter]\nmin_rank = 3\n'
    )
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.pane.info.id == "ici-2014"
        assert app.screen.pane.view.filter.min_score is None
        messages = [n for n in toasts(app)]
        assert any("saved view of ici-2014 was dropped (min_score" in m for m in messages)
    assert "gii-2024" in app.state.views  # a valid view is kept


async def test_app_names_an_unknown_start_tab():
    from cityrank_tui.tui.app import CityRankApp

    (config_dir() / "config.toml").write_text('start_tab = "nope"\n')
    app = CityRankApp()
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("start_tab 'nope' is not a family or an edition" in n for n in toasts(app))
