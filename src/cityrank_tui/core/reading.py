"""Reading a file to import: every column as text, in the encoding and with the delimiter it
really has (detected, or given with --encoding / --delimiter), and the user told which.

Excel on Windows writes CSV in Windows-1252 and, in much of Europe, with semicolons; a file is
never decoded with replacement characters behind the user's back.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from pathlib import Path

import polars as pl

from ..store.tomlfile import file_kind, read_regular
from . import sheetcheck
from .errors import UsageError

FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xls": "excel",
}
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes"}
DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}
SAMPLE = 256 * 1024  # characters looked at to detect the delimiter
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Types a column must have to be read as text; lists, structs and bytes are not figures or names.
UNSUPPORTED = (pl.List, pl.Array, pl.Struct, pl.Binary, pl.Object, pl.Duration)
# The largest CSV/TSV read (it is held in memory whole while read)
MAX_TEXT_BYTES = 4 * 1024**3


def check_file(path: Path, verb: str) -> None:
    """One line unless `path` is a regular file this user may read: no such file, a folder, a
    FIFO, socket or device (reading one would wait forever), or no permission."""
    shown = _shown(str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"cannot {verb} {shown}: no such file") from None
    except OSError as exc:
        raise UsageError(f"cannot {verb} {shown}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"cannot {verb} {shown}: it is {file_kind(info.st_mode)}, not a file")
    if not os.access(path, os.R_OK):
        raise UsageError(f"cannot {verb} {shown}: permission denied")


def read_table(
    path: Path,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    notes: list[str] | None = None,
) -> pl.DataFrame:
    """Every column as text, so that a bad figure can be reported instead of silently becoming
    null. Columns of lists, structs or bytes (Parquet) are kept as they are: build() refuses to
    use one. `notes` receives what the user should know about how the file was read."""
    said = notes if notes is not None else []
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"cannot import {_shown(path.name)}: unknown format {path.suffix or '(no extension)'!r}; "
            f"use one of {', '.join(sorted(FORMATS))}"
        )
    check_file(path, "import")
    if sheet and kind != "excel":
        raise UsageError("--sheet applies to Excel files only")
    if (encoding or delimiter) and kind not in ("csv", "tsv"):
        raise UsageError("--encoding and --delimiter apply to CSV and TSV files only")
    try:
        if kind in ("csv", "tsv"):
            frame = _read_text(path, kind, encoding, delimiter, said)
        elif kind == "parquet":
            frame = pl.read_parquet(path)
        else:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                sheetcheck.check_workbook(path, _shown(path.name))  # before any allocation
            frame = _read_excel(path, sheet)
    except UsageError:
        raise
    except Exception as exc:  # polars and the Excel reader raise many types for an unreadable file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot read {_shown(path.name)} as {kind.upper()}: {first}") from exc
    frame = frame.rename({c: c.strip() for c in frame.columns})
    if kind not in ("csv", "tsv"):  # text files were checked as they were decoded
        lossy = sum(
            int(frame[c].alias("cell").str.contains("\ufffd", literal=True).sum())
            for c, dtype in frame.schema.items()
            if dtype == pl.String
        )
        if lossy:
            said.append(
                f"{lossy:,} cell(s) hold the replacement character U+FFFD: characters lost when "
                "the file was saved; they are imported as they are"
            )
    return frame.with_columns(
        frame[c].cast(pl.String)  # not pl.col(c): a name like `^Score$` is read as a pattern
        for c, dtype in frame.schema.items()
        if dtype != pl.String and not isinstance(dtype, UNSUPPORTED) and dtype != pl.Binary
    )


def decode(raw: bytes, name: str, encoding: str | None, notes: list[str]) -> str:
    """The file's text: the given encoding, else a BOM's, else UTF-8, else Windows-1252 (said)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(
                f"--encoding {encoding!r} is not an encoding Python knows "
                "(e.g. utf-8, cp1252, latin-1, utf-16)"
            ) from None
        text = _strict(raw, encoding, name, "--encoding")
        notes.append(f"read as {encoding} (as --encoding says)")
        return _told_replacements(text.removeprefix("\ufeff"), notes)
    for bom, codec in BOMS:
        if raw.startswith(bom):
            notes.append(
                f"read as {'UTF-8' if codec == 'utf-8-sig' else 'UTF-16'} (byte-order mark)"
            )
            return _told_replacements(_strict(raw, codec, name, "its byte-order mark"), notes)
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1")):
        raise UsageError(
            f"{_shown(name)} is a workbook or Parquet file, not text: give it its real "
            "extension (.xlsx, .xls or .parquet)"
        )
    if b"\x00" in raw[:4096]:
        raise UsageError(
            f"{_shown(name)} holds NUL bytes: UTF-16 without a byte-order mark? "
            "say so with --encoding utf-16-le (or utf-16-be)"
        )
    try:
        return _told_replacements(raw.decode("utf-8"), notes)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UsageError(
            f"{_shown(name)} is neither UTF-8 nor Windows-1252 text (line {line}); "
            "say its encoding with --encoding, e.g. --encoding latin-1"
        ) from None
    notes.append(
        f"not UTF-8 (line {line}): read as Windows-1252 (cp1252), as Excel on Windows saves CSV; "
        "if names look wrong, say the encoding with --encoding"
    )
    return _told_replacements(text, notes)


