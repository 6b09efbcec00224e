"""Turn a filtered view into text for people and scripts: table, CSV, JSON, Markdown.

Every export keeps each row's source_url and ends with the index's attribution.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from .catalog import IndexInfo
from .errors import UsageError
from .filters import column_label

MISSING = "—"
FORMATS = ("table", "csv", "json", "md")
EXPORT_FORMATS = {".csv": "csv", ".json": "json", ".md": "md", ".parquet": "parquet"}
# Always exported, whatever the index, so that every figure is traceable.
RECORD_FIELDS = (
    "index",
    "rank",
    "regional_rank",
    "name",
    "city_ids",
    "city_names",
    "country",
    "country_iso2",
    "region",
    "subregion",
    "tier",
    "score",
)


def export_columns(info: IndexInfo) -> list[str]:
    extra = [c for c in info.columns if c not in (*RECORD_FIELDS, "note", "source_url")]
    return [*RECORD_FIELDS, *extra, "note", "source_url"]


def display_columns(info: IndexInfo) -> list[str]:
    """The columns a person reads in a table: the index's own, without empty tier/score columns."""
    cols = list(info.columns)
    if not info.tiers and "tier" in cols:
        cols.remove("tier")
    if "score" in cols and not info.has_scores:
        cols.remove("score")
    return cols


def format_value(value: object) -> str:
    """A figure for people: thousands separated (127,418), every digit kept (never 1.23e+06)."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,}"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def records(frame: pl.DataFrame, info: IndexInfo) -> list[dict]:
    cols = export_columns(info)
    rows = frame.select(cols).to_dicts()
    for row in rows:
        row["attribution"] = info.attribution
    return rows


def text_table(
    header: Sequence[str],
    body: Sequence[Sequence[str]],
    right: Sequence[bool] | None = None,
    cap: int | None = None,
    rule: bool = False,
) -> list[str]:
    """Aligned plain-text lines: columns two spaces apart, `right` ones right-aligned, cells cut at `cap`."""
    widths = [
        max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(header)
    ]
    if cap is not None:
        widths = [min(w, cap) for w in widths]
    right = right or [False] * len(header)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c[:w].rjust(w) if r else c[:w].ljust(w)
            for c, w, r in zip(cells, widths, right, strict=False)
        ).rstrip()

    rules = [line(["-" * w for w in widths])] if rule else []
    return [line(header), *rules, *(line(r) for r in body)]


def md_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    """Markdown table lines; a | or line break inside a cell cannot break the table."""
    return [
        "| " + " | ".join(_md(h) for h in header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(_md(c) for c in cells) + " |" for cells in body),
    ]


def dict_csv(rows: list[dict]) -> str:
    """Rows of dicts as CSV with a header; missing values are empty cells."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    return buffer.getvalue()


def to_table(frame: pl.DataFrame, info: IndexInfo, columns: Sequence[str] | None = None) -> str:
    cols = list(columns or display_columns(info))
    header = [column_label(c, info) for c in cols]
    body = [[printable(format_value(v)) for v in row] for row in frame.select(cols).iter_rows()]
    numeric = [frame.schema[c].is_numeric() for c in cols]
    return "\n".join(text_table(header, body, right=numeric, rule=True))


def to_csv(frame: pl.DataFrame, info: IndexInfo) -> str:
    cols = export_columns(info)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(cols)
    for row in frame.select(cols).iter_rows():
        writer.writerow(
            ["; ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row]
        )
    buffer.write(f"# {info.attribution}\n")
    return buffer.getvalue()


def to_json(frame: pl.DataFrame, info: IndexInfo) -> str:
    return json.dumps(records(frame, info), ensure_ascii=False, indent=2)


def to_markdown(frame: pl.DataFrame, info: IndexInfo) -> str:
    cols = [*display_columns(info), "source_url"]
    body = [[format_value(v) for v in row] for row in frame.select(cols).iter_rows()]
    table = md_table([column_label(c, info) for c in cols], body)
    return "\n".join([f"## {info.name}", "", *table, "", info.attribution, ""])


def render(frame: pl.DataFrame, info: IndexInfo, fmt: str) -> str:
    return {"table": to_table, "csv": to_csv, "json": to_json, "md": to_markdown}[fmt](frame, info)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def printable(text: str) -> str:
    """Control characters (e.g. ANSI escapes in an imported name) are shown, not obeyed."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def export_format(path: str | None, default: str) -> str:
    """The format an output file's extension implies (file.parquet -> parquet), else `default`."""
    if not path:
        return default
    return EXPORT_FORMATS.get(Path(path).suffix.lower(), default)


def write_export(frame: pl.DataFrame, info: IndexInfo, fmt: str, path: Path) -> None:
    """Write a view to a file: every record field, each row's source_url, and the attribution."""
    try:
        if fmt == "parquet":
            cols = export_columns(info)
            out = frame.select(cols).with_columns(pl.lit(info.attribution).alias("attribution"))
            out.write_parquet(path)
        else:
            path.write_text(render(frame, info, fmt), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
