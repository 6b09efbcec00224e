"""Looking at an .xlsx before the Excel reader does: the reader allocates a sheet's whole
bounding box (rows × columns) at once, so a 5 KB file with one cell at XFD1048576 asked for
512 GiB and the process died natively (SIGABRT), beyond any `except`. Here the workbook's zip
is checked (a valid one, not more than MAX_UNPACKED when unpacked) and each sheet's extent is
read from its `<dimension>` and its cell and row references, streamed, before anything is
allocated; a sheet beyond MAX_CELLS is refused with one line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .errors import UsageError

MAX_CELLS = 30_000_000  # rows × columns of a sheet's extent: a million rows of 30 columns
MAX_UNPACKED = 2 * 1024**3  # bytes of the whole workbook unpacked
_CELL = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,8})"')
_ROW = re.compile(rb'<row\b[^>]*?\sr="([0-9]{1,8})"')
_DIM = re.compile(rb'<dimension\s+ref="(?:[A-Z]{1,3}[0-9]{1,8}:)?([A-Z]{1,3})([0-9]{1,8})"')
_CHUNK = 1024 * 1024
_OVERLAP = 64


def _column(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + (byte - 64)
    return number


def check_workbook(path: Path, shown: str) -> None:
    """UsageError unless every sheet of the .xlsx/.xlsm at `path` is within MAX_CELLS."""
    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise UsageError(
                    f"cannot read {shown}: it unpacks to more than {MAX_UNPACKED // 1024**3} GiB"
                )
            for member in members:
                name = member.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    rows, cols = _extent(book, member)
                    if rows * cols > MAX_CELLS:
                        raise UsageError(
                            f"cannot read {shown}: a sheet spans {rows:,} rows × {cols:,} "
                            f"columns, more than the {MAX_CELLS:,} cells this app reads "
                            "(delete the far cells, or save the sheet as CSV)"
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise UsageError(f"cannot read {shown} as EXCEL: it is damaged ({exc})") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {shown}: {exc.strerror or exc}") from exc


def _extent(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int]:
    rows = cols = 0
    tail = b""
    with book.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            text = tail + chunk
            for found in (*_DIM.finditer(text), *_CELL.finditer(text)):
                cols = max(cols, _column(found.group(1)))
                rows = max(rows, int(found.group(2)))
            for found in _ROW.finditer(text):
                rows = max(rows, int(found.group(1)))
            tail = text[-_OVERLAP:]
    return rows, cols
