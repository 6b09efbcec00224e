"""One value every command returns, and one renderer per format.

A feature (show, city, compare, correlate, cities, agreement, indexes, sources, bookmarks) builds
a `Report`: its title, the machine columns and rows (exact values; a figure with declared
decimals is a `Fig`), the table a person reads, the lines around it and the attribution of the
figures in it. `render(report, fmt)` draws it; nothing else decides how a format looks:

- table: heading, a blank line, the text block and the aligned table, the notes, the attribution;
- md: `## title`, the heading, the table, the notes, the attribution (one line each);
- csv / tsv: the machine columns, figures as digits (core/figures.plain), text guarded
  (core/csvsafe.py), then `# ` lines where the report asks for them;
- json: `{title, …extra, rows, attribution}` (core/credits.json_document), figures as numbers;
- geojson: where the rows are places (`lat`, `lon`): a FeatureCollection of Points, every row's
  properties; rows without coordinates are listed as not placed, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import csvsafe
from .figures import MISSING, figure, number, plain
from .safetext import json_text, visible


@dataclass(frozen=True)
class Fig:
    """A figure and its declared decimals (None: as held): printed by core/figures.py's rule
    in every format, carried exact until then."""

    value: object
    decimals: int | None = None


@dataclass(frozen=True)
class Column:
    """A machine column: its field name and, for a whole column of figures, their decimals."""

    key: str
    decimals: int | None = None


@dataclass(frozen=True)
class Report:
    title: str
    columns: tuple[Column, ...]  # the machine fields, in order (CSV header, JSON keys)
    rows: Sequence[dict[str, Any]]  # exact values; a Fig where a figure has declared decimals
    attribution: tuple[str, ...] = ()  # the publishers of the figures shown
    header: tuple[str, ...] = ()  # the table a person reads: its labels …
    body: Sequence[Sequence[str]] = ()  # … and its cells, already words (ranks, marks)
    right: tuple[bool, ...] = ()  # right-aligned columns in the text table
    cap: int | None = None  # widest a text cell may be
    rule: bool = False  # a line of dashes under the text table's header
    headline: str = ""  # the first line in the text format, the md title (else the title)
    heading: tuple[str, ...] = ()  # lines above the table (table and md)
    block: tuple[str, ...] = ()  # lines above the table in the text format only (a plot) …
    block_only: bool = False  # … or instead of it (indexes and sources: a listing)
    notes: tuple[str, ...] = ()  # legend and cautions below the table (table and md)
    credits_shown: bool = True  # the attribution below (table and md); False where the
    # lines already name every source (sources) or there are no figures (indexes)
    source_key: str = ""  # a machine column md adds as each row's Source (a document's link) …
    sources_by: str = ""  # … and the text format lists below, each named by this column
    csv_notes: tuple[str, ...] = ()  # `# ` lines after CSV/TSV rows
    json_rows: Sequence[Any] | None = None  # JSON's rows where they nest what CSV flattens
    extra: dict[str, Any] = field(default_factory=dict)  # JSON's own fields
    view: str = ""  # the filters and sort the rows are (View: line, `view` field and column)

    def value(self, row: dict[str, Any], column: Column) -> object:
        """A row's value as a Fig when its column declares decimals."""
        v = row.get(column.key)
        if column.decimals is not None and not isinstance(v, Fig):
            return Fig(v, column.decimals)
        return v

    @property
    def places(self) -> bool:
        """Rows that are places: GeoJSON can draw them."""
        keys = {c.key for c in self.columns}
        return {"lat", "lon"} <= keys


def cell(value: object) -> str:
    """A value for people: a figure at its decimals, — when missing."""
    if isinstance(value, Fig):
        return figure(value.value, value.decimals)
    return figure(value)


def json_value(value: object) -> object:
    """A value for JSON: a Fig as the number people read (1646.7; 54, not 54.0)."""
    if isinstance(value, Fig):
        return number(value.value, value.decimals)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def csv_value(value: object) -> object:
    """A value for CSV and TSV: a figure's digits without separators."""
    if isinstance(value, Fig):
        return plain(value.value, value.decimals)
    return plain(value)


def text_table(
    header: Sequence[str],
    body: Sequence[Sequence[str]],
    right: Sequence[bool] | None = None,
    cap: int | None = None,
    rule: bool = False,
) -> list[str]:
    """Aligned plain-text lines: columns two spaces apart, `right` ones right-aligned, cells cut at `cap`."""
    from rich.cells import cell_len

    from .render import fit

    widths = [
        max(cell_len(h), *(cell_len(r[i]) for r in body)) if body else cell_len(h)
        for i, h in enumerate(header)
    ]
    if cap is not None:
        widths = [min(w, cap) for w in widths]
    right = right or [False] * len(header)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            fit(c, w, r) for c, w, r in zip(cells, widths, right, strict=False)
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


def _md(text: str) -> str:
    """A cell: its padding (alignment in the text table) dropped, | and line breaks disarmed."""
    return text.strip().replace("|", "\\|").replace("\n", " ")