def _strict(raw: bytes, codec: str, name: str, why: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1 if "16" not in codec else None
        where = f"line {line}" if line else f"byte {exc.start}"
        raise UsageError(
            f"{_shown(name)} is not valid {codec} as {why} says ({where}); "
            "say the right one with --encoding, e.g. --encoding cp1252"
        ) from None


def _told_replacements(text: str, notes: list[str]) -> str:
    """U+FFFD in the file means characters were lost before it reached us: say so."""
    count = text.count("\ufffd")
    if count:
        line = text[: text.index("\ufffd")].count("\n") + 1
        notes.append(
            f"the file itself holds {count:,} replacement character(s) U+FFFD (first on line "
            f"{line}): characters lost when it was saved; they are imported as they are"
        )
    return text


def sniff(text: str, kind: str, given: str | None, notes: list[str]) -> str:
    """The delimiter: --delimiter, else whichever of , ; tab | splits the first lines evenly."""
    if given is not None:
        sep = DELIMITER_NAMES.get(given.lower(), given)
        if sep not in DELIMITERS:
            raise UsageError(
                f"--delimiter {given!r}: use one of , ; | tab (or comma, semicolon, pipe)"
            )
        notes.append(f"fields separated by {DELIMITERS[sep]} (as --delimiter says)")
        return sep
    sample = text[:SAMPLE]
    if len(text) > SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_key = ("\t" if kind == "tsv" else ","), (False, 0, 0)
    for sep in DELIMITERS:
        if sep not in sample:  # every line one field: not this one (no need to parse them)
            continue
        counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=sep) if row]
        if not counts or counts[0] < 2:
            continue
        even = all(c == counts[0] for c in counts)
        preferred = sep == ("\t" if kind == "tsv" else ",")
        key = (even, counts[0], int(preferred))
        if key > best_key:
            best, best_key = sep, key
    notes.append(f"fields separated by {DELIMITERS[best]} (say otherwise with --delimiter)")
    return best


def _read_text(
    path: Path, kind: str, encoding: str | None, delimiter: str | None, notes: list[str]
) -> pl.DataFrame:
    try:
        raw = read_regular(path, MAX_TEXT_BYTES)
    except OSError as exc:  # PermissionError, a FIFO put there meanwhile, a file over the bound
        raise UsageError(f"cannot read {_shown(path.name)}: {exc.strerror or exc}") from exc
    if encoding is None:
        plain = _read_plain(raw, kind, delimiter, notes)
        if plain is not None:
            return plain
    text = decode(raw, path.name, encoding, notes)
    # Read as UTF-8 without a byte-order mark (ASCII too), the file's bytes are the text's
    # UTF-8: when nothing below changes the text, they are handed to the reader as they are,
    # with no second copy of a large file (Windows-1252 keeps one byte a character, and
    # is taken only when the bytes are not UTF-8, i.e. not ASCII).
    as_is = (
        encoding is None
        and not raw.startswith(tuple(bom for bom, _ in BOMS))
        and (len(text) != len(raw) or raw.isascii())
    )
    if "\r" in text:  # Windows line ends, or old Mac ones (CR alone)
        as_is = False
        text = text.replace("\r\n", "\n")
        if "\n" not in text:
            text = text.replace("\r", "\n")
    sep = sniff(text, kind, delimiter, notes)
    kept = _drop_trailing_comments(text, notes)
    as_is = as_is and kept is text
    source = raw if as_is else kept.encode("utf-8")
    del text, kept, raw  # only the bytes read are kept while polars reads them
    try:
        return pl.read_csv(
            io.BytesIO(source), separator=sep, infer_schema=False, truncate_ragged_lines=False
        )
    except pl.exceptions.PolarsError as exc:
        _explain_ragged(source.decode("utf-8"), sep, path.name)
        raise exc


