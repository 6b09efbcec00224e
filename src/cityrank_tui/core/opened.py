"""A file opened, not imported (`cityrank-tui open FILE`): shown as a tab of its own, held in
memory only, never written to the data folder.

It comes in three steps, each a complete frame in the shape of any index's entries, so the tab
works (filters, search, sort, details) from the first one on:

1. `read_head`: the first rows (the first HEAD_BYTES of a text file), read, mapped and checked
   as `import` would; a small file is read whole here. A file that cannot be opened is refused
   now, before the app starts.
2. `read_all`: every row, the same way (importer.unlinked): no city linked yet.
3. `link`: importer.build, as `import` links names, with the id an import of the file would
   get by default, so a city it creates has the id that import will give it.

Reading follows core/reading.py (encoding, delimiter, decimal commas, every note said).
"""

from __future__ import annotations

import json
import os
import shlex
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import polars as pl

from ..store import userindexes
from . import importer, reading
from .catalog import Catalog, IndexInfo
from .errors import UsageError
from .families import CITIES_TAB_NAME
from .headers import mapping_lines, unit_of
from .safetext import visible
from .schema import CITY_SCHEMA
from .textnorm import slug

# The opened file's id: an underscore, which no import id may hold, so it cannot meet a
# stored index, its files or its saved view.
OPEN_ID = "open_file"
HEAD_BYTES = 256 * 1024  # what the first rows are read from (and the delimiter sniffed in)
Stage = Literal["head", "unlinked", "linked"]
STATUS = {"head": "reading all rows…", "unlinked": "linking cities…", "linked": ""}


@dataclass(frozen=True)
class OpenRequest:
    """What `open` was asked: the file and the same options `import` takes."""

    path: Path
    name: str | None = None
    attribution: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    tiers: list[str] | None = None
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def shown_name(self) -> str:
        """The file's name, safe on a terminal (control characters as escapes)."""
        return visible(self.path.name)


@dataclass(frozen=True)
class Opened:
    """One step of an opened file: its entries, what it is, and what the user should know."""

    request: OpenRequest
    stage: Stage
    info: IndexInfo
    frame: pl.DataFrame
    notes: tuple[str, ...] = ()
    new_cities: pl.DataFrame | None = None
    # kept for the next step (the table as read, and its column mapping)
    table: pl.DataFrame | None = None
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """What is still under way ('linking cities…'), '' once linked."""
        return STATUS[self.stage]


