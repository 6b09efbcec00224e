"""Every hint, heading and message that names a key takes it from the keymap (issue 24, item 3).

The structure test remaps EVERY command to a function key nobody would guess, opens every screen
and reads what it shows: no default key may stand where a hint names one ("b bookmark",
"(C)", "Press x", "[ and ] step", "1 … 9"). Patterns are built from the declared defaults, so a
command added later is checked too.
"""

from __future__ import annotations

import re

from cityrank_tui.store.bookmarks import Bookmarks
from cityrank_tui.tui.app import CityRankApp
from cityrank_tui.tui.commands import BY_ID
from cityrank_tui.tui.keymap import display_key, normalize
from cityrank_tui.tui.screens.main import CITIES_TAB
from cityrank_tui.tui.texts import help_text
from tests.support.screen import screen_lines, write_config
from tests.support.waiting import wait_until

SIZE = (80, 24)
FKEYS = [f"f{n}" for n in range(2, 25)]
POOL = [m + f for m in ("", "ctrl+", "alt+", "ctrl+shift+", "shift+", "alt+shift+") for f in FKEYS]


def remap_everything() -> dict[str, str]:
    """A distinct function key for every command id (no two commands share one anywhere)."""
    ids = sorted(BY_ID)
    assert len(ids) <= len(POOL)
    return dict(zip(ids, POOL, strict=False))


def write_remaps(remaps: dict[str, str]) -> None:
    write_config("[keys]\n" + "".join(f'"{i}" = "{k}"\n' for i, k in remaps.items()))


def default_keys() -> dict[str, list[str]]:
    """Each command's default keys as shown ("b", "Space", "Enter", "[")."""
    return {i: [display_key(k) for k in normalize(c.keys).split(",")] for i, c in BY_ID.items()}


def stale_hints(text: str) -> list[str]:
    """Default keys standing where a hint names a key."""
    found = []
    for command_id, keys in default_keys().items():
        command = BY_ID[command_id]
        # what a hint says after the key: a word of the command's title or help
        words = {w for w in re.findall(r"[a-z]{2,}", f"{command.title} {command.help}".lower())}
        said = "|".join(sorted(words))
        for key in keys:
            k = re.escape(key)
            patterns = [
                rf"(?m)(?:^|· ){k}:? (?:{said})\b",  # "· b bookmark", "· E: editions"
                rf"[Pp]ress {k}\b",  # "Press x to clear"
                rf"\({k}: ",  # "(Enter: profile)"
            ]
            if not key.isdigit():
                patterns.append(rf"\({k}\)")  # a heading: "Bookmarks (B)"
            if not key.isalnum():
                patterns.append(rf"(?<!\S){k} and \S ")  # "[ and ] step"
            found += [m.group(0) for p in patterns for m in re.finditer(p, text)]
    if "1 … 9" in text:
        found.append("1 … 9")
    return found


def shown(app) -> str:
    return "\n".join(screen_lines(app))


