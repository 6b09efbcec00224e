"""Plain-text bodies for the details and help dialogs (built as rich Text, never markup)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..core.catalog import IndexInfo
from ..core.cities import NOT_RANKED, PERCENTILE_DECIMALS
from ..core.credits import attribution_lines
from ..core.filters import column_label
from ..core.movement import AGAINST, MOVEMENT, PREVIOUS_RANK, explain
from ..core.profile import Profile
from ..core.published_change import CONFLICT
from ..core.render import (
    MISSING,
    cut,
    declared_decimals,
    export_columns,
    format_value,
    printable,
)
from .commands import (
    APP,
    BACK_TO,
    DIALOG_HELP,
    MAIN,
    SCREENS,
    TAB_COMMANDS,
    Command,
    commands_of,
)
from .keymap import dialog_keys, display_keys, screen_heading, table_keys
from .links import link


def details_text(
    info: IndexInfo,
    row: dict[str, Any],
    city_names: dict[str, str],
    open_key: str = "O",
    view: str = "",
) -> Text:
    """Every figure of one row, its sources (hyperlinks; `open_key` opens one) and attribution;
    `view` the tab's summary line (its filters and sort), whole."""
    text = Text()
    text.append(printable(row["name"]) + "\n", style="bold")
    text.append(f"{info.name} · {info.publisher}\n\n")
    for column in export_columns(info, row.keys()):
        if column in ("index", "city_ids", "city_names", "source_url", "note"):
            continue
        if column in (PREVIOUS_RANK, AGAINST) or (column == CONFLICT and not row.get(column)):
            continue  # said with the movement; a conflict only where there is one
        if (
            (column == "tier" and not info.tiers)
            or (column == "score" and not info.has_scores)
            or (column == "rank" and not info.ranked)
        ):
            continue  # the index publishes none
        label = column_label(column, info)
        value = format_value(row.get(column), declared_decimals(info, column))
        if column == MOVEMENT:
            label, value = "Movement", explain(row) or value
        if column == "country" and row.get(column) is None:
            value += "  (none published; Country is the linked city's)"
        if column == "rank" and row.get("rank") is not None:
            value += info.of
        text.append(f"{label:>18}  ", style="bold")
        text.append(printable(value) + "\n")
    members = row.get("city_ids") or []
    kind = "Member cities" if len(members) > 1 else "City"
    text.append(f"\n{kind}:\n", style="bold")
    for city_id in members:
        text.append(f"  • {printable(city_names.get(city_id, city_id))} ({printable(city_id)})\n")
    if row.get("note"):
        text.append("\nNote: ", style="bold")
        text.append(printable(row["note"]) + "\n")
    text.append("\nSource of these figures", style="bold")
    text.append(f" ({open_key} on the row opens one in a browser):\n")
    for url in (row.get("source_url") or "").split(" | "):
        text.append("  ")
        text.append_text(link(url))  # an OSC 8 hyperlink where the terminal knows them
        text.append("\n")
    text.append("\n" + info.attribution + "\n", style="italic")
    if view:  # the summary line above the table, whole (a narrow screen cuts it with …)
        text.append("\nView: ", style="bold")
        text.append(printable(view))
    text.append("\nScore: ", style="bold")
    text.append((info.score_meaning or info.score_what) + "\n")
    text.append("Method: ", style="bold")
    text.append(info.methodology + "\n")
    if info.comparability:
        text.append("Comparing editions: ", style="bold")
        text.append(info.comparability + "\n")
    # the tab header's coverage line, whole (a short or narrow screen cuts or drops it)
    text.append("Coverage: ", style="bold")
    text.append(info.tab_coverage + "\n")
    if info.gaps:
        text.append("What we hold: ", style="bold")
        text.append(info.gaps + "\n")
    return text


HELP_TITLE = (
    "Remap any key in config.toml under [keys] by the id in brackets, "
    'e.g. clear = "z" or bookmarks.note = "N".'
)
LEGEND = (
    "Missing values show as —: the publisher's figure is not in our data, never a zero.",
    "Marks in the first columns: ▶ the cursor, ★ a bookmarked city, ①–④ a city picked for "
    "comparison.",
    "Move (since the previous edition, where the publisher lets them compare): ▲3 rose 3 "
    "places, ▼2 fell 2, = same rank, new not on the previous list (held whole), ? not in the "
    "previous rows we hold, — no rank to compare.",
    # the Cities tab's header, whole (a narrow or short screen cuts it with …)
    "Cities tab: rank/of ’yy (its edition) · class · ? no rank · (…) a cluster's rank, counted "
    "for its principal city · n/r not on a complete list · — not in our data; N families, "
    "median pctl (exact, shown to 1 place) and sorting follow the edition rule.",
)


