"""O opens the highlighted row's source: a new browser tab in a browser session, the desktop's
opener in a terminal, one line where no browser can open; details and the profile show source
addresses as OSC 8 hyperlinks (issue 23)."""

from __future__ import annotations

import stat
import sys

import pytest

from cityrank_tui.core.links import addresses
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.screens.dialogs import PickScreen, TextScreen
from tests.support.waiting import wait_until

SIZE = (80, 24)


def pane_of(app):
    return app.screen.pane


@pytest.fixture
def web(monkeypatch):
    monkeypatch.setattr(CityRankApp, "is_web", property(lambda self: True))


async def to_row(app, pilot, tab: str, name: str | None = None):
    """The row named `name`, or the first row with one source, highlighted."""
    await pilot.press(tab)
    await wait_until(pilot, lambda: pane_of(app).table.current_row is not None, "a row")
    pane = pane_of(app)
    names = pane.result["name"].to_list()
    if name is None:
        name = next(
            r["name"]
            for r in pane.result.iter_rows(named=True)
            if len(addresses(r["source_url"])) == 1
        )
    pane.table.cursor_row = names.index(name)
    await wait_until(pilot, lambda: pane.table.current_row["name"] == name, name)
    return pane.table.current_row


async def test_O_opens_the_rows_one_source_in_a_new_browser_tab(web):
    app = CityRankApp()
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")  # GFCI: a row with one source
        await wait_until(pilot, lambda: pane_of(app).info.family == "gfci", "GFCI")
        row = await to_row(app, pilot, "8")
        await pilot.press("O")
        await wait_until(pilot, lambda: opened, "open_url called")
        assert opened == addresses(row["source_url"])
        assert opened[0] == row["source_url"].split(" | ")[0].split()[0]
        assert "new tab" in app.messages[-1][2]


async def test_O_on_a_row_with_several_sources_asks_which(web):
    app = CityRankApp()
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")  # GII 2025: its first row names several sources
        await wait_until(pilot, lambda: pane_of(app).info.family == "gii", "GII")
        row = pane_of(app).table.current_row
        wanted = addresses(row["source_url"])
        assert len(wanted) > 1
        await pilot.press("O")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "the sources")
        assert [c.value for c in app.screen.choices] == wanted
        assert [c.label for c in app.screen.choices] == wanted  # the row is in the title
        assert row["name"] in app.screen.title_text
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: opened, "open_url called")
        assert opened == [wanted[1]]


async def test_over_ssh_without_a_display_it_says_so_and_opens_nothing(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    monkeypatch.setattr(sys, "platform", "linux")
    app = CityRankApp()
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=SIZE) as pilot:
        row = await to_row(app, pilot, "8")
        said = len(app.messages)
        await pilot.press("O")
        await wait_until(pilot, lambda: len(app.messages) > said, "a message")
        message = app.messages[-1][2]
    assert opened == []
    assert message.startswith("Over SSH with no display, no browser can open from here")
    assert message.endswith(addresses(row["source_url"])[0]) and "\n" not in message


async def test_in_a_terminal_the_desktop_opener_gets_the_address(tmp_path, monkeypatch):
    got = tmp_path / "opened.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(got)!r}, 'w').write(sys.argv[1])\n"
    )
    opener.chmod(opener.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        row = await to_row(app, pilot, "8")
        await pilot.press("O")
        await wait_until(pilot, lambda: got.exists() and got.read_text(), "xdg-open ran")
    assert got.read_text() == addresses(row["source_url"])[0]


async def test_details_and_the_profile_link_their_sources(web):
    app = CityRankApp()
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)
    async with app.run_test(size=(120, 40)) as pilot:
        row = await to_row(app, pilot, "8", "London")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TextScreen), "details")
        links = {s.style.link for s in app.screen.body.spans if getattr(s.style, "link", None)}
        assert links == set(addresses(row["source_url"]))
        # drawn as OSC 8 on the terminal: the address inside the hyperlink sequence
        drawn = "".join(
            strip.render(app.console) for strip in app.screen._compositor.render_strips()
        )
        assert f";{addresses(row['source_url'])[0]}\x1b\\" in drawn
        await pilot.press("escape", "p")
        await wait_until(pilot, lambda: app.screen.SCOPE == "profile", "the profile")
        await pilot.press("O")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), "its sources")
        labels = [c.label for c in app.screen.choices]
        assert any(label.startswith("GFCI") for label in labels)
        assert "London" in app.screen.title_text
        await pilot.press("enter")
        await wait_until(pilot, lambda: opened, "open_url called")
        assert opened[0] == app.screen_stack[-1].profile.ranked[0].entry["source_url"].split()[0]


async def test_the_comparison_links_each_figures_source():
    app = CityRankApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.toggle_pick("london-gb")
        app.toggle_pick("paris-fr")
        await pilot.press("v")
        await wait_until(pilot, lambda: app.screen.SCOPE == "compare", "the comparison")
        screen = app.screen
        row = screen.rows[0]
        wanted = {a for cell in row.cells for a in addresses(cell.source)}
        assert wanted
        await wait_until(
            pilot,
            lambda: (
                ";" + sorted(wanted)[0] + "\x1b\\"
                in "".join(s.render(app.console) for s in screen._compositor.render_strips())
            ),
            "the first source drawn as an OSC 8 hyperlink",
        )
