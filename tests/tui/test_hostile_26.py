"""Issue 26 in the TUI: fast keys, twice-dismissed dialogs, resizes and bad config never crash
the app (driven with Pilot; waits on conditions, never a fixed time)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen
from tests.support.waiting import wait_until

SIZE = (80, 24)


async def test_two_enters_in_one_read_on_a_picker_close_it_once():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        main = app.screen
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the sort picker")
        # Two Enters delivered together, as a terminal read holding both bytes gives them.
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await wait_until(pilot, lambda: app.screen is main, "back on the main screen")
        await pilot.pause()
        assert app.screen is main and app.is_running


async def test_a_dialog_dismissed_twice_is_a_no_op():
    app = CityRankApp()
    got: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        main = app.screen
        picker = PickScreen("Pick", [])
        app.push_screen(picker, got.append)
        await wait_until(pilot, lambda: app.screen is picker, "the picker")
        picker.dismiss(1)
        picker.dismiss(2)
        await wait_until(pilot, lambda: app.screen is main, "back on the main screen")
        assert got == [1]


async def test_export_over_a_fifo_is_refused_and_the_node_stays(tmp_path):
    """The same path as over /dev/null (a node that is not a regular file), without touching
    the machine's devices: the old code wrote `.pipe.csv.part` and renamed it over the node."""
    import os

    from textual.widgets import Input

    from cityrank_tui.tui.screens.export import ExportPathScreen

    node = tmp_path / "pipe.csv"
    os.mkfifo(node)
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        await pilot.press("e", "enter")  # CSV, the first format
        await wait_until(pilot, lambda: isinstance(app.screen, ExportPathScreen), "the path box")
        app.screen.query_one(Input).value = str(node)
        await pilot.press("enter", "enter")  # a second Enter would confirm a replace
        await wait_until(
            pilot,
            lambda: "FIFO" in str(app.screen.query_one("#export-error").render()),
            "the refusal",
        )
        assert isinstance(app.screen, ExportPathScreen)
    assert not node.is_file() and node.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.csv"]


async def test_a_comma_only_key_in_config_toml_keeps_the_default_and_starts():
    from tests.support.screen import write_config

    write_config('[keys]\nsort = ","\nquit = ",,q,,"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        await pilot.press("o")  # the default sort key still opens the picker
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the sort picker")


async def test_the_app_starts_with_a_fifo_at_every_path_it_reads(tmp_path):
    """config.toml, bookmarks.toml (and its lock), state.toml, an imported index's metadata and
    data files: each a FIFO. The app starts and opens the index's tab; nothing waits on one."""
    import faulthandler

    from cityrank_tui.cli import main

    source = tmp_path / "mine.csv"
    source.write_text("rank,name,country\n1,London,GB\n2,Paris,FR\n")
    assert main(["import", str(source), "--id", "mine", "--name", "Mine"]) == 0
    from tests.support.fifos import plant_fifos

    planted = plant_fifos()
    # A blocked read holds the event loop, where no wait_until can see it: the bound is
    # faulthandler's, which ends the run with every thread's stack if it is reached.
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        app = CityRankApp()
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
            await pilot.press("b")  # a bookmark: its save meets the FIFOs, kept in memory
            await pilot.pause()
            app.save_state()
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert all(p.exists() and not p.is_file() for p in planted)


@pytest.mark.parametrize("key", ["o", "e", "c"])
async def test_a_resize_storm_down_to_one_cell_with_a_picker_open_is_survived(key):
    sizes = [(1, 1), (2, 1), (1, 2), (80, 24), (3, 3), (1, 1), (10, 2), (200, 60), (5, 1), (80, 24)]
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the picker")
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await wait_until(pilot, lambda w=width: app.size.width == w, f"width {width}")
        assert isinstance(app.screen, PickScreen) and app.is_running


@pytest.mark.parametrize("keys", [("p", "enter"), ("equals_sign", "end", "enter")])
async def test_an_index_removed_from_another_shell_is_a_message_not_a_crash(tmp_path, keys):
    from cityrank_tui.cli import main
    from cityrank_tui.store import paths, userindexes

    source = tmp_path / "live.csv"
    source.write_text("rank,name,country\n1,London,GB\n2,Paris,FR\n")
    assert main(["import", str(source), "--id", "live", "--name", "Live"]) == 0
    app = CityRankApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        main_screen = app.screen
        userindexes.remove(paths.data_dir(), "live")  # another shell's remove-index
        for key in keys:
            await pilot.press(key)
        await wait_until(
            pilot,
            lambda: any("read the data folder again" in n.message for n in app._notifications),
            "the line",
        )
        assert app.screen is main_screen and app.is_running


async def test_fifty_keys_typed_in_one_burst_reach_the_search_box_in_order():
    """What a pty delivers in one read: the keys queued at once, none awaited in between."""
    names = {"space": " ", "backspace": "\x7f"}
    burst = [*"town", "space", *"999", *["backspace", "9"] * 20, "9", "1"]
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the search box")
        box = app.focused
        for key in burst:
            app.post_message(events.Key(key, names.get(key, key)))
        await wait_until(pilot, lambda: len(box.value) >= len("town 99991"), "the typing")
        await pilot.pause()
        assert box.value == "town 99991"


async def test_a_warning_that_arises_after_start_is_shown_and_kept_for_m():
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "MainScreen", "main")
        # what the catalogue appends when it first reads a damaged imported-cities file
        late = "imported cities file /x/mine.1.cities.parquet cannot be read (damaged)"
        app.catalog.warnings.append(late)
        await wait_until(
            pilot, lambda: any(late in n.message for n in app._notifications), "the toast"
        )
        assert any(late in message for _at, _sev, message in app.messages)
        await pilot.press("M")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "TextScreen", "M")
