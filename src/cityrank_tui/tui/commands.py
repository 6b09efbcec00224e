"""Every command declared once: key bindings, the footer, the help screen and the palette come from here.

Each command has an id; users remap keys in config.toml under [keys], e.g. `search = "f"`.
Defaults avoid keys terminal multiplexers eat (ctrl+j, ctrl+s, ctrl+o) and need no F-keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


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
    Command("compare", "v", "Compare", "Compare the picked cities side by side", "app.compare"),
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
        "The Cities tab (the first): every city's standing in each family's latest edition",
        "app.cities",
    ),
    Command(
        "agreement",
        "A",
        "Agreement",
        "Which rankings agree: Spearman's rho for every pair of families; Enter opens a pair",
        "app.agreement",
    ),
    Command(
        "min_families",
        "m",
        "Min families",
        "In the Cities tab: only cities listed in at least N families",
        "min_families",
    ),
    Command(
        "bookmarks",
        "B",
        "Bookmarks",
        "Open the bookmarks view (notes, watchlists, every index's rank)",
        "app.bookmarks",
    ),
    Command(
        "copy_row",
        "y",
        "Copy row",
        "Copy the highlighted row as CSV (through the terminal, works over SSH)",
        "copy_row",
    ),
    Command(
        "export",
        "e",
        "Export",
        "Export the filtered view to a file: CSV, Parquet, JSON or Markdown, with sources",
        "export_view",
    ),
    Command(
        "copy_view",
        "Y",
        "Copy view",
        "Copy the filtered view as CSV (through the terminal)",
        "copy_view",
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
    ),
    Command("help", "question_mark,f1", "Help", "List every key", "app.help", footer=True),
    Command(
        "quit",
        "q",
        "Quit",
        "Quit (your last tab and filters are remembered)",
        "app.quit",
        footer=True,
    ),
)

TABLE_KEYS = (
    ("up / k, down / j", "Move the cursor"),
    ("PgUp / PgDn", "Page up / down"),
    ("g / G, Home / End", "First / last row"),
    ("h / l, shift+← / →", "Scroll the columns sideways (rank and name stay)"),
    ("1 … 9", "Jump to tab N: 1 is Cities, 2–9 the first eight families (the palette: all)"),
    ("Esc", "Close a dialog, or the search box dropping its text"),
    ("Enter / Tab / ↓", "In the search box: keep the search and go back to the table"),
    ("mouse", "Click a column heading: sort by it (again: reverse); double-click a row: details"),
    ("letters", "In a picker: jump to the choice that starts with them"),
)


# Commands that work on every screen; the rest belong to the screens that declare them.
APP_COMMANDS = ("compare", "bookmarks", "cities", "agreement", "palette", "help", "quit")
# Commands of one other screen only, left out of the index tabs' bindings.
CITIES_ONLY = ("min_families",)
BY_ID = {c.id: c for c in COMMANDS}


def bindings(*ids: str, tabs: bool = False) -> list[BindingType]:
    """Bindings for the named commands (all screen commands when none are named)."""
    chosen = (
        [BY_ID[i] for i in ids]
        if ids
        else [c for c in COMMANDS if c.id not in APP_COMMANDS + CITIES_ONLY]
    )
    out: list[BindingType] = [
        Binding(c.keys, c.action, c.title, show=c.footer, priority=c.priority, id=c.id)
        for c in chosen
    ]
    if tabs:
        out += [
            Binding(str(n), f"goto_tab({n})", f"Tab {n}", show=False, id=f"tab_{n}")
            for n in range(1, 10)
        ]
    return out


def binding_ids() -> set[str]:
    return {c.id for c in COMMANDS} | {f"tab_{n}" for n in range(1, 10)}


def display_keys(keys: str) -> str:
    names = {
        "slash": "/",
        "question_mark": "?",
        "colon": ":",
        "enter": "Enter",
        "right": "→",
        "left": "←",
        "tab": "Tab",
        "shift+tab": "shift+Tab",
        "space": "Space",
        "equals_sign": "=",
        "number_sign": "#",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))