def _table(report: Report) -> str:
    """Sections one blank line apart: headline and heading; the block and the table; the
    notes; the sources; the attribution. An empty section takes no line, and a table without
    rows is not drawn (Markdown keeps its header: a valid empty document)."""
    middle = list(report.block)
    if report.header and report.body and not report.block_only:  # no rows: the heading says
        middle += text_table(
            report.header, report.body, report.right or None, report.cap, report.rule
        )
    sources: list[str] = []
    if report.sources_by:
        listed = [(r.get(report.sources_by), r.get(report.source_key)) for r in report.rows]
        sources = ["Sources:", *(f"  {name}: {url}" for name, url in listed if url)]
    sections = [
        [*([report.headline] if report.headline else []), *_view_line(report), *report.heading],
        middle,
        list(report.notes),
        sources,
        list(report.attribution) if report.credits_shown else [],
    ]
    lines: list[str] = []
    for section in filter(None, sections):
        lines += [*([""] if lines else []), *section]
    return "\n".join(visible(line) for line in lines) + "\n"


def _view_line(report: Report) -> list[str]:
    """The view the rows are, in words: one line under the title (table and md)."""
    return [f"View: {report.view}"] if report.view else []


def _markdown(report: Report) -> str:
    lines = [f"## {report.headline or report.title}", ""]
    if report.view:
        lines += [*_view_line(report), ""]
    if report.heading:
        lines += [*report.heading, ""]
    if report.header:
        header, body = report.header, report.body
        if report.source_key:
            header = (*header, "Source")
            sources = [cell(r.get(report.source_key)) for r in report.rows]
            body = [(*b, s) for b, s in zip(body, sources, strict=True)]
        lines += [*md_table(header, body), ""]
    if report.notes:  # an indented note (one of a list) is a list item
        notes = (f"- {n[2:]}" if n.startswith("  ") else n for n in report.notes)
        lines += [*notes, ""]
    if report.credits_shown and report.attribution:
        lines += [*(f"- {line}" for line in report.attribution), ""]
    return "\n".join(visible(line) for line in lines)


def _csv(report: Report, delimiter: str = ",") -> str:
    """The machine columns; the view in a `view` column of its own, as the attribution travels
    (a comment line would be read as a row by spreadsheets and by `import`)."""
    viewed = [report.view] if report.view else []
    keys = [c.key for c in report.columns] + (["view"] if viewed else [])
    rows = (
        [*(csv_value(report.value(r, c)) for c in report.columns), *viewed] for r in report.rows
    )
    text = csvsafe.to_csv(keys, rows, delimiter=delimiter)
    # a line break in a note (an import's file name) starts another `# ` line: a comment
    # line broken in two would leave its second half to be read as a row
    notes = (part for line in report.csv_notes for part in line.splitlines() or [""])
    return text + "".join(f"# {part}\n" for part in notes)


def _json(report: Report) -> str:
    rows = report.json_rows
    if rows is None:
        rows = [{c.key: report.value(r, c) for c in report.columns} for r in report.rows]
    document = {
        "title": report.title,
        **({"view": report.view} if report.view else {}),
        **report.extra,
        "rows": json_value(list(rows)),
        "attribution": list(report.attribution),
    }
    return json_text(document) + "\n"


def _points(lat: object, lon: object) -> list[list[float]]:
    """[lon, lat] pairs of a row's cities (one, or a cluster's members), those with both."""
    lats = lat if isinstance(lat, list) else [lat]
    lons = lon if isinstance(lon, list) else [lon]
    return [
        [x, y]
        for y, x in zip(lats, lons, strict=False)
        if isinstance(x, int | float) and isinstance(y, int | float)
    ]


def _geojson(report: Report) -> str:
    """A FeatureCollection (RFC 7946): each placed row a Point [lon, lat], a cluster a
    MultiPoint of its members, with the row's properties; the title, the attribution and the
    rows without coordinates (position and name) in the collection's own properties, so no row
    is dropped silently."""
    if not report.places:
        raise ValueError(f"{report.title}: its rows are not places")
    features = []
    unplaced = []
    for n, row in enumerate(report.rows, start=1):
        props = {c.key: json_value(report.value(row, c)) for c in report.columns}
        points = _points(row.get("lat"), row.get("lon"))
        if not points:
            unplaced.append({"row": n, "name": props.get("name")})
            continue
        several = isinstance(row.get("lat"), list) and len(row["lat"]) > 1
        geometry = (
            {"type": "MultiPoint", "coordinates": points}
            if several
            else {"type": "Point", "coordinates": points[0]}
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    document = {
        "type": "FeatureCollection",
        "properties": {
            "title": report.title,
            **({"view": report.view} if report.view else {}),
            **report.extra,
            "placed": len(features),
            "not_placed": unplaced,
            "attribution": list(report.attribution),
        },
        "features": features,
    }
    return json_text(document) + "\n"


RENDERERS = {
    "table": _table,
    "md": _markdown,
    "csv": _csv,
    "tsv": lambda report: _csv(report, "\t"),
    "json": _json,
    "geojson": _geojson,
}


def render(report: Report, fmt: str) -> str:
    """The report in one format (table, csv, tsv, json, md, geojson)."""
    return RENDERERS[fmt](report)


__all__ = ["MISSING", "Column", "Fig", "Report", "md_table", "render", "text_table"]