async def test_every_screen_names_the_keys_as_remapped_never_a_default():
    remaps = remap_everything()
    write_remaps(remaps)
    Bookmarks.load().add("seoul-kr", "Seoul")
    app = CityRankApp()
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.pane is not None, "an index tab")
        assert app._key_warnings == [], app._key_warnings  # every remap taken
        main = app.screen
        main.goto_index("ici-2014")
        await wait_until(pilot, lambda: main.pane and main.pane.info.id == "ici-2014", "ICI")
        seen["index tab"] = shown(app)
        app.action_help()
        await wait_until(pilot, lambda: app.screen is not main, "help")
        seen["help text (index tab)"] = help_text(app.keymap, "main").plain
        seen["help (index tab)"] = shown(app)
        app.pop_screen()
        main.pane.action_details()
        await wait_until(pilot, lambda: app.screen is not main, "details")
        seen["details"] = shown(app)
        app.pop_screen()
        main._step_edition(1)  # ICI has one edition: a message
        main.goto_index(CITIES_TAB)
        await wait_until(pilot, lambda: main.cities_pane is not None, "the Cities tab")
        await pilot.pause()
        seen["cities tab"] = shown(app)
        main._step_edition(1)  # the notice on the Cities tab names [ and ]
        seen["help text (cities)"] = help_text(app.keymap, "cities").plain
        main.cities_pane._change(text="atlantis")  # nothing matches: the empty table's hint
        await pilot.pause()
        seen["cities tab, empty"] = shown(app)
        main.cities_pane._change(text="")
        app.picks[:] = ["seoul-kr", "tokyo-jp"]
        app.action_compare()
        await wait_until(pilot, lambda: app.screen is not main, "comparison")
        seen["comparison"] = shown(app)
        app.pop_screen()
        app.action_bookmarks()
        await wait_until(pilot, lambda: app.screen is not main, "bookmarks")
        seen["bookmarks"] = shown(app)
        app.pop_screen()
        app.open_profile("seoul-kr")
        await wait_until(pilot, lambda: app.screen is not main, "profile")
        seen["profile"] = shown(app)
        app.pop_screen()
        app.action_agreement()
        await wait_until(pilot, lambda: app.screen is not main, "agreement")
        seen["agreement"] = shown(app)
        app.pop_screen()
        from cityrank_tui.tui.screens.correlate import CorrelateScreen

        app.push_screen(CorrelateScreen(app.catalog, "ici-2014", "gii-2023"))
        await wait_until(pilot, lambda: isinstance(app.screen, CorrelateScreen), "correlate")
        await pilot.pause()
        seen["correlate"] = shown(app)
        app.pop_screen()
        main.goto_index("ici-2014")
        await wait_until(pilot, lambda: main.pane is not None, "ICI again")
        main.pane.action_pick_region()  # a picker, and the help shown over it
        await wait_until(pilot, lambda: app.screen is not main, "region picker")
        seen["picker"] = shown(app)
        app.action_help()
        await wait_until(pilot, lambda: getattr(app.screen, "is_help", False), "picker help")
        seen["help (picker)"] = app.screen.body.plain
        app.pop_screen()
        app.pop_screen()
        app.action_command_palette()
        await wait_until(pilot, lambda: app.screen is not main, "palette")
        await pilot.pause()
        seen["palette"] = shown(app)
        assert "Search names" in seen["palette"], seen["palette"]  # its commands, with keys
        app.pop_screen()
        seen["messages"] = "\n".join(m for _, _, m in app.messages)
    stale = {where: hits for where, text in seen.items() if (hits := stale_hints(text))}
    assert stale == {}


def test_the_pattern_finds_what_the_issue_saw():
    """The check is not blind: each text the newcomer saw with remapped keys is caught."""
    for text in (
        "Enter profile · b bookmark · Space pick · m in at least N families",
        "Editions 2022 [2023] · [ and ] step",
        "Every city (C)",
        "Index vs index (=)",
        "1 … 9  Jump to tab N",
        "No city matches these filters.\nPress x to clear them.",
        "Every city × every family · 8 families · E: editions",
        "Biggest disagreements (Enter: profile)",
    ):
        assert stale_hints(text), text
    assert not stale_hints("Seoul · 151 of 445 cities · Asia 87/87 · a city in 3 families")


async def test_the_cities_tab_names_bookmark_and_edition_keys_as_remapped():
    """As the newcomer saw it: bookmark = "z", prev_edition = "comma" (80×24)."""
    write_config('[keys]\nbookmark = "z"\nprev_edition = "comma"\nnext_edition = "full_stop"\n')
    app = CityRankApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        main = app.screen
        await wait_until(pilot, lambda: main.cities_pane is not None, "the Cities tab")
        header = main.cities_pane._title().plain
        assert "· z bookmark ·" in header and "b bookmark" not in header
        await pilot.press("comma")
        await wait_until(pilot, lambda: app.messages, "the notice")
        notice = app.messages[-1][2]
        assert ", and . step through the editions" in notice, notice
        assert "[ and ]" not in notice
        await pilot.press("3", "comma")  # GII 2024: its editions line
        await wait_until(pilot, lambda: main.pane and main.pane.info.id == "gii-2024", "GII 2024")
        line = main.pane._editions_line(main.pane.family).plain  # cut on screen at 80 columns
        assert line.endswith(" · , and . step"), line
