"""What the CLI's commands share that imports little: the catalogue (its warnings on stderr),
a text written to stdout or to --output, and the --map and --tiers options of import and open.
The import command imports this and commands_import.py alone, not the renderers, filters and
listings the other commands need (rich among them): ~60 ms of every import's start."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .core import outfile
from .core.catalog import Catalog
from .core.errors import UsageError
from .core.safetext import visible
from .store import paths

printable = visible  # as render.printable: control characters shown, never obeyed


def catalog() -> Catalog:
    cat = Catalog(user_dir=paths.data_dir())
    cat.indexes  # noqa: B018  (reads the imported indexes, which may leave warnings)
    for warning in cat.warnings:
        print(f"cityrank-tui: {warning}", file=sys.stderr)
    return cat


def _emit(text: str, output: str | None = None) -> None:
    if output:
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
        outfile.write_atomic(Path(output), lambda handle: handle.write(data))
        print(f"wrote {printable(output)}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _emit_chunks(chunks: Iterable[str], output: str | None = None) -> None:
    """`_emit` of text made a piece at a time (50,000 bookmarks as JSON): each piece is
    written as it comes, a megabyte at a time, so the whole text is never held."""
    last = ""

    def pieces() -> Iterator[str]:
        nonlocal last
        held: list[str] = []
        size = 0
        for chunk in chunks:
            if chunk:
                held.append(chunk)
                size += len(chunk)
                last = chunk
            if size >= 1 << 20:
                yield "".join(held)
                held, size = [], 0
        yield "".join(held) + ("" if last.endswith("\n") else "\n")

    if output:

        def write(handle: BinaryIO) -> None:
            for piece in pieces():
                handle.write(piece.encode("utf-8"))

        outfile.write_atomic(Path(output), write)
        print(f"wrote {printable(output)}", file=sys.stderr)
    else:
        for piece in pieces():
            sys.stdout.write(piece)


def _given_map(items: list[str]) -> dict[str, str]:
    """--map FIELD=COLUMN, repeated (import and open)."""
    given = {}
    for item in items:
        fld, sep, column = item.partition("=")
        if not sep or not fld.strip() or not column.strip():
            raise UsageError(f"--map {item!r}: write FIELD=COLUMN, e.g. --map rank='Global Rank'")
        given[fld.strip()] = column.strip()
    return given


def _given_tiers(text: str | None) -> list[str] | None:
    """--tiers 'A,B,C' (import and open)."""
    return [t.strip() for t in text.split(",") if t.strip()] if text else None
