"""Every CSV this app writes goes through here, so a spreadsheet never runs a cell as a formula.

Yes/no values are written `true`/`false`, as JSON writes them. A text cell starting with = + - @ tab or carriage return is prefixed with `'` (OWASP's advice
against CSV injection); numbers are written as numbers. Importing such a file back removes
the `'` again (core/importer.py), so exports round-trip.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

import polars as pl

from .figures import Digits

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_RISKY = "^[=+@\\t\\r-]"  # a text that starts with a trigger, as a regex


def cell(value: object) -> object:
    """A value as a CSV cell: missing is empty, a list is joined with '; ', risky text is guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):  # as JSON writes it, in every CSV (bundled, known, few)
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        numbers = all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value if v is not None
        )
        value = "; ".join("" if v is None else str(v) for v in value)
        if numbers:  # coordinates, ids: figures, never a formula (-0.12574 stays as written)
            return Digits(value)
    if isinstance(value, str) and value.startswith(TRIGGERS) and not isinstance(value, Digits):
        return "'" + value
    return value


def to_csv(header: Sequence[object], rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    """CSV text (header first, '\\n' line ends) with every cell passed through cell().
    `delimiter="\\t"` makes TSV: a cell holding a tab, quote or line break is quoted, as
    spreadsheets read it when pasted."""
    return "".join(to_csv_chunks(header, rows, delimiter=delimiter))


def to_csv_chunks(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    batch: int = 1000,
    guarded: bool = False,
    delimiter: str = ",",
) -> Iterator[str]:
    """`to_csv`, `batch` rows at a time: what is written need not be held whole. `guarded`:
    every cell of `rows` already went through cell() (a caller that makes repeated cells once)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    writer.writerow([cell(h) for h in header])
    for n, row in enumerate(rows, 1):
        writer.writerow(row if guarded else [cell(v) for v in row])
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def guarded(frame: pl.DataFrame, figures: Iterable[str] = ()) -> pl.DataFrame | None:
    """The frame with every cell as `cell()` makes it, as polars expressions: lists joined with
    '; ', risky text guarded. polars' CSV writer then writes what `to_csv` writes, a million rows
    in well under a second. None when a float would be written differently from Python's repr
    (nan, inf, tiny or huge values: polars never uses an exponent), or a carriage return would be
    quoted: write those with `to_csv`.

    Each step is its own select over plain columns: an expression that names an earlier one
    twice would compute it twice (eager selects do not share sub-expressions). `figures`
    names columns that hold figures as digits (render.plain_figures): never guarded.
    """
    joined = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype.is_float():
            odd = (~col.is_finite() | ((col.abs() < 1e-4) & (col != 0)) | (col.abs() >= 1e16)).any()
            if frame.select(odd).item():
                return None
        if isinstance(dtype, pl.List):
            col = col.list.eval(pl.element().cast(pl.String).fill_null("")).list.join("; ")
        elif not (dtype == pl.String or dtype.is_numeric()):
            return None  # dates, booleans…: written as Python writes them, by to_csv
        joined.append(col.alias(name))
    cells = frame.select(joined)
    numbers = set(figures)  # columns of figures written as digits (a -5 is not a formula)
    text = [n for n, t in cells.schema.items() if t == pl.String and n not in numbers]
    if not text:
        return cells
    # One select reads every text column once for what it needs (most need nothing).
    checks = cells.select(
        *(pl.col(n).str.contains(_RISKY).any().alias(f"risky {n}") for n in text),
        *(pl.col(n).str.contains("\r", literal=True).any().alias(f"cr {n}") for n in text),
        *((pl.col(n) == "").any().alias(f"empty {n}") for n in text),
    ).row(0, named=True)
    if any(checks[f"cr {n}"] for n in text):
        return None  # Python's csv leaves a carriage return unquoted, polars quotes it
    fixes = []
    for name in text:
        col = pl.col(name)
        if checks[f"risky {name}"]:
            col = pl.when(col.str.contains(_RISKY)).then(pl.lit("'") + col).otherwise(col)
        if checks[f"empty {name}"]:
            # polars writes an empty text as "" (to tell it from a missing one); Python, as nothing
            col = pl.when(pl.col(name) != "").then(col)
        if checks[f"risky {name}"] or checks[f"empty {name}"]:
            fixes.append(col.alias(name))
    return cells.with_columns(fixes) if fixes else cells
