"""The view at a glance (F and I): the picker's choices and the summary's text, built from
core/summary.py's counts. Plain text from sanitised strings, never markup."""

from __future__ import annotations

import polars as pl
from rich.text import Text

from ..core.catalog import IndexInfo
from ..core.filters import column_label
from ..core.render import cut, declared_decimals, display_columns, format_value, printable
from ..core.summary import bar, frequencies, measures
from .screens.dialogs import Choice

FREQUENCY_FIELDS = (  # heading, column counted, filter field it sets
    ("Tier", "tier", "tiers"),
    ("UN M49 region", "region", "region"),
    ("Country", "country_name", "country"),
)


def clip(text: str, width: int) -> str:
    return cut(printable(text), width)


CITY_FIELDS = (  # the Cities tab's: its frame's columns and its CityFilter's fields
    ("UN M49 region", "region", "region"),
    ("Country", "country", "country"),
)


def frequency_choices(
    shown: pl.DataFrame, fields: tuple[tuple[str, str, str], ...] = FREQUENCY_FIELDS
) -> list[Choice]:
    """Rows per tier, region and country, most first, with bars; a choice's value is
    (filter field, value) for the filter it sets."""
    options: list[Choice] = []
    for heading, column, field in fields:
        counts = frequencies(shown, column)
        if not counts:
            continue
        most = counts[0][1]
        options.append(Choice(None, heading, heading=True))
        options += [
            Choice((field, value), f"  {clip(value, 18):<18} {n:>6,} {bar(n, most, 12)}")
            for value, n in counts
        ]
    return options


def describe_text(info: IndexInfo, shown: pl.DataFrame) -> Text:
    """Each numeric measure's figures, missing count, min, median and max; 51 columns wide, so
    whole in the dialog at 60 columns."""
    text = Text()
    head = f"{'measure':<11}{'figures':>8}{'missing':>8}{'min':>8}{'median':>8}{'max':>8}\n"
    text.append(head, style="bold")
    for m in measures(shown, display_columns(info)):
        d = declared_decimals(info, m.column)
        text.append(
            f"{clip(column_label(m.column, info), 10):<11}{m.count:>8,}{m.missing:>8,}"
            f"{format_value(m.low, d):>8}{format_value(m.median, d):>8}{format_value(m.high, d):>8}\n"
        )
    text.append(f"\nOver the {len(shown):,} rows shown; — where no figure is held.", style="italic")
    return text