def _read_plain(
    raw: bytes, kind: str, delimiter: str | None, notes: list[str]
) -> pl.DataFrame | None:
    """The table, when `decode` would read `raw` as UTF-8 with nothing to say of it (no
    byte-order mark, no U+FFFD) and no comment line ends it: the usual file, handed to polars
    as its bytes, with no Python text of the whole file. polars refuses a cell that is not
    UTF-8 (as Python's strict decoder does: no overlong form, surrogate or code point past
    U+10FFFF) and shows a header's bytes that are not as U+FFFD; either sends the file the
    general way, as does any other file or failure to read (a ragged line): `decode` and
    `_explain_ragged` word what they find. `notes` is told the delimiter only when this way
    gives the table."""
    if (
        raw.startswith(tuple(bom for bom, _ in BOMS))
        or raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"PAR1"))
        or b"\x00" in raw[:4096]
        or (b"\xef" in raw and "\ufffd".encode() in raw)  # U+FFFD to count and say
    ):
        return None
    if b"\r" in raw:  # Windows line ends, or old Mac ones (CR alone): as `_read_text` does
        raw = raw.replace(b"\r\n", b"\n")
        if b"\n" not in raw:
            raw = raw.replace(b"\r", b"\n")
    start = _text_start(raw)
    if start is None or _ends_with_comment(raw):
        return None
    said: list[str] = []
    sep = sniff(start, kind, delimiter, said)
    try:
        frame = pl.read_csv(
            io.BytesIO(raw), separator=sep, infer_schema=False, truncate_ragged_lines=False
        )
    except pl.exceptions.PolarsError:
        return None
    if any("\ufffd" in column for column in frame.columns):
        return None  # the header is not UTF-8
    notes += said
    return frame


def _text_start(raw: bytes) -> str | None:
    """A start of the UTF-8 text of `raw`, long enough for `sniff` to find what it would find
    in the whole text (more than SAMPLE characters, or all of it); None when it is not UTF-8
    (a Windows-1252 file usually shows it in its first lines)."""
    end = min(len(raw), 4 * SAMPLE + 4)
    for _ in range(3):  # not within a character: before its first byte
        if end < len(raw) and raw[end] & 0xC0 == 0x80:
            end -= 1
    try:
        return raw[:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _ends_with_comment(raw: bytes) -> bool:
    """Whether the last line starts with # (`_drop_trailing_comments` has something to drop)."""
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1
    last = raw.rfind(b"\n", 0, end)
    return last >= 0 and raw.startswith(b"#", last + 1)


def _explain_ragged(text: str, sep: str, name: str) -> None:
    """Raise a UsageError naming the first line with more fields than the header, if any."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    header = next(reader, [])
    for row in reader:
        if len(row) > len(header):
            raise UsageError(
                f"{_shown(name)} line {reader.line_num} has {len(row)} fields but the header has "
                f"{len(header)} (fields separated by {DELIMITERS[sep]}); fix that line, quote "
                "its text, or say the delimiter with --delimiter"
            )


def _drop_trailing_comments(text: str, notes: list[str]) -> str:
    """Lines starting with # at the end of the file (the attribution older exports of this app
    and its compare/correlate CSVs end with) are not rows."""
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    last = text.rfind("\n", 0, end)
    if last < 0 or not text.startswith("#", last + 1):
        return text  # the usual case: no copy of a large file's text to find that out
    body = text[:end]
    dropped = 0
    while (cut := body.rfind("\n")) >= 0 and body.startswith("#", cut + 1):
        body = body[:cut]  # looked at from the end: a million-line file is not split into lines
        dropped += 1
    if dropped:
        notes.append(f"skipped {dropped} comment line(s) starting with # at the end of the file")
        return body + "\n"
    return text


def _read_excel(path: Path, sheet: str | None) -> pl.DataFrame:
    try:
        import fastexcel  # noqa: F401  (polars' Excel reader)
    except ImportError:
        raise UsageError(
            "reading Excel needs the optional reader: pip install 'cityrank-tui[excel]' "
            "(or save the sheet as CSV)"
        ) from None

    def read(infer: int | None) -> pl.DataFrame:
        if sheet:
            return pl.read_excel(path, sheet_name=sheet, infer_schema_length=infer)
        return pl.read_excel(path, infer_schema_length=infer)

    text = read(0)
    # Read as text, the reader prints a number cell with about 13 significant digits
    # (1646.7303259914 became 1646.730325991). Where the sheet holds a column of numbers,
    # take their text from the numbers themselves, so no digit is lost.
    typed = read(None)
    exact = [
        pl.when(typed[c].is_not_null()).then(typed[c].cast(pl.String)).otherwise(text[c]).alias(c)
        for c, dtype in typed.schema.items()
        if dtype.is_float() and c in text.columns
    ]
    return text.with_columns(exact) if exact else text


def _shown(name: str) -> str:
    """A file name for a message: as it is, or quoted with escapes when it holds a control."""
    return name if name.isprintable() else repr(name)
