"""Turn a filtered view into text for people and scripts: table, CSV, JSON, Markdown.

Every export keeps each row's source_url and the index's attribution (a column in CSV, JSON,
Parquet and Excel; the last line in Markdown). CSV cells go through core/csvsafe.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from rich.cells import cell_len, set_cell_size

from . import csvsafe, outfile
from .catalog import IndexInfo
from .credits import attribution_lines
from .errors import UsageError
from .figures import MISSING as MISSING  # re-exported: the one missing mark
from .figures import figure, number, places, plain
from .filters import column_label
from .formats import EXTENSIONS, PLACES
from .movement import COLUMNS as MOVEMENT_COLUMNS
from .movement import MOVEMENT
from .places import PLACE_COLUMNS, with_places
from .report import Column, Report
from .report import md_table as md_table  # re-exported: the one table drawing is in report.py
from .report import render as render_report
from .report import text_table as text_table
from .safetext import visible

FORMATS = PLACES  # what `show` prints (and core/formats.FILES to a file only)
EXPORT_FORMATS = EXTENSIONS
# Always exported, whatever the index, so that every figure is traceable.
RECORD_FIELDS = (
    "index",
    "rank",
    "name",
    "city_ids",
    "city_names",
    "country",
    "country_name",
    "country_iso2",
    "region",
    "subregion",
    "tier",
    "score",
)


def export_columns(info: IndexInfo, present: Collection[str] = ()) -> list[str]:
    """Every record field, then each declared measure and displayed column, then note and source.

    Where the rows carry their places (core/places.py), `lat`, `lon` and `geonames_id` follow
    `city_names`.

    Where the rows carry movement (`present` names the frame's columns), the movement, the
    previous rank it is counted from and that edition's id follow the rank, so every figure
    can be traced."""
    own = [m.column for m in info.measures]
    extra = [c for c in (*own, *info.columns) if c not in (*RECORD_FIELDS, "note", "source_url")]
    at = RECORD_FIELDS.index("city_names") + 1  # each city's place, where the rows carry it
    placed = [c for c in PLACE_COLUMNS if c in present]
    fields = [*RECORD_FIELDS[:at], *placed, *RECORD_FIELDS[at:]]
    return _after_rank(
        [*fields, *dict.fromkeys(extra), "note", "source_url"],
        MOVEMENT_COLUMNS if MOVEMENT in present else (),
    )


def display_columns(info: IndexInfo, present: Collection[str] = ()) -> list[str]:
    """The columns a person reads in a table: the index's own, without empty tier/score columns,
    and the movement after the rank where the rows carry it (`present`: the frame's columns)."""
    cols = list(info.columns)
    if not info.tiers and "tier" in cols:
        cols.remove("tier")
    if "score" in cols and not info.has_scores:
        cols.remove("score")
    return _after_rank(cols, (MOVEMENT,) if MOVEMENT in present else ())


# A tab's table: these columns stay put while the others scroll sideways, in this order.
FROZEN = ("rank", MOVEMENT, "name")
MAX_WIDTH = 36  # cells: longer text is cut with …
WIDTH_SAMPLE = 20_000  # rows a large index's widths are measured on (its first and last half)


def table_keys(info: IndexInfo, present: Collection[str]) -> list[str]:
    """A tab's table columns in their order: the frozen ones first (`present`: the frame's)."""
    cols = display_columns(info, present)
    return [c for c in FROZEN if c in cols] + [c for c in cols if c not in FROZEN]


def column_widths(frame: pl.DataFrame, columns: Sequence[tuple[str, str, int | None]]) -> list[int]:
    """Each (key, label, decimals) column's width in a table, measured once per index so that
    filtering never jiggles it; a large index on a sample."""
    if frame.height > WIDTH_SAMPLE:
        frame = pl.concat([frame.head(WIDTH_SAMPLE // 2), frame.tail(WIDTH_SAMPLE // 2)])
    widths = []
    for key, label, decimals in columns:
        series = frame[key]
        if series.dtype == pl.List(pl.String):
            series = series.list.join("; ")
        if decimals is not None and series.dtype.is_float():
            series = series.round(decimals)
        longest = series.cast(pl.String).str.len_chars().max() if len(series) else 0
        widths.append(max(len(label) + 2, min(MAX_WIDTH, int(longest or 0)), len(MISSING)))  # type: ignore[arg-type]
    return widths


def _after_rank(cols: list[str], added: Sequence[str]) -> list[str]:
    at = cols.index("rank") + 1 if "rank" in cols else 0
    return [*cols[:at], *added, *cols[at:]]


def format_value(value: object, decimals: int | None = None) -> str:
    """A figure for people (core/figures.py holds the one rule)."""
    return figure(value, decimals)


def records(frame: pl.DataFrame, info: IndexInfo) -> list[dict[str, Any]]:
    """One dict per row, each field of one JSON type: `city_ids` and `city_names` are lists."""
    cols = export_columns(info, frame.columns)
    decimals = {c: places(info, c) for c in cols}
    rows = frame.select(cols).to_dicts()
    for row in rows:
        for column, value in row.items():
            if isinstance(value, float):
                row[column] = number(value, decimals[column])
        names = row.get("city_names")
        if isinstance(names, str):
            row["city_names"] = names.split("; ")
        row["attribution"] = info.attribution
    return rows


def fit(text: str, width: int, right: bool = False, mark: str = "") -> str:
    """`text` in exactly `width` screen cells: cut (ending in `mark`, e.g. "…", when given)
    and padded by cells, not code points, so that CJK (two cells a character) and combining
    characters (none) keep the columns aligned."""
    if cell_len(text) > width:
        room = max(width - cell_len(mark), 0)
        text = set_cell_size(text, room) + mark if mark else set_cell_size(text, width)
    pad = " " * max(width - cell_len(text), 0)
    return pad + text if right else text + pad


def cut(text: str, width: int, mark: str = "…") -> str:
    """`text` in at most `width` screen cells, ending in `mark` when it had to be cut (never
    padded). Every text cut for room ends so, and the whole of it is shown somewhere else."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - cell_len(mark), 0)) + mark


def index_report(
    frame: pl.DataFrame, info: IndexInfo, heading: Sequence[str] = (), view: str = ""
) -> Report:
    """An index's view: every record field, each row's source_url and the attribution for
    machines; the index's own columns for people; `heading` the lines above the table."""
    cols = [*export_columns(info, frame.columns), "attribution"]
    shown = display_columns(info, frame.columns)
    decimals = {c: places(info, c) for c in {*cols, *shown}}
    body = [
        [figure(v, decimals[c]) for c, v in zip(shown, row, strict=True)]
        for row in frame.select(shown).iter_rows()
    ]
    return Report(
        title=info.name,
        headline=" ".join(filter(None, (info.name, byline(info.publisher)))),
        columns=tuple(Column(c, decimals.get(c)) for c in cols),
        rows=records(frame, info),
        attribution=tuple(attribution_lines([info])),
        header=tuple(column_label(c, info) for c in shown),
        body=body,
        right=tuple(frame.schema[c].is_numeric() or c == MOVEMENT for c in shown),
        rule=True,
        heading=tuple(heading),
        source_key="source_url",
        view=view,
    )


def publisher_label(publisher: str) -> str:
    """'(Oxford Economics)'; an import's publisher is already '(imported)'."""
    return publisher if publisher.startswith("(") and publisher.endswith(")") else f"({publisher})"


def byline(publisher: str) -> str:
    """'— Oxford Economics' after an index's name; '(imported)' for an import, no dash."""
    if not publisher.strip():
        return ""
    return publisher_label(publisher) if publisher.startswith("(") else f"— {publisher}"


def to_csv(frame: pl.DataFrame, info: IndexInfo, delimiter: str = ",") -> str:
    """Every record field, each row's source_url, and the attribution in a column of its own
    (a trailing comment line would be read as a row by spreadsheets and by `import`).
    `delimiter="\t"`: the same as TSV."""
    return render_report(index_report(frame, info), "tsv" if delimiter == "\t" else "csv")


# OSC 52, how a terminal app reaches the clipboard, carries base64. xterm, tmux and others cap
# or drop sequences past roughly 100 KB, so larger copies are refused rather than lost silently.
CLIPBOARD_LIMIT = 100_000  # bytes of base64
CLIPBOARD_ROWS = 2_000  # above this many rows a view is over the limit anyway: no need to render


def check_clipboard_rows(rows: int, export_key: str = "e") -> None:
    """UsageError when a view of this many rows cannot go through the terminal: asked before
    the rows are even copied out of a large index."""
    if rows > CLIPBOARD_ROWS:
        raise UsageError(
            f"{rows:,} rows are too many to copy through the terminal (the limit is "
            f"about {CLIPBOARD_LIMIT // 1000} KB, some {CLIPBOARD_ROWS:,} rows); "
            f"press {export_key} to export the view to a file instead"
        )


# What y / Y copy as: the user picks one (remembered). Each carries the attribution: CSV and
# TSV in a column of every row, Markdown under the table (it pastes into documents).
COPY_FORMATS = (("csv", "CSV"), ("tsv", "TSV"), ("md", "Markdown"))
COPY_LABELS = dict(COPY_FORMATS)


def check_clipboard_size(text: str, rows: str, fmt: str, export_key: str = "e") -> str:
    """`text`, or UsageError when its OSC 52 form is over CLIPBOARD_LIMIT (`rows`: "12 rows")."""
    encoded = 4 * -(-len(text.encode("utf-8")) // 3)
    if encoded > CLIPBOARD_LIMIT:
        raise UsageError(
            f"{rows} as {COPY_LABELS.get(fmt, fmt)} are {encoded // 1000} KB, more than the "
            f"about {CLIPBOARD_LIMIT // 1000} KB a terminal passes to the clipboard; press "
            f"{export_key} to export the view to a file instead"
        )
    return text


def clipboard_text(
    frame: pl.DataFrame,
    info: IndexInfo,
    fmt: str = "csv",
    export_key: str = "e",
    cities: pl.DataFrame | None = None,
    view: str = "",
) -> str:
    """The rows for the clipboard as CSV, TSV or Markdown (the same report `show` renders), or
    UsageError (one line, pointing to the export key) when too large for a terminal to pass on.
    Checked before rendering a large view, so the app never stalls. Given the `cities`, each
    row's places, as `show` writes them."""
    check_clipboard_rows(frame.height, export_key)
    if fmt not in COPY_LABELS:
        raise UsageError(f"copies are csv, tsv or md, not {printable(fmt)}")
    if cities is not None:
        frame = with_places(frame, cities)
    text = render_report(index_report(frame, info, view=view), fmt)
    return check_clipboard_size(text, f"{frame.height:,} rows", fmt, export_key)


def clipboard_csv(
    frame: pl.DataFrame,
    info: IndexInfo,
    export_key: str = "e",
    cities: pl.DataFrame | None = None,
) -> str:
    """CSV for the clipboard (clipboard_text's CSV)."""
    return clipboard_text(frame, info, "csv", export_key, cities)


def render(frame: pl.DataFrame, info: IndexInfo, fmt: str, view: str = "") -> str:
    return render_report(index_report(frame, info, view=view), fmt)


def declared_decimals(info: IndexInfo, column: str) -> int | None:
    return places(info, column)


def printable(text: str) -> str:
    """Control characters (e.g. ANSI escapes in an imported name) are shown, not obeyed."""
    return visible(text)


def export_format(path: str | None, given: str | None, default: str) -> str:
    """The format to write: --format, else what the --output file's extension implies, else
    `default`. An unknown extension, or a format that contradicts the extension, is refused."""
    suffix = Path(path).suffix.lower() if path else ""
    if not suffix:
        return given or default
    implied = EXPORT_FORMATS.get(suffix)
    if implied is None:
        raise UsageError(
            f"cannot write {printable(Path(str(path)).name)}: unknown extension {suffix!r}; "
            f"use {', '.join(EXPORT_FORMATS)} (or no extension)"
        )
    if given and given != implied:
        raise UsageError(
            f"the format {given} contradicts the file name {printable(Path(str(path)).name)} "
            f"({suffix} is {implied}); change one of them"
        )
    return implied


class ExportCancelled(Exception):
    """The user stopped an export; nothing was written."""


CSV_CHUNK = 100_000  # rows written between progress reports


def export_rows(
    frame: pl.DataFrame, rows: pl.Series, info: IndexInfo, cities: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The rows at positions `rows` of an index's frame, with only the columns any export
    format writes: the others (search text, sort keys…) are never copied, a third of the
    copy's cost at a million rows. Given the `cities`, each row's places (core/places.py), as
    `show` exports them."""
    wanted = {*export_columns(info, frame.columns), *display_columns(info, frame.columns)}
    out = frame.select([c for c in frame.columns if c in wanted])[rows]
    return out if cities is None else with_places(out, cities)


def write_export(
    frame: pl.DataFrame,
    info: IndexInfo,
    fmt: str,
    path: Path,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    view: str = "",
) -> None:
    """Write a view to a file: every record field, each row's source_url, the attribution and
    (given) the view in words, in a `view` column or field.

    CSV is written in chunks, calling `progress(rows written)` after each and stopping with
    ExportCancelled when `cancelled()` says so; it goes to a temporary file that replaces
    `path` only when complete, so a stopped or failed export leaves any earlier file as it was.
    """
    fmt = export_format(str(path), fmt, fmt)
    outfile.check_target(path)  # a device, FIFO or folder is refused before anything is written
    try:
        with outfile.replacing(path) as part:
            if fmt == "csv":
                _write_csv(frame, info, part, progress, cancelled, view)
            elif fmt in ("parquet", "xlsx"):
                cols = export_columns(info, frame.columns)
                out = frame.select(cols).with_columns(pl.lit(info.attribution).alias("attribution"))
                if view:
                    out = out.with_columns(pl.lit(view).alias("view"))
                out = rounded_figures(out, info)
                if fmt == "parquet":
                    out.write_parquet(part)
                else:
                    write_excel(out, part)
            else:
                part.write_text(render(frame, info, fmt, view), encoding="utf-8")
    except (UsageError, ExportCancelled):
        raise
    except Exception as exc:  # OSError, polars' and xlsxwriter's own errors (a missing folder)
        why = outfile.reason(exc, path.parent)
        raise UsageError(f"cannot write {printable(str(path))}: {why}") from exc


def _write_csv(
    frame: pl.DataFrame,
    info: IndexInfo,
    part: Path,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    view: str = "",
) -> None:
    cols = export_columns(info, frame.columns)
    out = frame.select(cols).with_columns(pl.lit(info.attribution).alias("attribution"))
    if view:  # the view in words, as `show --format csv` writes it
        out = out.with_columns(pl.lit(view).alias("view"))
    figures = [
        c
        for c, dtype in out.schema.items()
        if dtype.is_float() or (isinstance(dtype, pl.List) and dtype.inner.is_numeric())
    ]
    out = plain_figures(out, info)
    cells = csvsafe.guarded(out, figures)
    # Binary: polars writes each chunk's bytes straight to the file; asking it for a str
    # instead (decoded, then encoded again by a text file) doubled the writing time.
    with part.open("wb") as handle:
        if cells is None:  # values polars would write otherwise: Python's csv, all at once
            text = render_report(index_report(frame, info, view=view), "csv")
            handle.write(text.encode("utf-8"))
        else:
            handle.write(csvsafe.to_csv(out.columns, []).encode("utf-8"))
            for start in range(0, out.height, CSV_CHUNK):
                if cancelled is not None and cancelled():
                    raise ExportCancelled
                chunk = cells.slice(start, CSV_CHUNK)
                chunk.write_csv(handle, include_header=False, null_value="")
                if progress is not None:
                    progress(start + chunk.height)


def plain_figures(frame: pl.DataFrame, info: IndexInfo) -> pl.DataFrame:
    """Float columns as the text `plain` writes (1646.7, 54), so that polars' CSV writer prints
    each figure as every other format does (it would write 1646.7303259914 and 54.0)."""
    return frame.with_columns(
        _plain_column(c, places(info, c), _odd(frame, c))
        for c, dtype in frame.schema.items()
        if dtype.is_float()
    )


def _odd(frame: pl.DataFrame, column: str) -> bool:
    """A column polars would write otherwise than Python's repr (nan, inf, an exponent)."""
    value = pl.col(column)
    odd = ~value.is_finite() | ((value.abs() < 1e-4) & (value != 0)) | (value.abs() >= 1e15)
    return bool(frame.select(odd.any()).item())


def rounded_figures(frame: pl.DataFrame, info: IndexInfo) -> pl.DataFrame:
    """Float columns of declared measures as the numbers JSON carries (1646.7; 54 as an
    integer), for Parquet and Excel: every export holds the figure every screen prints."""
    out = []
    for column, dtype in frame.schema.items():
        decimals = places(info, column)
        if dtype.is_float() and decimals is not None:
            out.append(
                pl.col(column).map_elements(
                    functools.partial(number, decimals=decimals),
                    return_dtype=pl.Int64 if decimals == 0 else pl.Float64,
                )
            )
    return frame.with_columns(out) if out else frame


def _plain_column(column: str, decimals: int | None, odd: bool = False) -> pl.Expr:
    value = pl.col(column)
    if decimals is not None or odd:  # declared: a bundled index's few thousand rows at most
        return value.map_elements(lambda v: plain(v, decimals), return_dtype=pl.String)
    # as held, for an import of millions of rows: whole numbers as integers, others as polars
    # writes them (the shortest digits that read back the same value, as Python's repr)
    whole = (value == value.round(0)) & (value.abs() < 1e15)
    return (
        pl.when(whole)
        .then(value.cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(value.cast(pl.String))
        .alias(column)
    )


def write_excel(frame: pl.DataFrame, path: Path) -> None:
    """A real .xlsx (the optional `excel` extra's xlsxwriter): lists joined with '; ', and
    text always written as text, never turned into a formula or a link."""
    try:
        from xlsxwriter import Workbook  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(
            "writing Excel needs the optional writer: pip install 'cityrank-tui[excel]' "
            "(or write .csv, which Excel opens)"
        ) from None
    flat = frame.with_columns(
        pl.col(c).list.eval(pl.element().cast(pl.String)).list.join("; ")
        for c, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with Workbook(str(path), options) as book:
        flat.write_excel(book, worksheet="view")
