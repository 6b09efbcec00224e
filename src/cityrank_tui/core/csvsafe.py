"""Every CSV this app writes goes through here, so a spreadsheet never runs a cell as a formula.

A text cell starting with = + - @ tab or carriage return is prefixed with `'` (OWASP's advice
against CSV injection); numbers are written as numbers. Importing such a file back removes
the `'` again (core/importer.py), so exports round-trip.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A value as a CSV cell: missing is empty, a list is joined with '; ', risky text is guarded."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def to_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (header first, '\\n' line ends) with every cell passed through cell()."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue()