def help_sections(
    keymap: dict[str, str], scope: str = MAIN, below: str | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's key tables: this screen's commands first, then the app's, then the other
    screens' (each with the user's keys and its id), then the keys of tables and dialogs.
    `below` is the scope of the screen under this one: this screen's Esc goes back to it."""
    order = [scope, APP, *(s for s in SCREENS if s not in (scope, APP))]
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    if scope in DIALOG_HELP:  # a picker, a text box, the palette: its widget's keys
        sections.append((f"{DIALOG_HELP[scope][0]} (this screen)", dialog_keys(scope, keymap)))
        order.remove(scope)
    for screen in order:
        rows = [
            (display_keys(keymap.get(c.id, c.keys)), f"{_said(c, screen == scope, below)} [{c.id}]")
            for c in commands_of(screen)
            if c not in TAB_COMMANDS
        ]
        heading = screen_heading(screen, keymap) + (" (this screen)" if screen == scope else "")
        sections.append((heading, rows))
        if screen == MAIN:
            sections.append(("In the table", table_keys(keymap)))
    return sections


def _said(command: Command, here: bool, below: str | None) -> str:
    """A command's help line; this screen's Esc says where it goes back to."""
    if here and command.name == "back" and below in BACK_TO:
        return f"Back to {BACK_TO[below]}"
    return command.help


def _view_line(view: str) -> Text:
    """The tab's summary line, whole (a narrow screen cuts it with …), under the help's title."""
    return Text.assemble(("This tab's view: ", "bold"), printable(view)) if view else Text()


def help_text(
    keymap: dict[str, str], scope: str = MAIN, below: str | None = None, view: str = ""
) -> Text:
    """The help as plain text (one line per key); `view` the tab's summary line, whole."""
    text = Text()
    text.append(HELP_TITLE + "\n", style="bold")
    if view:
        text.append_text(_view_line(view))
        text.append("\n")
    for heading, rows in help_sections(keymap, scope, below):
        text.append(f"\n{heading}\n" if heading else "\n", style="bold")
        for keys, what in rows:
            text.append(f"{keys:>14}  ", style="bold")
            text.append(what + "\n")
    text.append("\n" + "\n".join(LEGEND) + "\n")
    return text


