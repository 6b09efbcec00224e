"""Every key of every screen declared once: bindings, footers, the help screen, the palette and
every message that names a key come from here.

Each command has an id and belongs to one screen (`screen`): "app" commands work on every screen,
"main" ones on the index tabs, the others on the screen they name. Ids of the index tabs' and
the app's commands are bare ("clear"); those of the other screens carry the screen ("bookmarks.note").
Users remap keys in config.toml under [keys] by id: `clear = "z"`, `bookmarks.note = "N"`. A bare
name also remaps the command of that name on every other screen that has one (`bookmark = "m"`
moves the bookmark key in the comparison and the profile too), unless that screen's own id says
otherwise. Defaults avoid keys terminal multiplexers eat (ctrl+j, ctrl+s, ctrl+o) and need no F-keys.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the keymap (e.g. an empty `bookmarks list`) without Textual
    from textual.binding import Binding, BindingType

APP = "app"  # works on every screen
MAIN = "main"  # the index tabs
PALETTE = "palette"  # Textual's command palette (its keys are its own)


@dataclass(frozen=True)
class Command:
    id: str
    keys: str  # Textual key names, comma-separated
    title: str  # short label for the footer
    help: str  # one line for the help screen and the palette
    action: str
    footer: bool = False
    priority: bool = False
    palette: bool = True
    screen: str = MAIN  # where its keys work: APP, MAIN or one of SCREENS

    @property
    def name(self) -> str:
        """The id without its screen: "note" for "bookmarks.note"."""
        return self.id.rpartition(".")[2]


COMMANDS: tuple[Command, ...] = (
    Command(
        "search",
        "slash",
        "Search",
        "Search names and city aliases as you type (ignores case and accents)",
        "search",
        footer=True,
        priority=True,
    ),  # priority: handled before the keys typed after it
    Command(
        "region",
        "r",
        "Region",
        "Filter by UN region / sub-region or by the publisher's own region",
        "pick_region",
        footer=True,
    ),
    Command(
        "tier",
        "t",
        "Tier",
        "Filter by tier (rank bands where the index publishes no tiers)",
        "pick_tier",
    ),
    Command("country", "c", "Country", "Filter by country", "pick_country"),
    Command("score", "s", "Score", "Set a minimum and maximum score", "score_range"),
    Command(
        "sort",
        "o",
        "Sort",
        "Sort by a column; pick the same column again to reverse it",
        "pick_sort",
    ),
    Command(
        "jump_rank",
        "number_sign",
        "Jump to rank",
        "Jump to rank N in this view (or the next rank held after it)",
        "jump_rank",
    ),
    Command(
        "frequency",
        "F",
        "Frequency",
        "Cities per tier, region and country in this view, with bars; Enter filters to one",
        "frequency",
    ),
    Command(
        "describe",
        "I",
        "Summary",
        "Each numeric measure in this view: minimum, median, maximum, how many are missing",
        "describe",
    ),
    Command("clear", "x", "Clear", "Clear every filter on this tab", "clear_filters"),
    Command("undo", "u", "Undo", "Undo the last filter or sort change", "undo"),
    Command(
        "bookmarked_only",
        "f",
        "Bookmarked",
        "Show only bookmarked cities in this tab (again: show all)",
        "bookmarked_only",
    ),
    Command(
        "details",
        "enter",
        "Details",
        "Show every figure of the highlighted row, its source and attribution",
        "details",
    ),
    Command(
        "profile",
        "p",
        "Profile",
        "Open the highlighted city's profile: every index, movement, absences",
        "profile",
        footer=True,
    ),
    Command(
        "bookmark",
        "b",
        "Bookmark",
        "Bookmark or un-bookmark the highlighted city (★ marks it everywhere)",
        "toggle_bookmark",
        footer=True,
    ),
    Command(
        "pick",
        "space",
        "Pick",
        "Pick the highlighted city for comparison, up to 4 (again: drop it)",
        "pick_city",
    ),
    Command(
        "compare",
        "v",
        "Compare",
        "Compare the picked cities side by side",
        "app.compare",
        screen=APP,
    ),
    Command(
        "map",
        "g",
        "Map",
        "This view's cities on a world map (zoomed to a region or country filter); Enter lists a cell",
        "world_map",
    ),
    Command(
        "correlate",
        "equals_sign",
        "Index vs index",
        "Compare this index with another: overlap, rank correlation, plot, disagreements",
        "correlate",
    ),
    Command(
        "cities",
        "C",
        "Cities",
        "The Cities tab (the first): every city's standing in each family, with its edition",
        "app.cities",
        screen=APP,
    ),
    Command(
        "agreement",
        "A",
        "Agreement",
        "Which rankings agree: Spearman's rho for every pair of families; Enter opens a pair",
        "app.agreement",
        screen=APP,
    ),
    Command(
        "bookmarks",
        "B",
        "Bookmarks",
        "Open the bookmarks view (notes, watchlists, every index's rank)",
        "app.bookmarks",
        screen=APP,
    ),
    Command(
        "copy_row",
        "y",
        "Copy row",
        "Copy the highlighted row as CSV, TSV or Markdown, with its source and attribution",
        "copy_row",
    ),
    Command(
        "export",
        "e",
        "Export",
        "Export the filtered view to a file: CSV, TSV, Parquet, JSON, GeoJSON or Markdown, "
        "with sources",
        "export_view",
    ),
    Command(
        "open_source",
        "O",
        "Open source",
        "Open the highlighted row's source in a web browser (a new tab when served)",
        "open_source",
    ),
    Command(
        "copy_view",
        "Y",
        "Copy view",
        "Copy the filtered view as CSV, TSV or Markdown, with sources and attribution",
        "copy_view",
    ),
    Command(
        "copy_format",
        "ctrl+y",
        "Copy format",
        "Choose what y and Y copy: CSV, TSV or Markdown (remembered; the first copy asks)",
        "app.copy_format",
        screen=APP,
    ),
    Command(
        "reload",
        "R",
        "Reload",
        "Reload the indexes: see one imported or removed from another shell since the app started",
        "reload_indexes",
    ),
    Command(
        "next_tab",
        "right,tab",
        "Next tab",
        "Go to the next family's tab",
        "next_tab",
        priority=True,
    ),
    Command(
        "prev_tab",
        "left,shift+tab",
        "Prev tab",
        "Go to the previous family's tab",
        "prev_tab",
        priority=True,
    ),
    Command(
        "prev_edition",
        "left_square_bracket",
        "Prev edition",
        "Show the previous edition of this family (each edition keeps its own filters)",
        "prev_edition",
    ),
    Command(
        "next_edition",
        "right_square_bracket",
        "Next edition",
        "Show the next edition of this family (each edition keeps its own filters)",
        "next_edition",
    ),
    Command(
        "palette",
        "colon,ctrl+p",  # ctrl+p too: binding the palette replaces Textual's default ctrl+p
        "Palette",
        "Open the command palette: commands, indexes, cities",
        "app.command_palette",
        screen=APP,
    ),
    Command(
        "help",
        "question_mark,f1",
        "Help",
        "List every key, this screen's first",
        "app.help",
        footer=True,
        screen=APP,
    ),
    Command(
        "messages",
        "M",
        "Messages",
        "Read every message of this session in full (a toast closes, and a long one is cut)",
        "app.messages",
        screen=APP,
    ),
    Command(
        "quit",
        "q",
        "Quit",
        "Quit (your last tab and filters are remembered)",
        "app.quit",
        footer=True,
        screen=APP,
    ),
)

BY_NAME_KEYS = {c.id: c.keys for c in COMMANDS}  # the index tabs' default keys
# -- the other screens' keys (one block per screen; ids carry the screen) --------------------------
SCREENS = {
    MAIN: "Index tabs",
    "cities": "Every city",
    "search": "In a tab's search box",
    "agreement": "Which rankings agree",
    "correlate": "Index vs index",
    "bookmarks": "Bookmarks",
    "map": "World map",
    "compare": "Comparison",
    "profile": "City profile",
    "text": "In help and details",
    "confirm": "In a yes/no question",
    APP: "On every screen",
}
# The command that opens a screen: its heading names that command's key as the user has it
# ("Bookmarks (B)"), never a key typed here.
OPENED_BY = {
    "cities": "cities",
    "search": "search",
    "agreement": "agreement",
    "correlate": "correlate",
    "bookmarks": "bookmarks",
    "map": "map",
    "compare": "compare",
    "profile": "profile",
}
# Dialogs whose keys are their widgets' own (a list, a text box, the palette), not commands:
# what help shows in them, first. The help key is in the app's section below them.
DIALOG_HELP: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "pick": (
        "In a picker",
        (
            ("letters, digits", "Jump to the choice that starts with them (accents ignored)"),
            ("↑ / ↓, PgUp / PgDn", "Move through the choices"),
            ("Home / End", "First / last choice"),
            ("Enter", "Pick the highlighted choice"),
            ("Esc", "Cancel: nothing changes"),
        ),
    ),
    "input": (
        "In a dialog's text box",
        (
            ("Enter", "Apply what is typed"),
            ("Esc", "Cancel: nothing changes"),
            ("Tab", "The next box, where there are two"),
        ),
    ),
    PALETTE: (
        "In the command palette",
        (
            ("letters", "Find commands, indexes and cities (e.g. 'profile of seoul')"),
            ("↑ / ↓", "Move through what it found"),
            ("Enter", "Run the highlighted one"),
            ("Esc", "Close the palette"),
        ),
    ),
}
# Where Esc (back) returns to, by the scope of the screen below: said in help.
BACK_TO = {
    MAIN: "the index tabs",
    "cities": "the Cities tab",
    "bookmarks": "the bookmarks",
    "compare": "the comparison",
    "profile": "the city profile",
    "agreement": "the agreement view",
    "correlate": "the index-vs-index view",
}
TYPING_DIALOGS = ("input", PALETTE)  # a help key that types a character types it there


# Dialogs: only their own keys work while they are open (not the app's).
DIALOGS = ("text", "confirm")
# Where a key is, in a sentence ("… is already quit's key on every screen").
PLACES = {
    MAIN: "on the index tabs",
    "cities": "in the cities view",
    "search": "in the search box",
    "agreement": "in the agreement view",
    "correlate": "in the index-vs-index view",
    "bookmarks": "in the bookmarks view",
    "map": "on the map",
    "compare": "in the comparison",
    "profile": "in the profile",
    "text": "in help and details",
    "confirm": "in a yes/no question",
    APP: "on every screen",
}


def on_screen(screen: str, *commands: Command) -> tuple[Command, ...]:
    """The commands of one screen, their ids prefixed with it ("note" -> "bookmarks.note")."""
    return tuple(replace(c, id=f"{screen}.{c.id}", screen=screen) for c in commands)


def back(where: str = "Back to the index tabs") -> Command:
    return Command("back", "escape", "Back", where, "app.pop_screen", footer=True, palette=False)


SCREEN_COMMANDS: tuple[Command, ...] = (
    *on_screen(
        "search",
        Command(
            "drop",
            "escape",
            "Drop",
            "Drop the search text: the view from before the search is back",
            "drop_search",
            footer=True,
            palette=False,
        ),
        Command(
            "keep",
            "enter,tab,down",
            "Keep",
            "Keep the search and go back to the table (down, as in a browser's search box)",
            "keep_search",
            footer=True,
            palette=False,
        ),
    ),
    *on_screen(
        "cities",
        Command(
            "search",
            "slash",
            "Search",
            "Search city names and aliases as you type (ignores case and accents)",
            "search",
            footer=True,
            priority=True,
        ),  # priority: handled before the keys typed after it, as on the index tabs
        Command(
            "region",
            "r",
            "Region",
            "Only cities in one UN region or sub-region",
            "pick_region",
            footer=True,
        ),
        Command("country", "c", "Country", "Only cities in one country", "pick_country"),
        Command(
            "min_families",
            "m",
            "Min families",
            "Only cities listed in at least N families",
            "min_families",
        ),
        Command(
            "bookmarked_only",
            "f",
            "Bookmarked",
            "Only bookmarked cities (again: show all)",
            "bookmarked_only",
        ),
        Command(
            "sort",
            "o",
            "Sort",
            "Sort by a column; pick the same column again to reverse it",
            "pick_sort",
        ),
        Command(
            "editions",
            "E",
            "Editions",
            "Which edition each family's standing comes from: the most recent holding the city, "
            "the latest only, or one family held to one edition",
            "pick_editions",
        ),
        Command("clear", "x", "Clear", "Clear every filter of this view", "clear_filters"),
        Command("undo", "u", "Undo", "Undo the last filter, sort or edition change", "undo"),
        Command(
            "frequency",
            "F",
            "Frequency",
            "Cities per region and country in this view, with bars; Enter filters to one",
            "frequency",
        ),
        Command(
            "export",
            "e",
            "Export",
            "Export the view to a file: CSV, TSV, JSON, GeoJSON or Markdown, "
            "with every publisher's attribution",
            "export_view",
        ),
        Command(
            "copy_row",
            "y",
            "Copy row",
            "Copy the highlighted city's row as CSV, TSV or Markdown, with attribution",
            "copy_row",
        ),
        Command(
            "copy_view",
            "Y",
            "Copy view",
            "Copy the view as CSV, TSV or Markdown, with every publisher's attribution",
            "copy_view",
        ),
        Command(
            "open_source",
            "O",
            "Open source",
            "Open the source of one of the highlighted city's figures in a web browser",
            "open_source",
        ),
        # An index tab's keys with no meaning here: each says why in one line.
        *(
            Command(name, BY_NAME_KEYS[name], title, why, f"not_here('{name}')", palette=False)
            for name, title, why in (
                ("tier", "Tier", "Says why: tiers are each family's, on its tab"),
                ("score", "Score", "Says why: publishers' scores do not compare"),
                ("jump_rank", "Jump to rank", "Says why: this tab has no rank (sort by a family)"),
                ("describe", "Summary", "Says why: F counts this tab's cities instead"),
            )
        ),
        # The city actions are the main screen's (as on the index tabs), declared here too so
        # the Cities tab's help lists them and its hints name them.
        Command(
            "profile",
            "p,enter",
            "Profile",
            "Open the highlighted city's profile",
            "screen.profile",
            footer=True,
            palette=False,
        ),
        Command(
            "bookmark",
            "b",
            "Bookmark",
            "Bookmark or un-bookmark the highlighted city (★ marks it everywhere)",
            "screen.toggle_bookmark",
            footer=True,
            palette=False,
        ),
        Command(
            "pick",
            "space",
            "Pick",
            "Pick the highlighted city for comparison, up to 4 (again: drop it)",
            "screen.pick_city",
            palette=False,
        ),
    ),
    *on_screen(
        "agreement",
        Command(
            "open",
            "enter",
            "Scatter",
            "Open the highlighted pair's correlation: plot and biggest disagreements",
            "open_pair",
            footer=True,
        ),
        Command(
            "editions",
            "a",
            "All editions",
            "Switch between families (each pair through its editions with the most entries in "
            "common) and every edition",
            "toggle_editions",
            footer=True,
        ),
        # the arrows are the matrix's own keys (DataTable); listed here so help names them
        Command("left", "left,h", "Left", "Move the cell cursor left", "move(0,-1)", palette=False),
        Command(
            "right", "right,l", "Right", "Move the cell cursor right", "move(0,1)", palette=False
        ),
        Command("up", "up,k", "Up", "Move the cell cursor up", "move(-1,0)", palette=False),
        Command("down", "down,j", "Down", "Move the cell cursor down", "move(1,0)", palette=False),
        back(),
    ),
    *on_screen(
        "correlate",
        Command(
            "profile",
            "enter",
            "Profile",
            "Open the highlighted disagreement's city profile",
            "profile",
            footer=True,
        ),
        back("Back to where it was opened from"),
    ),
    *on_screen(
        "bookmarks",
        Command(
            "profile",
            "p,enter",
            "Profile",
            "Open the highlighted bookmark's profile",
            "profile",
            footer=True,
        ),
        Command(
            "remove",
            "b,delete",
            "Remove",
            "Remove the highlighted bookmark (one holding a note or watchlists asks first)",
            "remove",
            footer=True,
        ),
        Command("note", "n", "Note", "Write the highlighted bookmark's note", "note", footer=True),
        Command(
            "watchlists",
            "w",
            "Lists",
            "Put the highlighted bookmark on watchlists (comma-separated)",
            "watchlists",
            footer=True,
        ),
        Command(
            "show_list",
            "l",
            "Show list",
            "Show the bookmarks of one watchlist",
            "show_list",
            footer=True,
        ),
        Command(
            "pick",
            "space",
            "Pick",
            "Pick the highlighted city for comparison (again: drop it)",
            "pick_city",
        ),
        back(),
    ),
    *on_screen(
        "map",
        Command(
            "list",
            "enter",
            "Cities here",
            "List the cities in the cursor's cell; Enter on one opens its profile",
            "list_cell",
            footer=True,
        ),
        Command(
            "next",
            "n",
            "Next city",
            "Move the cursor to the next cell holding a city (left to right, top to bottom)",
            "jump(1)",
            footer=True,
        ),
        Command(
            "prev", "N", "Prev city", "Move the cursor to the previous city's cell", "jump(-1)"
        ),
        Command("left", "left,h", "Left", "Move the cell cursor left", "move(-1,0)", palette=False),
        Command(
            "right", "right,l", "Right", "Move the cell cursor right", "move(1,0)", palette=False
        ),
        Command("up", "up,k", "Up", "Move the cell cursor up", "move(0,-1)", palette=False),
        Command("down", "down,j", "Down", "Move the cell cursor down", "move(0,1)", palette=False),
        back("Back to the view the map shows"),
    ),
    *on_screen(
        "compare",
        Command(
            "bookmark",
            "b",
            "Bookmark",
            "Bookmark or un-bookmark one of the compared cities",
            "toggle_bookmark",
            footer=True,
        ),
        Command(
            "profile",
            "p",
            "Profile",
            "Open one of the compared cities' profile",
            "profile",
            footer=True,
        ),
        Command(
            "next_diff",
            "n",
            "Next diff",
            "Go to the next row where the cities differ",
            "next_difference(1)",
            footer=True,
        ),
        Command(
            "prev_diff",
            "N",
            "Prev diff",
            "Go to the previous row where the cities differ",
            "next_difference(-1)",
        ),
        Command(
            "right",
            "l,shift+right",
            "City right",
            "Scroll one whole city column right (a line under the table names the cities "
            "off-screen)",
            "sideways(1)",
            palette=False,
        ),
        Command(
            "left",
            "h,shift+left",
            "City left",
            "Scroll one whole city column left",
            "sideways(-1)",
            palette=False,
        ),
        Command(
            "last",
            "L,ctrl+right",
            "Last city",
            "Scroll to the last city's column",
            "sideways_end(1)",
            palette=False,
        ),
        Command(
            "first",
            "H,ctrl+left",
            "First city",
            "Scroll back to the first city's column",
            "sideways_end(-1)",
            palette=False,
        ),
        back(),
    ),
    *on_screen(
        "profile",
        Command(
            "bookmark",
            "b",
            "Bookmark",
            "Bookmark or un-bookmark this city",
            "toggle_bookmark",
            footer=True,
        ),
        Command(
            "pick",
            "space",
            "Pick",
            "Pick this city for comparison (again: drop it)",
            "pick_city",
            footer=True,
        ),
        Command(
            "open_source",
            "O",
            "Open source",
            "Open the source of one of this city's figures in a web browser",
            "open_source",
        ),
        back("Back to where the profile was opened from"),
        Command("down", "j,down", "Down", "Scroll down a line", "scroll(1)", palette=False),
        Command("up", "k,up", "Up", "Scroll up a line", "scroll(-1)", palette=False),
        Command(
            "page_down", "pagedown", "Page down", "Scroll down a page", "scroll(10)", palette=False
        ),
        Command("page_up", "pageup", "Page up", "Scroll up a page", "scroll(-10)", palette=False),
        # g is the app's map key: Home alone goes to the top
        Command("top", "home", "Top", "Go to the top", "scroll_to_end(0)", palette=False),
        Command("end", "G,end", "End", "Go to the end", "scroll_to_end(1)", palette=False),
    ),
)

DIALOG_COMMANDS: tuple[Command, ...] = (
    *on_screen(
        "text",
        Command("close", "escape,q,enter", "Close", "Close", "close", palette=False),
        Command("down", "j,down", "Down", "Scroll a line down", "scroll(1)", palette=False),
        Command("up", "k,up", "Up", "Scroll a line up", "scroll(-1)", palette=False),
        Command(
            "page_down", "pagedown", "Page down", "Scroll a page down", "page(1)", palette=False
        ),
        Command("page_up", "pageup", "Page up", "Scroll a page up", "page(-1)", palette=False),
        Command("top", "g,home", "Top", "Go to the top", "scroll_to_end(0)", palette=False),
        Command("end", "G,end", "End", "Go to the end", "scroll_to_end(1)", palette=False),
    ),
    *on_screen(
        "confirm",
        Command("yes", "y,enter", "Yes", "Yes: do it", "answer(True)", palette=False),
        Command("no", "n,escape", "No", "No: nothing changes", "answer(False)", palette=False),
    ),
)

# The index tabs' number keys: remappable (tab_1 … tab_9), listed in help as one line.
TAB_COMMANDS: tuple[Command, ...] = tuple(
    Command(f"tab_{n}", str(n), f"Tab {n}", f"Go to tab {n}", f"goto_tab({n})", palette=False)
    for n in range(1, 10)
)
ALL: tuple[Command, ...] = COMMANDS + SCREEN_COMMANDS + DIALOG_COMMANDS
BY_ID = {c.id: c for c in (*ALL, *TAB_COMMANDS)}
# Commands that work on every screen (the app's bindings).
APP_COMMANDS = tuple(c.id for c in ALL if c.screen == APP)


def commands_of(screen: str) -> list[Command]:
    """The commands whose keys work on one screen (its own, not the app's)."""
    return [c for c in (*ALL, *TAB_COMMANDS) if c.screen == screen]


def bindings(*ids: str, tabs: bool = False) -> list[BindingType]:
    """Bindings for the named commands (all the index tabs' commands when none are named)."""
    chosen = [BY_ID[i] for i in ids] if ids else [c for c in ALL if c.screen == MAIN]
    return [_binding(c) for c in (*chosen, *(TAB_COMMANDS if tabs else ()))]


def screen_bindings(screen: str) -> list[BindingType]:
    """Every binding of one screen, from its declared commands."""
    return [_binding(c) for c in commands_of(screen)]


def _binding(c: Command) -> Binding:
    from textual.binding import Binding

    return Binding(c.keys, c.action, c.title, show=c.footer, priority=c.priority, id=c.id)


def binding_ids() -> set[str]:
    """What config.toml's [keys] accepts: every id, and every bare name (for all screens at once)."""
    return set(BY_ID) | {c.name for c in ALL}
