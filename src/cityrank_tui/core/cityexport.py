"""The Cities view out of the app: a file (CSV, TSV, JSON, GeoJSON, Markdown) or the clipboard
(CSV), drawn from `cities`' report by core/report.py's renderers.

Every row carries the attribution of the publishers whose figures are in it: a city's standings
come from several editions (the edition rule), so its CSV row names each of them in an
`attribution` column, as an index's CSV row names its one publisher. JSON is `cities --format
json` (the one shape: every shown edition's attribution, the rule) with the standing note;
Markdown is the CLI's table, which ends with them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from . import cityview
from .catalog import IndexInfo
from .cityview import CityTable, header_note
from .errors import UsageError
from .render import CLIPBOARD_LIMIT, check_clipboard_rows, printable
from .report import Column, Report
from .report import render as render_report

FORMATS = (
    ("csv", "CSV"),
    ("tsv", "TSV"),
    ("json", "JSON"),
    ("geojson", "GeoJSON"),
    ("md", "Markdown"),
)
ATTRIBUTION_SEPARATOR = " | "


def _editions(table: CityTable) -> dict[str, IndexInfo]:
    return {info.id: info for family in table.families for info in family.editions}


def row_attribution(table: CityTable, row: dict[str, object]) -> str:
    """The attributions of the editions one city's shown standings come from, each once."""
    editions = _editions(table)
    used = [row.get(f"{key}#edition") for key in table.family_columns]
    return ATTRIBUTION_SEPARATOR.join(
        dict.fromkeys(editions[str(e)].attribution for e in used if e is not None and e in editions)
    )


def report(table: CityTable, frame: pl.DataFrame) -> Report:
    """`cities`' report, each row with the attribution of the editions its standings come from
    (CSV, TSV, GeoJSON) instead of `# ` lines after the rows."""
    base = cityview.report(table, frame)
    rows = [
        {**record, "attribution": row_attribution(table, row)}
        for record, row in zip(base.rows, frame.iter_rows(named=True), strict=True)
    ]
    return replace(
        base,
        columns=(*base.columns, Column("attribution")),
        rows=rows,
        csv_notes=(),
        extra={**base.extra, "standing": header_note(table)},
    )


def to_csv(table: CityTable, frame: pl.DataFrame) -> str:
    """cities --format csv's columns, and each row's attribution in a column of its own."""
    return render_report(report(table, frame), "csv")


def export_text(table: CityTable, frame: pl.DataFrame, fmt: str) -> str:
    if fmt not in dict(FORMATS):
        raise UsageError(
            f"the Cities view is written as {', '.join(dict(FORMATS))}, not {printable(fmt)}"
        )
    return render_report(report(table, frame), fmt)


def write(table: CityTable, frame: pl.DataFrame, fmt: str, path: Path) -> None:
    """Write the view (a temporary file replaced at the end, so a failure keeps an older file)."""
    text = export_text(table, frame, fmt)
    part = path.with_name(f".{path.name}.part")
    try:
        part.write_text(text, encoding="utf-8")
        part.replace(path)
    except OSError as exc:
        raise UsageError(
            f"cannot write {printable(str(path))}: {exc.strerror or type(exc).__name__}"
        ) from exc
    finally:
        part.unlink(missing_ok=True)


def clipboard_csv(table: CityTable, frame: pl.DataFrame, export_key: str = "e") -> str:
    """CSV for the clipboard, or one line saying it is too large (and which key exports)."""
    check_clipboard_rows(frame.height, export_key)
    text = to_csv(table, frame)
    encoded = 4 * -(-len(text.encode("utf-8")) // 3)
    if encoded > CLIPBOARD_LIMIT:
        raise UsageError(
            f"{frame.height:,} cities as CSV are {encoded // 1000} KB, more than the about "
            f"{CLIPBOARD_LIMIT // 1000} KB a terminal passes to the clipboard; press "
            f"{export_key} to export the view to a file instead"
        )
    return text