def help_view(
    keymap: dict[str, str], scope: str = MAIN, below: str | None = None, view: str = ""
) -> Group:
    """The help as shown: two columns, so a long line wraps under its text, not under the keys."""
    parts: list[RenderableType] = [Text(HELP_TITLE, style="bold")]
    if view:
        parts.append(_view_line(view))
    for heading, rows in help_sections(keymap, scope, below):
        parts.append(Text(f"\n{heading}" if heading else "", style="bold"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", style="bold", no_wrap=True)
        grid.add_column()
        for keys, what in rows:
            grid.add_row(Text(keys), Text(what))
        parts.append(grid)
    parts.append(Text("\n" + "\n".join(LEGEND)))
    return Group(*parts)


# Marks where a profile line's text starts (after its family name, a chart's bars, a
# 'name: ' label): the lines it wraps on to start under it (hang), not under the name.
HANG = Style(meta={"hang": True})


def _text_column(line: Text) -> int | None:
    marks = [s.start for s in line.spans if isinstance(s.style, Style) and s.style.meta.get("hang")]
    return min(marks) if marks else None


def hang(text: Text, width: int) -> Text:
    """`text` with each line longer than `width` wrapped at its words, the lines it runs on to
    indented under its text: where HANG marks it (after a family name or a label), else as
    far as its first (past a '⚠ ' too): a wrapped sub-line ('    Economics 7 · …
    Governance 72') no longer starts at the margin as if it were a row of its own. A text
    column past half the width hangs as far as its line's first instead."""
    from rich.console import Console

    console = Console(width=max(width, 1), color_system=None, legacy_windows=False)
    out: list[Text] = []
    for line in text.split("\n"):
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        if plain[indent:].startswith("⚠ "):
            indent += 2
        column = _text_column(line)
        if column is not None and indent <= column <= width // 2:
            indent = column
        if line.cell_len <= width or indent > width // 2:
            out.append(line)
            continue
        for n, piece in enumerate(line[indent:].wrap(console, width - indent)):
            piece.rstrip()
            out.append((line[:indent] if n == 0 else Text(" " * indent)) + piece)
    return Text("\n").join(out)


def score_label(info: IndexInfo) -> str:
    """The index's own name for its figure where it is not 'Score' ('Share %' for GII, as the
    comparison and the tab call it); '' for a score."""
    label = column_label("score", info)
    return "" if label == "Score" else label


def profile_text(prof: Profile, city_names: dict[str, str]) -> Text:
    """A city's profile as plain text: its ranks, movement between editions, absences and sources."""
    text = Text()
    if prof.ranked:
        text.append(
            f"{'Index':<24}{'Rank':>12}{'Pctl':>7}  {'Tier':<11}{'Score':>7}\n", style="bold"
        )
    for s in prof.ranked:
        e = s.entry or {}
        if s.rank is not None:
            rank = f"{s.rank:,}{s.info.of}"
        else:
            rank = "classified" if not s.info.ranked else "no rank"
        pct = f"{s.percentile:.{PERCENTILE_DECIMALS}f}" if s.percentile is not None else MISSING
        score = printable(format_value(e.get("score"), declared_decimals(s.info, "score")))
        text.append(
            f"{cut(printable(s.info.short_name), 23):<24}{rank:>12}{pct:>7}  "
            f"{cut(printable(format_value(e.get('tier'))), 10):<11}{score:>7}"
            # the index's own name for its figure where it is not a score (GII: Share %)
            + (
                f" {printable(label)}"
                if (label := score_label(s.info)) and e.get("score") is not None
                else ""
            )
            + "\n"
        )
        if s.via_cluster:
            members = ", ".join(printable(city_names.get(c, c)) for c in e["city_ids"])
            text.append(
                f"    through the cluster {printable(e['name'])} ({members})\n", style="italic"
            )
        subs = [
            f"{column_label(c, s.info)} {printable(format_value(e.get(c), declared_decimals(s.info, c)))}"
            for c in (m.column for m in s.info.measures if m.kind == "rank" and m.id != "rank")
            if e.get(c) is not None
        ]
        if subs:
            text.append("    " + " · ".join(subs) + "\n")
        if s.rank is None and e.get("note"):
            text.append(f"    {printable(e['note'])}\n", style="italic")
    if prof.ranked:
        text.append(
            "Pctl: percentile, the share of the index's whole list ranked below this city "
            "(100 = top).\n",
            style="italic",
        )
    if prof.movements:
        text.append("\nBetween editions (up = places gained)\n", style="bold")
        trends = prof.trends()
        width = max(len(name) for name in [*(m.name for m in prof.movements), *trends])
        for m in prof.movements:
            text.append(f"  {printable(m.name):<{width}} ")
            text.append(f"{m.text}\n", style=HANG)
        if trends:
            text.append("  Across editions (taller bar = higher percentile):\n")
            for family, chart in trends.items():
                bars, _, words = chart.partition("  ")
                text.append(f"  {printable(family):<{width}} {bars}  ")
                text.append(f"{words}\n", style=HANG)
        # each caution once, with the family it is about
        cautions = dict.fromkeys((m.name, m.caveat) for m in prof.movements if m.caveat)
        for family, caveat in cautions:
            text.append("  ⚠ ", style="bold")
            text.append(f"{printable(family)}: ", style="bold")
            text.append(caveat + "\n", style=HANG)
    if prof.absent:
        text.append("\nNot in these indexes\n", style="bold")
        for s in prof.absent:
            why = (
                "the publisher's complete list we hold does not include it"
                if s.absence == NOT_RANKED
                else f"we hold {s.info.rows_bundled}{s.info.of} {s.info.universe_unit}; "
                "the publisher may rank it"
            )
            text.append(f"  {s.info.short_name}: ", style="bold")
            text.append(f"{s.absence} ({why})\n", style=HANG)
    text.append("\nSources\n", style="bold")
    for s in prof.ranked:
        text.append(f"  {printable(s.info.short_name)}: ")
        urls = (s.entry or {}).get("source_url")
        start = len(text)
        for n, url in enumerate(urls.split(" | ") if isinstance(urls, str) else [None]):
            text.append(" | " if n else "")
            text.append_text(link(url) if url else Text(format_value(url)))
        text.stylize(HANG, start, len(text))
        text.append("\n")
    for attribution in attribution_lines(s.info for s in prof.ranked):  # the figures shown
        text.append(f"  {printable(attribution)}\n", style="italic")
    return text
