"""The first tab drawn before its Parquet is read (core/first_screen.py, IndexPane.attach):
the same screen as the real tab, cell for cell, for every bundled edition; keys typed before the
real tab is in act on it as they would after; and every start it does not fit draws the real tab
at once."""

from __future__ import annotations

import pytest
from textual import events

from cityrank_tui.core.catalog import Catalog
from cityrank_tui.core.filters import Filter, Sort, View
from cityrank_tui.store.state import AppState, view_to_dict
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.main import MainScreen
from cityrank_tui.tui.widgets.index_pane import IndexPane
from tests.support.screen import write_config
from tests.support.waiting import wait_until

EDITIONS = sorted(i.id for i in Catalog().indexes.values() if i.bundled)
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def held(monkeypatch):
    """The real tab comes in only when a test (or a key) asks: the first screen can be read."""

    def hold(self: MainScreen) -> None:
        return None

    monkeypatch.setattr(MainScreen, "_realise_after_first_frame", hold)


def cells(app) -> list[list[tuple[str, object]]]:
    """Every cell of the screen as drawn now: each segment's text and style."""
    strips = app.screen._compositor.render_strips()
    return [[(s.text, s.style) for s in strip] for strip in strips]


def text(app) -> str:
    return "\n".join("".join(t for t, _ in line) for line in cells(app))


def previewed(app) -> IndexPane | None:
    """The first tab while it is drawn from its first screen (before its frame is read)."""
    main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
    return next((p for p in main.query(IndexPane) if p.pending), None)


async def first_frame(pilot) -> None:
    """Until the first tab's table has drawn a line (the preview's, or the real one's)."""
    await wait_until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, MainScreen)
            and any(t.painted for t in pilot.app.screen.query("RankTable"))
        ),
        "the first table drawn",
    )


