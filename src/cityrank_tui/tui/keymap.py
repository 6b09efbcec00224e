"""Keys as the user has them: the user's remaps applied to the command table (tui/commands.py),
remaps refused where they clash, and every key named the way people write it.

Help, footers, hints and messages name a key through `first_key` / `display_keys`, so a remap
can never leave a stale word. The CLI reads this too (an empty `bookmarks list` names the `b`
key) without Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .commands import (
    APP,
    BY_ID,
    DIALOG_HELP,
    DIALOGS,
    MAIN,
    OPENED_BY,
    PLACES,
    SCREENS,
    TAB_COMMANDS,
    TYPING_DIALOGS,
    Command,
    commands_of,
)

# Keys the focused widget of a screen takes before the screen's commands (RankTable, the
# DataTable under CursorTable): a remap onto one of them would never run. A test checks these
# against the widgets' bindings.
RANK_TABLE_KEYS = (
    "up,k,down,j,pageup,pagedown,home,end,G,h,shift+left,l,shift+right,H,ctrl+left,L,ctrl+right"
)
# the bookmarks view's RankTable: its letters are the view's own (l shows a watchlist, and
# were free for the user's keys), so Shift and Ctrl+←/→ alone move sideways
BOOKMARK_TABLE_KEYS = ",".join(
    k for k in RANK_TABLE_KEYS.split(",") if k not in ("h", "l", "H", "L")
)
DATA_TABLE_KEYS = "enter,up,down,right,left,pageup,pagedown,ctrl+home,ctrl+end,home,end"
CURSOR_TABLE_KEYS = f"j,k,g,G,{DATA_TABLE_KEYS}"
OPTION_LIST_KEYS = "down,end,enter,home,pagedown,pageup,up"  # the disagreements' list
# The search box's own editing keys (Textual's Input; its Enter is search.keep's here).
SEARCH_BOX_KEYS = (
    "left,shift+left,ctrl+left,ctrl+shift+left,right,shift+right,ctrl+right,ctrl+shift+right,"
    "backspace,ctrl+shift+a,home,ctrl+a,end,ctrl+e,shift+home,shift+end,delete,ctrl+d,ctrl+w,"
    "ctrl+u,super+backspace,ctrl+backspace,alt+backspace,ctrl+k,ctrl+x,ctrl+c,super+c,ctrl+v"
)
# Keys that type nothing: in the search box every other key without ctrl/alt types itself.
UNTYPED_KEYS = frozenset(
    [
        "escape",
        "enter",
        "tab",
        "shift+tab",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
        "insert",
        "delete",
        "backspace",
    ]
)
# Scopes whose focused widget is a text box: it types every key _types() names.
TEXT_BOXES = {"search": "the search box"}
WIDGET_KEYS: dict[str, str] = {
    "search": SEARCH_BOX_KEYS,
    MAIN: RANK_TABLE_KEYS,
    "cities": RANK_TABLE_KEYS,
    "bookmarks": BOOKMARK_TABLE_KEYS,
    "compare": CURSOR_TABLE_KEYS,
    "agreement": DATA_TABLE_KEYS,
    "correlate": OPTION_LIST_KEYS,
}


def screen_heading(screen: str, keymap: Mapping[str, str]) -> str:
    """A screen's title with the key that opens it as the user has it: "Bookmarks (B)"."""
    opener = OPENED_BY.get(screen)
    title = SCREENS[screen]
    return f"{title} ({first_key(keymap, opener)})" if opener else title


def tab_keys(keymap: Mapping[str, str]) -> str:
    """The nine tab keys as the user has them: "1 … 9", or each one when any is remapped."""
    keys = [first_key(keymap, c.id) for c in TAB_COMMANDS]
    if keys == [str(n) for n in range(1, 10)]:
        return "1 … 9"
    return " ".join(keys)


