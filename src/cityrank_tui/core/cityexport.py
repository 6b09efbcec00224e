"""The Cities view out of the app: a file (CSV, TSV, JSON, GeoJSON, Markdown) or the clipboard
(CSV, TSV, Markdown), drawn from `cities`' report by core/report.py's renderers.

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
from .render import check_clipboard_rows, check_clipboard_size, printable
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


def report(table: CityTable, frame: pl.DataFrame, view: str = "") -> Report:
    """`cities`' report, each row with the attribution of the editions its standings come from
    (CSV, TSV, GeoJSON) instead of `# ` lines after the rows."""
    base = cityview.report(table, frame, view)
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


def to_csv(table: CityTable, frame: pl.DataFrame, delimiter: str = ",", view: str = "") -> str:
    """cities --format csv's columns, and each row's attribution in a column of its own
    (`delimiter="\t"`: the same as TSV)."""
    return render_report(report(table, frame, view), "tsv" if delimiter == "\t" else "csv")


def export_text(table: CityTable, frame: pl.DataFrame, fmt: str, view: str = "") -> str:
    if fmt not in dict(FORMATS):
        raise UsageError(
            f"the Cities view is written as {', '.join(dict(FORMATS))}, not {printable(fmt)}"
        )
    return render_report(report(table, frame, view), fmt)


def write(table: CityTable, frame: pl.DataFrame, fmt: str, path: Path, view: str = "") -> None:
    """Write the view (a temporary file replaced at the end, so a failure keeps an older file)."""
    text = export_text(table, frame, fmt, view)
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


def clipboard_text(
    table: CityTable,
    frame: pl.DataFrame,
    fmt: str = "csv",
    export_key: str = "e",
    view: str = "",
) -> str:
    """The cities for the clipboard as CSV, TSV or Markdown (the CLI's table, ending with every
    shown edition's attribution), or one line saying it is too large (and which key exports)."""
    check_clipboard_rows(frame.height, export_key)
    if fmt == "md":
        text = cityview.render(table, frame, "md", view)
    elif fmt in ("csv", "tsv"):
        text = to_csv(table, frame, "\t" if fmt == "tsv" else ",", view)
    else:
        raise UsageError(f"copies are csv, tsv or md, not {printable(fmt)}")
    return check_clipboard_size(text, f"{frame.height:,} cities", fmt, export_key)
