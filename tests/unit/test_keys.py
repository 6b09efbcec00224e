"""The key declarations (tui/commands.py) and how config.toml's [keys] resolve (tui/keymap.py, issue 13)."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import DataTable, Input

from cityrank_tui.store import settings
from cityrank_tui.tui.commands import ALL, APP, BY_ID, SCREENS, commands_of
from cityrank_tui.tui.keymap import (
    BOOKMARK_TABLE_KEYS,
    CURSOR_TABLE_KEYS,
    DATA_TABLE_KEYS,
    RANK_TABLE_KEYS,
    SEARCH_BOX_KEYS,
    keymap,
)
from cityrank_tui.tui.screens.agreement import AgreementScreen
from cityrank_tui.tui.screens.bookmarks import BookmarksScreen, BookmarkTable
from cityrank_tui.tui.screens.compare import CompareScreen
from cityrank_tui.tui.screens.correlate import CorrelateScreen
from cityrank_tui.tui.screens.dialogs import ConfirmScreen, TextScreen
from cityrank_tui.tui.screens.main import MainScreen
from cityrank_tui.tui.screens.map import MapScreen
from cityrank_tui.tui.screens.profile import ProfileScreen
from cityrank_tui.tui.widgets.cities_pane import CitiesPane
from cityrank_tui.tui.widgets.cursor_table import CursorTable
from cityrank_tui.tui.widgets.index_pane import IndexPane, SearchLine
from cityrank_tui.tui.widgets.rank_table import RankTable
from tests.support.screen import write_config

SCREEN_CLASSES = {
    "main": MainScreen,
    "cities": CitiesPane,
    "search": SearchLine,
    "agreement": AgreementScreen,
    "correlate": CorrelateScreen,
    "bookmarks": BookmarksScreen,
    "compare": CompareScreen,
    "map": MapScreen,
    "profile": ProfileScreen,
    "text": TextScreen,
    "confirm": ConfirmScreen,
}


def keys_of(bindings) -> list[str]:
    return [k.strip() for b in bindings if isinstance(b, Binding) for k in b.key.split(",")]


@pytest.mark.parametrize("scope", [s for s in SCREENS if s != APP])
def test_every_key_of_a_screen_is_a_declared_command_of_that_screen(scope):
    screen = SCREEN_CLASSES[scope]
    assert getattr(screen, "SCOPE", scope) == scope
    bindings = list(screen.BINDINGS)
    if scope == "main":  # each index tab (IndexPane) answers its own filter, sort and search keys
        bindings += IndexPane.BINDINGS
    ids = [b.id for b in bindings if isinstance(b, Binding)]
    assert len(ids) == len(bindings) and None not in ids  # no undeclared binding
    assert sorted(ids) == sorted(c.id for c in commands_of(scope))


def test_ids_are_unique_and_carry_their_screen():
    assert len({c.id for c in ALL}) == len(ALL)
    for command in ALL:
        if command.screen in ("main", APP):
            assert "." not in command.id
        else:
            assert command.id == f"{command.screen}.{command.name}"


def test_the_default_keys_clash_nowhere():
    keys, refused = keymap({})
    assert refused == []
    assert keys == {i: c.keys for i, c in BY_ID.items()}


def test_the_search_boxs_keys_are_the_inputs_own_less_enter():
    own = keys_of(Input.BINDINGS)
    assert "enter" in own  # Input's submit: search.keep holds Enter in the search box
    assert SEARCH_BOX_KEYS.split(",") == [k for k in own if k != "enter"]


def test_a_remap_in_the_search_box_onto_a_typed_or_editing_key_is_refused():
    keys, refused = keymap({"search.keep": "a", "search.drop": "ctrl+w"})
    assert keys["search.keep"] == "enter,tab,down"
    assert keys["search.drop"] == "escape"
    assert refused == [
        'config.toml: keys.search.drop = "ctrl+w" is already an editing key of the search box '
        "(ctrl+w); search.drop keeps Esc.",
        'config.toml: keys.search.keep = "a" is already a key that types itself in the search '
        "box; search.keep keeps Enter / Tab / ↓.",
    ]
    keys, refused = keymap({"search.drop": "ctrl+g"})
    assert refused == [] and keys["search.drop"] == "ctrl+g"


def test_the_tables_keys_are_the_widgets_own():
    assert keys_of(RankTable.BINDINGS) == RANK_TABLE_KEYS.split(",")
    own = [k for k in keys_of(BookmarkTable.BINDINGS) if k in RANK_TABLE_KEYS.split(",")]
    assert sorted(set(own)) == sorted(BOOKMARK_TABLE_KEYS.split(","))
    assert not set("hlHL") & set(keys_of(BookmarkTable.BINDINGS))  # l: the watchlists
    assert keys_of(DataTable.BINDINGS) == DATA_TABLE_KEYS.split(",")
    assert keys_of(CursorTable.BINDINGS) + keys_of(DataTable.BINDINGS) == (
        CURSOR_TABLE_KEYS.split(",")
    )


def test_a_remap_moves_one_screens_key_and_frees_the_default():
    keys, refused = keymap({"bookmarks.note": "N", "compare.next_diff": "w"})
    assert refused == []  # w is the bookmarks view's, not the comparison's
    assert keys["bookmarks.note"] == "N" and keys["compare.next_diff"] == "w"
    assert keys["bookmarks.watchlists"] == "w"


def test_two_keys_swapped_are_no_clash():
    keys, refused = keymap({"clear": "u", "undo": "x"})
    assert refused == [] and keys["clear"] == "u" and keys["undo"] == "x"


def test_a_bare_name_remaps_every_screen_unless_the_screens_own_id_says_otherwise():
    keys, refused = keymap({"bookmark": "z", "profile.bookmark": "K"})
    assert refused == []
    assert keys["bookmark"] == keys["compare.bookmark"] == "z"
    assert keys["profile.bookmark"] == "K"
    assert keys["bookmarks.remove"] == "b,delete"  # another command, not named "bookmark"


def test_a_remap_onto_a_key_of_the_same_screen_is_refused_in_one_line():
    keys, refused = keymap({"bookmarks.note": "w"})
    assert keys["bookmarks.note"] == "n"
    assert refused == [
        'config.toml: keys.bookmarks.note = "w" is already bookmarks.watchlists\'s key w in '
        "the bookmarks view; bookmarks.note keeps n."
    ]


def test_a_remap_onto_an_app_key_or_a_table_key_is_refused():
    keys, refused = keymap({"clear": "?", "compare.profile": "j"})
    assert keys["clear"] == keys["cities.clear"] == "x" and keys["compare.profile"] == "p"
    assert len(refused) == 2
    assert refused[0].startswith('config.toml: keys.clear = "?" is already help\'s key ?')
    assert refused[0].endswith("clear keeps x, cities.clear keeps x.")
    assert "the table's key j in the comparison" in refused[1]


def test_a_bare_remap_refused_on_one_screen_still_applies_on_the_others():
    keys, refused = keymap({"profile": "n"})  # n is the comparison's next difference
    assert keys["profile"] == "n" and keys["cities.profile"] == "n"
    assert keys["compare.profile"] == "p" and len(refused) == 1


def test_config_toml_takes_screen_keys_as_dotted_keys_or_tables():
    write_config(
        '[keys]\nclear = "z"\nbookmarks.note = "N"\n[keys.compare]\nnext_diff = "d"\nnope = "q"\n'
    )
    loaded = settings.load({*BY_ID, *(c.name for c in ALL)})
    assert loaded.keys == {"clear": "z", "bookmarks.note": "N", "compare.next_diff": "d"}
    assert loaded.warnings == ["config.toml: keys.compare.nope is not a command id; ignored."]