def table_keys(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """The table's own keys (not remappable: the widget's), and the tab keys (remappable)."""
    return [*TABLE_KEYS[:4], (tab_keys(keymap), TAB_KEYS_HELP), *TABLE_KEYS[4:]]


TAB_KEYS_HELP = (
    "Jump to tab N: the first is Cities, the others the first eight families (the palette: all)"
)
TABLE_KEYS = (
    ("up / k, down / j", "Move the cursor"),
    ("PgUp / PgDn", "Page up / down"),
    ("Home / End, G", "First / last row (g is the map)"),
    ("h / l, shift+← / →", "One whole column left / right (rank and name stay)"),
    ("H / L, ctrl+← / →", "First / last column; ctrl+PgUp / PgDn: a screen sideways"),
    ("Esc", "Close a dialog"),
    ("mouse", "Click a column heading: sort by it (again: reverse); double-click a row: details"),
    ("letters", "In a picker: jump to the choice that starts with them"),
)


def dialog_keys(scope: str, keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """A dialog's keys for help; in a text box, the help keys that do not type (F1)."""
    rows = list(DIALOG_HELP[scope][1])
    if scope in TYPING_DIALOGS:
        keys = [k for k in keymap.get("help", BY_ID["help"].keys).split(",") if not _types(k)]
        if keys:
            rows.append((display_keys(",".join(keys)), "This help (a key that types, types here)"))
    return rows


# -- keys as the user has them ---------------------------------------------------------------------
def normalize(keys: str) -> str:
    """Textual's long key names: "?" -> "question_mark", "x" stays "x" (as App.set_keymap does)."""
    out = []
    for key in (k.strip() for k in keys.split(",")):
        if len(key) == 1 and not key.isalnum():  # config.toml keys are printable ASCII: named
            key = unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
        out.append(key)
    return ",".join(out)


def keymap(remaps: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Every command's keys with the user's remaps applied, and one line per remap refused.

    A bare name in `remaps` also applies to the commands of that name on the other screens (a
    screen's own id wins). A remap that puts a key on two commands of one screen (its own and the
    app's), or on a key the screen's table takes first, is refused: that command keeps its default
    key and the user is told in one line.
    """
    wanted: dict[str, str] = {}
    for command in BY_ID.values():
        remap = remaps.get(command.id)
        if remap is None and command.screen not in (MAIN, APP):
            remap = remaps.get(command.name)  # `bookmark = "m"` on every screen with a bookmark
        if remap is not None and normalize(remap) != normalize(command.keys):
            wanted[command.id] = normalize(remap)
    refused: dict[str, tuple[str, list[str]]] = {}  # remap refused -> (why, commands kept)
    while True:
        keys = {c.id: wanted.get(c.id, normalize(c.keys)) for c in BY_ID.values()}
        clash = _first_clash(keys)
        if clash is None:
            break
        command, why = clash
        source = command.id if command.id in remaps else command.name
        refused.setdefault(source, (why, []))[1].append(command.id)
        del wanted[command.id]
    lines = [
        f'config.toml: keys.{source} = "{remaps[source]}" is already {why}; '
        + ", ".join(f"{i} keeps {display_keys(BY_ID[i].keys)}" for i in kept)
        + "."
        for source, (why, kept) in refused.items()
    ]
    return keys, lines


def _first_clash(keys: Mapping[str, str]) -> tuple[Command, str] | None:
    """The first command given a key (by a remap) that another key of its screen holds, and why."""
    for screen in SCREENS:
        owners: dict[str, list[tuple[Command, bool]]] = {}
        members = commands_of(screen) + ([] if screen in (APP, *DIALOGS) else commands_of(APP))
        for command in members:
            default = normalize(command.keys).split(",")
            for key in keys[command.id].split(","):
                owners.setdefault(key, []).append((command, key not in default))
        for key, held in owners.items():
            moved = [c for c, new in held if new]
            if not moved:
                continue
            shown = display_key(key)
            if len(held) > 1:
                other = next(c for c, _ in held if c is not moved[0])
                return moved[0], f"{other.id}'s key {shown} {PLACES[screen]}"
            taken = key in WIDGET_KEYS.get(screen, "").split(",")
            if screen not in TEXT_BOXES:
                if taken:
                    return moved[0], f"the table's key {shown} {PLACES[screen]}"
            elif moved[0].screen == APP:
                continue  # the box types or edits with it; on every other screen it works
            elif taken:
                return moved[0], f"an editing key of {TEXT_BOXES[screen]} ({shown})"
            elif _types(key):
                return moved[0], f"a key that types itself {PLACES[screen]}"
    return None


def _types(key: str) -> bool:
    """Whether a key types a character into a text box (a letter, "question_mark", …)."""
    modified = "ctrl+" in key or "alt+" in key or "super+" in key
    if key.startswith("shift+") and len(key) > len("shift+") + 1:  # shift+f3, shift+home
        return _types(key.removeprefix("shift+"))
    return not modified and key not in UNTYPED_KEYS and re.fullmatch(r"f\d+", key) is None


def display_keys(keys: str) -> str:
    return " / ".join(display_key(k) for k in keys.split(","))


def display_key(key: str) -> str:
    """One key as people write it: "/" for slash, "Space", "Esc", "z"."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if len(key) > 1 and "+" not in key:  # Textual's long name of a character: "comma" -> ","
        try:
            char = unicodedata.lookup(key.replace("_", " "))
        except KeyError:
            return key
        if char.isprintable() and not char.isalnum() and not char.isspace():
            return char
    return key


KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "colon": ":",
    "enter": "Enter",
    "escape": "Esc",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "tab": "Tab",
    "shift+tab": "shift+Tab",
    "space": "Space",
    "delete": "Delete",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "f1": "F1",
    "equals_sign": "=",
    "number_sign": "#",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "minus": "-",
    "plus": "+",
    "insert": "Insert",
    "backspace": "Backspace",
}


def first_key(keymap: Mapping[str, str], command_id: str) -> str:
    """The key that runs a command now, as shown in a message ("x", or "z" after `clear = "z"`)."""
    keys = keymap.get(command_id) or BY_ID[command_id].keys
    return display_key(keys.split(",")[0])
