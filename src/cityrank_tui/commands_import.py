"""The `import` command: a file read, checked, linked and stored as an imported index. Its own
module, importing only what an import needs (commands_base.py says why)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .commands_base import _emit, _given_map, _given_tiers, catalog, printable
from .core.errors import UsageError
from .store import paths


def cmd_import(args: argparse.Namespace) -> int:
    from .core import importer
    from .core.headers import mapping_lines
    from .store import userindexes
    from .store.tomlfile import SaveError

    def say(message: str) -> None:
        print(f"  {printable(message)}", file=sys.stderr, flush=True)

    cat = catalog()
    importer.check_id(args.id, cat)
    given = _given_map(args.map)
    path = Path(args.file).expanduser()
    started = time.perf_counter()
    print(f"importing {printable(str(path))} as {args.id}…", file=sys.stderr, flush=True)
    notes: list[str] = []
    table = importer.read_table(
        path, args.sheet, encoding=args.encoding, delimiter=args.delimiter, notes=notes
    )
    say(
        f"read {table.height:,} rows, {table.width} columns ({time.perf_counter() - started:.1f} s)"
    )
    for note in notes:
        say(note)
    mapping, guessed = importer.map_columns(table.columns, given, path, args.sheet)
    for line in mapping_lines(table.columns, mapping, guessed, "imported"):
        say(line)
    tiers = _given_tiers(args.tiers)
    try:
        with userindexes.import_lock(paths.data_dir(), args.id):
            result = importer.build(
                cat, args.id, table, mapping, tiers, progress=say, source=path.resolve().as_uri()
            )
            del table  # the file as read: its rows are in `result` now (its memory, for save)
            for line in result.report:
                say(line)
            meta = importer.default_meta(
                args.id, args.name, result, args.edition, args.attribution, path.resolve()
            )
            replacing = args.id in cat.indexes
            leftovers = userindexes.save(
                paths.data_dir(),
                args.id,
                meta,
                result.frame,
                result.new_cities,
                result.made_rows,
                result.made_hashes,
            )
    except SaveError as exc:
        raise UsageError(f"{exc}; nothing was changed") from exc
    for warning in leftovers:
        say(warning)
    if args.report:  # after the import is stored: a report that cannot be written loses nothing
        try:
            _emit("\n".join(result.full_report), args.report)
        except UsageError as exc:
            say(f"{exc}; {args.id} was imported, the report was not written")
    print(
        f"{'replaced' if replacing else 'imported'} {args.id}: {result.frame.height:,} rows in "
        f"{time.perf_counter() - started:.1f} s. It is now a tab in the app and works with show, city, compare.",
        file=sys.stderr,
    )
    return 0