async def realised(pilot) -> IndexPane:
    pilot.app.screen.realise()
    await wait_until(
        pilot,
        lambda: pilot.app.screen.pane is not None and pilot.app.screen.pane.table.painted,
        "the real tab drawn",
    )
    await pilot.pause()
    return pilot.app.screen.pane


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("edition", EDITIONS)
async def test_the_first_screen_is_the_real_tab_cell_for_cell(held, edition, size):
    write_config(f'start_tab = "{edition}"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=size) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None, "the first tab was not drawn from first_screen.json"
        before = cells(app)
        assert "row 1 of" in text(app)
        pane = await realised(pilot)
        assert previewed(app) is None and pane.info.id == edition
        after = cells(app)
    assert before == after


@pytest.mark.parametrize("size", [(60, 16), (200, 60)], ids=["60x16", "200x60"])
@pytest.mark.parametrize("edition", ["ici-2014", "gii-2024"])
async def test_the_first_screen_at_the_smallest_and_a_wide_screen(held, edition, size):
    """At 60x16 the header keeps two lines; at 200 columns every column shows."""
    write_config(f'start_tab = "{edition}"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=size) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None
        before = cells(app)
        await realised(pilot)
        assert cells(app) == before


async def test_the_real_tab_is_what_a_start_without_the_first_screen_draws(held):
    """The tab that replaces the first screen is the one drawn when none is used."""
    write_config('start_tab = "gii-2024"\n')  # a Move column against 2023
    screens = []
    for first in (True, False):
        app = CityRankApp(preview_first=first)
        async with app.run_test(size=(120, 40)) as pilot:
            await first_frame(pilot)
            assert (previewed(app) is not None) == first
            if first:
                await realised(pilot)
            screens.append(cells(app))
    assert screens[0] == screens[1]


KEYS = {
    "search": ["slash", "s", "e"],  # the search box open, 'se' searched
    "cursor then search": ["j", "j", "slash", "l"],
    "cursor then region picker": ["j", "r"],
}


async def typed(keys: list[str], early: bool) -> tuple[str, object]:
    """The screen after `keys`, queued all at once straight after the first frame (early) or
    pressed once the real tab is in."""
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None
        if early:
            for key in keys:  # queued before any is handled, as a burst from the terminal
                char = "/" if key == "slash" else key if len(key) == 1 else None
                app.post_message(events.Key(key, char))
        else:
            await realised(pilot)
            await pilot.press(*keys)
        await wait_until(pilot, lambda: previewed(app) is None, "the real tab")
        await pilot.pause()
        screen = app.screen
        main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
        pane = main.pane
        assert pane is not None
        state = (
            type(screen).__name__,
            pane.view,
            pane.table.cursor_row,
            pane.summary.is_open,
            pane.summary.value,
        )
        return text(app), state


@pytest.mark.parametrize("keys", KEYS.values(), ids=list(KEYS))
async def test_keys_typed_before_the_real_tab_act_on_it(held, keys):
    early_screen, early_state = await typed(keys, early=True)
    late_screen, late_state = await typed(keys, early=False)
    assert early_state == late_state
    assert early_screen == late_screen


async def test_the_real_tab_comes_in_by_itself_after_the_first_frame():
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        await wait_until(pilot, lambda: app.screen.pane is not None, "the real tab, unasked")
        assert previewed(app) is None
        assert app.screen.focused is app.screen.pane.table


def save_view(edition: str, view: View) -> None:
    state = AppState()
    state.last_tab = edition
    state.views[edition] = view_to_dict(view)
    state.save()


FALLBACKS = {
    "not asked for (tests, other screens)": lambda: None,
    "the Cities tab": lambda: write_config('start_tab = "cities"\n'),
    "a saved search": lambda: save_view("ici-2014", View(Filter(text="se"))),
    "a saved filter": lambda: save_view("ici-2014", View(Filter(region="Asia"))),
    "a saved sort": lambda: save_view("ici-2014", View(Filter(), Sort("name"))),
}


@pytest.mark.parametrize("given", FALLBACKS.values(), ids=list(FALLBACKS))
async def test_starts_the_first_screen_does_not_fit_draw_the_real_tab_at_once(held, given):
    given()
    app = CityRankApp(preview_first=given is not FALLBACKS["not asked for (tests, other screens)"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is None
        assert not app.screen.previewing


async def test_a_saved_default_view_still_uses_the_first_screen(held):
    save_view("ici-2014", View())
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None


async def test_a_screen_taller_than_the_rows_held_waits_for_the_real_tab(held):
    """ici-2014 has 151 rows, the file holds the first 120: a 130-line screen would show more."""
    write_config('start_tab = "ici-2014"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 130)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is None


async def test_an_imported_index_as_first_tab_is_read_at_once(held, two_small_indexes, monkeypatch):
    monkeypatch.setenv("CITYRANK_DATA_DIR", str(two_small_indexes.user_dir))
    write_config('start_tab = "a"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is None
        assert app.screen.pane is not None and app.screen.pane.info.id == "a"


async def test_a_screen_grown_taller_than_the_rows_held_shows_no_row_it_does_not_hold(held):
    """Resized before the real tab is in: the lines past the first 120 rows stay blank (never
    a row of missing values), and the real tab fills them."""
    write_config('start_tab = "ici-2014"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        await pilot.resize_terminal(80, 140)
        await wait_until(pilot, lambda: app.screen.size.height == 140, "the taller screen")
        await pilot.pause()
        assert previewed(app) is not None
        pane = previewed(app)
        first = app.catalog.first_screen.preview("ici-2014")
        assert pane is not None and len(first.rows) == 120 < first.height
        keys = [c.key for c in pane.table.columns]
        held_last = first.rows[-1][keys.index("name")]
        lines = text(app).splitlines()
        (last,) = [n for n, line in enumerate(lines) if f" {held_last} " in line]
        assert all(not line[:60].strip() for line in lines[last + 1 : last + 6])
        await realised(pilot)
        lines = text(app).splitlines()
        assert lines[last + 1][:60].strip()


async def test_a_warning_at_start_still_shows_as_a_toast():
    write_config('start_tab = "nope"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await first_frame(pilot)
        rack = app.screen.get_child_by_id("textual-toastrack")
        await wait_until(pilot, lambda: rack.display and rack.children, "the warning's toast")
        assert "start_tab 'nope'" in text(app)


async def test_with_imported_indexes_a_bundled_first_tab_is_still_drawn_first(
    held, two_small_indexes, monkeypatch
):
    """Imports add tabs: the first screen still draws the bundled tab, and the same as the
    real one."""
    monkeypatch.setenv("CITYRANK_DATA_DIR", str(two_small_indexes.user_dir))
    write_config('start_tab = "gii-2025"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None
        before = cells(app)
        assert {"a", "unrelated"} <= set(app.catalog.indexes)  # their tabs, past the › here
        await realised(pilot)
        assert cells(app) == before


@pytest.fixture
def first_frames(monkeypatch) -> list[list[list[tuple[str, object]]]]:
    """The first frame the app sends to the terminal, cell by cell, once it is sent."""
    first: list[list[list[tuple[str, object]]]] = []
    shown = CityRankApp._display

    def display(self, screen, renderable):
        if renderable is not None and not first:
            first.append(cells(self))
        return shown(self, screen, renderable)

    monkeypatch.setattr(CityRankApp, "_display", display)
    return first


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("edition", ["ici-2014", "gii-2024", "gawc-2024", "schroders-2024"])
async def test_the_first_frame_is_the_screen_once_settled(edition, size, first_frames):
    """The table's horizontal scrollbar is in the first frame where the table needs it: that
    frame showed a table row in its place, drawn over a moment later (on main too)."""
    first = first_frames
    write_config(f'start_tab = "{edition}"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: first and not app.screen.previewing, "the real tab")
        await pilot.pause()
        assert first[0] == cells(app)


async def test_an_edition_unreadable_after_its_first_screen_says_why(held, monkeypatch):
    """Its Parquet damaged between the start and the read that follows the first frame: the
    tab says why, as any tab that cannot be opened does, and keys still work."""
    from cityrank_tui.core.errors import DataError

    write_config('start_tab = "ici-2014"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is not None

        def damaged(self, index_id):
            raise DataError(f"entries of {index_id} file cannot be read (damaged)")

        monkeypatch.setattr(Catalog, "entries", damaged)
        await pilot.press("j")
        await wait_until(pilot, lambda: "Cannot open this index" in text(app), "the reason")
        assert "damaged" in text(app) and previewed(app) is None
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: not isinstance(app.screen, MainScreen), "help opens")


@pytest.mark.parametrize("edition", ["ici-2014", "gawc-2024"])
async def test_without_the_first_screen_the_first_frame_is_settled_too(edition, first_frames):
    """The table's horizontal scrollbar is decided before the first layout on every start
    (a saved filter: no first screen), not only the first screen's."""
    first = first_frames
    save_view(edition, View(Filter(min_rank=2)))
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: first and app.screen.pane is not None, "the tab")
        assert not app.screen.previewing and app.screen.pane.view.filter.min_rank == 2
        await pilot.pause()
        assert first[0] == cells(app)


async def test_an_import_declaring_the_family_before_the_edition_reads_the_tab_at_once(
    held, tmp_path
):
    """An import that declares the GII family, edition 2023, comes between GII 2023 and 2024:
    gii-2024's Move column is then counted against it, not against the bundled 2023 the first
    screen was made with, so the first screen is not used (it showed `=`, `▲1` where the tab
    shows `new`, `▲35`)."""
    import os
    from pathlib import Path

    from cityrank_tui.cli import main

    csv = tmp_path / "mine.csv"
    csv.write_text("Rank,City\n1,Ningde\n2,Ningbo\n3,Hamburg\n4,Heidelberg-Mannheim\n")
    args = ["import", str(csv), "--id", "gii-2023b", "--name", "My GII", "--edition", "2023"]
    assert main(args) == 0
    toml = Path(os.environ["CITYRANK_DATA_DIR"]) / "indexes" / "gii-2023b.toml"
    toml.write_text('family = "gii"\n' + toml.read_text())
    write_config('start_tab = "gii-2024"\n')
    app = CityRankApp(preview_first=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_frame(pilot)
        assert previewed(app) is None
        pane = app.screen.pane
        assert pane is not None and pane.info.id == "gii-2024"
        assert pane.moves.previous is not None and pane.moves.previous.id == "gii-2023b"