def check_path(path: Path) -> None:
    """Refuse at once what cannot be read as a file to open: no such file, a folder, a FIFO or
    a device (reading one would wait forever), an unknown extension."""
    shown = visible(str(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(f"cannot open {shown}: no such file") from None
    except OSError as exc:
        raise UsageError(f"cannot open {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"cannot open {shown}: it is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise UsageError(f"cannot open {shown}: not a regular file (a FIFO, socket or device)")
    if path.suffix.lower() not in reading.FORMATS:
        raise UsageError(
            f"cannot open {visible(path.name)}: unknown format "
            f"{visible(path.suffix) or '(no extension)'!r}; use one of "
            f"{', '.join(sorted(reading.FORMATS))}"
        )


def import_id(path: Path) -> str:
    """The id `import` would be told for this file by default: its name as lower-case words
    joined by hyphens ('Städte Ranking 2024.csv' -> 'stadte-ranking-2024')."""
    found = slug(path.stem)[:48].strip("-")
    if found == CITIES_TAB_NAME:  # the Cities tab's name: import refuses it as an id
        return "my-cities"
    return found if userindexes.valid_id(found) else "my-index"


def import_command(request: OpenRequest) -> str:
    """The exact command that keeps the opened file, with its options (shell-quoted; a name
    with control characters is shown with escapes: copy it with care)."""
    path = request.path.expanduser().resolve()
    parts = ["cityrank-tui", "import", str(path), "--id", import_id(path)]
    parts += ["--name", request.name or path.stem]
    for fld, column in request.mapping.items():
        parts += ["--map", f"{fld}={column}"]
    for flag, value in (
        ("--tiers", ",".join(request.tiers) if request.tiers else None),
        ("--attribution", request.attribution),
        ("--sheet", request.sheet),
        ("--encoding", request.encoding),
        ("--delimiter", request.delimiter),
    ):
        if value:
            parts += [flag, value]
    return visible(shlex.join(parts))


def read_head(request: OpenRequest) -> Opened:
    """The first rows, or the whole file when it is small (or not text). Raises UsageError for
    a file that cannot be opened, as `read_all` would (so a bad file is refused at once)."""
    path = request.path
    check_path(path)
    kind = reading.FORMATS[path.suffix.lower()]
    if kind in ("csv", "tsv"):
        if request.sheet:
            raise UsageError("--sheet applies to Excel files only")
        head = _text_head(path, kind, request)
        if head is not None:
            return head
    return read_all(request)


def _text_head(path: Path, kind: str, request: OpenRequest) -> Opened | None:
    """The rows in the first HEAD_BYTES of a text file; None when the file is smaller (read it
    whole), is UTF-16, or its head cannot be read on its own (a quoted line break cut)."""
    raw = _read_start(path, HEAD_BYTES + 1)
    if (
        len(raw) <= HEAD_BYTES
        or raw.startswith(reading.BOMS[1][0])
        or raw.startswith(reading.BOMS[2][0])
    ):
        return None
    cut = raw.rfind(b"\n", 0, HEAD_BYTES)
    if cut <= 0 or b"\x00" in raw[:4096]:
        return None
    notes: list[str] = []
    text = reading.decode(raw[: cut + 1], path.name, request.encoding, notes)
    text = text.replace("\r\n", "\n")
    sep = reading.sniff(text, kind, request.delimiter, notes)
    try:
        table = pl.read_csv(
            text.encode("utf-8"), separator=sep, infer_schema=False, truncate_ragged_lines=False
        )
    except pl.exceptions.PolarsError:
        return None  # read whole, which explains what is wrong
    table = table.rename({c: c.strip() for c in table.columns})
    return _step(request, "head", table, notes)


def _read_start(path: Path, size: int) -> bytes:
    """The first `size` bytes, opened without blocking (a FIFO put there meanwhile is refused)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UsageError(f"cannot open {visible(path.name)}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"cannot open {visible(path.name)}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(size)
    finally:
        os.close(fd)


def read_all(request: OpenRequest) -> Opened:
    """Every row, read, mapped and checked as `import` does, no city linked yet."""
    notes: list[str] = []
    check_path(request.path)
    table = importer.read_table(
        request.path,
        request.sheet,
        encoding=request.encoding,
        delimiter=request.delimiter,
        notes=notes,
    )
    return _step(request, "unlinked", table, notes)


def _step(request: OpenRequest, stage: Stage, table: pl.DataFrame, notes: list[str]) -> Opened:
    mapping, guessed = importer.map_columns(
        table.columns, request.mapping, request.path, request.sheet
    )
    # what import says of the columns, in the same words (headers.mapping_lines)
    notes += mapping_lines(table.columns, mapping, guessed, "shown")
    source = request.path.expanduser().resolve().as_uri()
    frame, tiers, said, decimals = importer.unlinked(table, mapping, request.tiers, OPEN_ID, source)
    notes += said
    info = _info(request, frame, mapping, tiers, stage, decimals)
    return Opened(request, stage, info, frame, tuple(notes), None, table, mapping)


def link(catalog: Catalog, opened: Opened) -> Opened:
    """Names linked to cities as `import` links them (importer.build); the entries keep their
    order, so a row stays where it was."""
    if opened.table is None:
        raise ValueError("link() needs the table read_all() kept")
    path = opened.request.path.expanduser().resolve()
    result = importer.build(
        catalog,
        import_id(path),
        opened.table,
        opened.mapping,
        opened.request.tiers,
        source=path.as_uri(),
    )
    frame = result.frame.with_columns(pl.lit(OPEN_ID).alias("index"))
    # the names that linked to nothing are cities too (a stored import makes them from its
    # entries when asked; a held one from the rows build found them in)
    made = (
        userindexes.placeholders_at(frame, result.made_rows)
        if result.made_rows is not None
        else userindexes.placeholders_of(frame, import_id(path))
    )
    new_cities = pl.concat(
        [result.new_cities.select(list(CITY_SCHEMA)), userindexes.as_cities(made)]
    )
    info = _info(
        opened.request, frame, result.mapping, result.tiers, "linked", result.score_decimals
    )
    return replace(
        opened,
        stage="linked",
        info=info,
        frame=frame,
        # what linking found, as import reports it (the rest was said when the rows were read)
        notes=(*opened.notes, *(line for line in result.report if line not in opened.notes)),
        new_cities=new_cities,
        table=None,
    )


def _info(
    request: OpenRequest,
    frame: pl.DataFrame,
    mapping: dict[str, str],
    tiers: list[str],
    stage: Stage,
    decimals: int,
) -> IndexInfo:
    """What the opened file is, in the terms of an imported index's metadata."""
    path = request.path.expanduser().resolve()
    name = visible(request.name or request.path.name)  # a file's name is data: never obeyed
    has = set(mapping)
    columns = [
        "rank",
        "name",
        *(c for c in ("tier", "score", "country", "subregion", "note") if c in has),
    ]
    if stage == "linked" and "country" not in has and frame["subregion"].is_not_null().any():
        columns += ["country", "subregion"]
    full = ["rank", "score"] if "score" in has else ["rank"]
    top: int = frame.select(pl.col("rank").max().fill_null(0)).item()
    row: dict[str, Any] = {
        **userindexes.META_DEFAULTS,
        "id": OPEN_ID,
        "family": OPEN_ID,
        "name": name,
        "short_name": name[:24],
        "publisher": "opened file",
        "edition": 0,
        # the first rows say nothing of how many there are
        "universe_size": max(top, frame.height) if stage != "head" else None,
        "universe_unit": "rows",
        "tiers": tiers,
        "score_scale": (unit_of(mapping["score"]) or "") if "score" in has else "",
        "columns": columns,
        "full_columns": full,
        "full_label": "with rank and score" if "score" in has else "with a rank",
        "attribution": visible(
            request.attribution or f"from {request.path.name} (not a published index we hold)"
        ),
        "methodology": f"Opened from {visible(str(path))}. Columns: "
        + ", ".join(f"{f} = {c!r}" for f, c in mapping.items()),
        "gaps": f"opened, not imported — `{import_command(request)}` keeps it",
        "rows_bundled": frame.height,
        "rows_full": frame.select(
            pl.all_horizontal(pl.col(c).is_not_null() for c in full).sum()
        ).item(),
        "has_scores": bool(frame["score"].is_not_null().any()),
        "bundled": False,
        "opened_from": str(path),
        # the score at the file's own precision, as an import of it shows it (one rule)
        "measures_json": json.dumps(importer.measures("score" in has, decimals)),
    }
    return IndexInfo.from_row(row, path)
