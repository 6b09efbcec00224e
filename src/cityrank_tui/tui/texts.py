"""Plain-text bodies for the details and help dialogs (built as rich Text, never markup)."""

from __future__ import annotations

from rich.text import Text

from ..core.catalog import IndexInfo
from ..core.filters import column_label
from ..core.render import export_columns, format_value, printable
from .commands import COMMANDS, TABLE_KEYS, display_keys


def details_text(info: IndexInfo, row: dict, city_names: dict[str, str]) -> Text:
    text = Text()
    text.append(printable(row["name"]) + "\n", style="bold")
    text.append(f"{info.name} · {info.publisher}\n\n")
    for column in export_columns(info):
        if column in ("index", "city_ids", "city_names", "source_url", "note"):
            continue
        label = column_label(column, info)
        value = format_value(row.get(column))
        if column == "rank" and row.get("rank") is not None:
            value += f" of {info.universe_size}"
        text.append(f"{label:>18}  ", style="bold")
        text.append(printable(value) + "\n")
    members = row.get("city_ids") or []
    kind = "Member cities" if len(members) > 1 else "City"
    text.append(f"\n{kind}:\n", style="bold")
    for city_id in members:
        text.append(f"  • {city_names.get(city_id, city_id)} ({city_id})\n")
    if row.get("note"):
        text.append("\nNote: ", style="bold")
        text.append(printable(row["note"]) + "\n")
    text.append("\nSource of these figures:\n", style="bold")
    for url in (row.get("source_url") or "").split(" | "):
        text.append(f"  {url}\n")
    text.append("\n" + info.attribution + "\n", style="italic")
    text.append("\nScore: ", style="bold")
    text.append((info.score_meaning or "none published") + "\n")
    text.append("Method: ", style="bold")
    text.append(info.methodology + "\n")
    if info.comparability:
        text.append("Comparing editions: ", style="bold")
        text.append(info.comparability + "\n")
    if info.gaps:
        text.append("What we hold: ", style="bold")
        text.append(info.gaps + "\n")
    return text


def help_text(keymap: dict[str, str]) -> Text:
    text = Text()
    text.append("Keys (remap any of them in config.toml under [keys], by the id in brackets)\n\n", style="bold")
    for command in COMMANDS:
        keys = display_keys(keymap.get(command.id, command.keys))
        text.append(f"{keys:>14}  ", style="bold")
        text.append(f"{command.help} [{command.id}]\n")
    text.append("\nIn the table\n\n", style="bold")
    for keys, what in TABLE_KEYS:
        text.append(f"{keys:>14}  ", style="bold")
        text.append(what + "\n")
    text.append("\nMissing values show as —: the publisher's figure is not in our data, never a zero.\n")
    text.append("Marks in the first columns: ▶ the cursor.\n")
    return text
