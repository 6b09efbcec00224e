"""The scriptable subcommands. Each returns an exit code; errors are raised as CityRankError."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .commands_base import _emit, _emit_chunks, _given_map, _given_tiers, catalog
from .commands_import import cmd_import as cmd_import  # `import` imports only that module
from .core import formats, listings, movement
from .core.catalog import IndexInfo
from .core.cities import find_city
from .core.errors import UsageError
from .core.filters import Filter, Sort, View, apply, validate
from .core.places import with_places
from .core.render import export_format, index_report, printable, write_export
from .core.report import Column, Report
from .core.report import render as render_report
from .store import paths

if TYPE_CHECKING:
    import polars as pl


def _format(
    args: argparse.Namespace,
    default: str = "table",
    allowed: tuple[str, ...] = formats.TEXT,
    command: str | None = None,
) -> str:
    """--format, else the --output file's extension, else `default`; only text formats here."""
    fmt = export_format(getattr(args, "output", None), args.format, default)
    if fmt not in allowed:
        who = "show" if fmt in formats.FILES else "show and cities"
        raise UsageError(
            f"{command or args.command} writes {', '.join(allowed[:-1])} or {allowed[-1]}, "
            f"not {fmt} (only {who} write{'s' if who == 'show' else ''} {fmt})"
        )
    return fmt


def print_paths(fmt: str = "table") -> int:
    """Where the user's files live; `json`: the one JSON shape, a row a file or folder."""
    from .core.catalog import bundled_data_dir

    found = (
        ("config", paths.config_file()),
        ("bookmarks", paths.bookmarks_file()),
        ("state", paths.state_file()),
        ("crash log", paths.crash_log_file()),
        ("imported indexes", paths.data_dir() / "indexes"),
        ("bundled data", bundled_data_dir()),
    )
    if fmt == "json":
        rows = [{"name": label, "path": str(path)} for label, path in found]
        report = Report("Paths", (Column("name"), Column("path")), rows)
        sys.stdout.write(render_report(report, "json"))
        return 0
    for label, path in found:
        print(f"{label + ':':18} {path}")
    return 0


def cmd_indexes(args: argparse.Namespace) -> int:
    report = listings.indexes_report(list(catalog().indexes.values()))
    _emit(render_report(report, _format(args)), args.output)
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    cat = catalog()
    infos = [cat.get(args.index)] if args.index else list(cat.indexes.values())
    report = listings.sources_report(infos, geonames=not args.index)
    _emit(render_report(report, _format(args)), args.output)
    return 0


def _index_view(
    args: argparse.Namespace, info: IndexInfo, frame: pl.DataFrame
) -> tuple[View, int | None]:
    """The view `show` and `map` options ask for, checked against the index, and --top."""
    tiers = tuple(t.strip() for t in (args.tier or "").split(",") if t.strip())
    flt = Filter(
        region=args.region,
        subregion=args.subregion,
        publisher_region=args.publisher_region,
        country=args.country,
        tiers=tiers,
        min_score=args.min_score,
        max_score=args.max_score,
        min_rank=args.min_rank,
        max_rank=args.max_rank,
        text=args.search or "",
    )
    if args.top is not None and args.top < 1:
        raise UsageError("--top must be 1 or more")
    view = View(validate(info, frame, flt), Sort.parse(args.sort, info, frame.columns))
    # A --top beyond the rows there are keeps them all (and cannot overflow polars).
    return view, None if args.top is None else min(args.top, frame.height)


def cmd_show(args: argparse.Namespace) -> int:
    cat = catalog()
    info = cat.get(args.index)
    frame, moves = movement.with_movement(cat, info, cat.entries(info.id))
    view, top = _index_view(args, info, frame)
    result = with_places(apply(frame, view, top=top), cat.cities)
    fmt = export_format(args.output, args.format, default="table")
    if fmt in ("parquet", "xlsx"):
        if not args.output:
            raise UsageError(f"--format {fmt} needs --output FILE ({fmt} is not for the screen)")
        write_export(result, info, fmt, Path(args.output))
        print(f"wrote {printable(args.output)}", file=sys.stderr)
        return 0
    described = " · ".join([*view.describe(info), *([f"first {top:,}"] if top else [])])
    if result.is_empty() and fmt == "table":
        active = ", ".join(view.filter.describe()) or "no filter"
        heading = [f"No entry of {info.id} matches ({active})."]
        described = ""  # the line says the filters
    else:
        heading = [f"{len(result):,} of {info.rows_bundled:,} rows; {info.coverage}"]
        if moves.legend:
            heading.append(f"Move: {moves.legend}")
        elif moves.why_absent:
            heading.append(f"No Move column: {moves.why_absent}")
    _emit(render_report(index_report(result, info, heading, described), fmt), args.output)
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    """An index's view on the world map, as text (the app's `g`)."""
    import shutil

    from .core import mapview
    from .termout import can_show

    cat = catalog()
    info = cat.get(args.index)
    frame, _ = movement.with_movement(cat, info, cat.entries(info.id))
    view, top = _index_view(args, info, frame)
    result = apply(frame, view, top=top)
    width = args.width
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    for name, value in (("--width", width), ("--height", args.height)):
        if not 10 <= value <= 2000:
            raise UsageError(f"{name} {value}: give 10 to 2000 characters")
    ascii_only = args.ascii or (not args.output and not can_show(sys.stdout, mapview.GLYPHS))
    drawn = mapview.draw(cat, mapview.of_index(cat, info, result, view.filter), width, args.height)
    _emit(drawn.text(ascii_only), args.output)
    return 0


def cmd_city(args: argparse.Namespace) -> int:
    from .core.cityfind import match_city

    cat = catalog()
    match = match_city(cat, args.name)
    report = listings.city_report(cat, match)
    fmt = _format(args)
    if fmt not in ("table",):  # what was matched, beside the document (the table says it)
        for line in listings.match_lines(match):
            print(f"cityrank-tui: {printable(line)}", file=sys.stderr)
    _emit(render_report(report, fmt), args.output)
    return 0


def _bookmarks(n: int) -> str:
    return f"{n:,} bookmark" if n == 1 else f"{n:,} bookmarks"


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from .core import crosstab
    from .store.bookmarks import Bookmarks
    from .store.tomlfile import SaveError

    output = getattr(args, "output", None)
    fmt = "table"
    if args.action == "list":
        fmt = _format(args, command="bookmarks list")
    elif args.action == "export":  # the table is `bookmarks list`
        fmt = _format(args, "csv", command="bookmarks export")
    store = Bookmarks.load()
    for warning in store.warnings:
        print(f"cityrank-tui: {warning}", file=sys.stderr)
    cat = catalog()
    try:
        if args.action == "add":
            city = find_city(cat, args.city)
            # a watchlist that differs from one held only in case is that one, as it is spelled
            listed = store.find_list(args.list_name) or args.list_name if args.list_name else None
            store.add(city.city_id, city.name, note=args.note, list_name=listed)
            where = f" on {listed!r}" if listed else ""
            print(f"bookmarked {city.label}{where} ({_bookmarks(len(store))})", file=sys.stderr)
            return 0
        if args.action == "remove":
            city_id = args.city if args.city in store else find_city(cat, args.city).city_id
            if city_id not in store:
                raise UsageError(f"{args.city} is not bookmarked")
            name = store.items[city_id].name
            store.remove(city_id)
            print(f"removed {name} ({city_id}; {_bookmarks(len(store))})", file=sys.stderr)
            return 0
    except SaveError as exc:
        raise UsageError(f"{exc}; nothing was changed") from exc
    listed = store.find_list(args.list_name) if args.list_name else None
    if args.list_name and listed is None:  # "asia hubs" finds "Asia hubs"
        raise UsageError.unknown("watchlist", args.list_name, store.list_names)
    marks = store.in_list(listed)
    if not marks and fmt == "table":
        from .store import settings
        from .tui.keymap import first_key, keymap

        key = first_key(keymap(settings.load().keys)[0], "bookmark")  # the key as the user has it
        _emit(
            "No bookmarks yet. Add one with `cityrank-tui bookmarks add CITY` "
            f"or press {key} in the app.",
            output,
        )
        return 0
    # machine formats: an empty list is still a valid document (a CSV header, an empty JSON list)
    rows = crosstab.cross_rows(
        cat, [(b.city_id, b.name, {"note": b.note, "lists": list(b.lists)}) for b in marks]
    )
    _emit_chunks(crosstab.chunks(rows, list(cat.indexes.values()), fmt), output)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .core import compare

    cat = catalog()
    cities = [find_city(cat, name) for name in args.cities]
    rows = compare.compare(cat, cities)
    _emit(compare.render(rows, cities, _format(args)), args.output)
    return 0


def cmd_correlate(args: argparse.Namespace) -> int:
    from .core import correlate

    result = correlate.correlate(catalog(), args.index_a, args.index_b)
    _emit(correlate.render(result, _format(args)), args.output)
    return 0


def cmd_cities(args: argparse.Namespace) -> int:
    from .core import cityview

    if args.top is not None and args.top < 1:
        raise UsageError("--top takes a whole number of 1 or more")
    if args.min_families < 0:
        raise UsageError("--min-families takes a whole number of 0 or more")
    rule = cityview.EditionRule(
        latest_only=args.latest_only, fixed=tuple(_given_editions(args.edition).items())
    )
    table = cityview.city_table(catalog(), rule)
    _check_choice(table.frame, "region", "subregion", value=args.region, what="region")
    _check_choice(table.frame, "country", "country_iso2", value=args.country, what="country")
    flt = cityview.CityFilter(
        region=args.region,
        country=args.country,
        text=args.search or "",
        min_families=args.min_families,
    )
    sort = cityview.sort_key(table, args.sort)
    frame = cityview.view(table, flt, sort)
    if args.top is not None:
        frame = frame.head(args.top)
    described = cityview.CityView(flt, sort, rule=rule).line(table)
    if args.top is not None:
        described += f" · first {args.top:,}"
    fmt = _format(args, allowed=formats.PLACES)
    _emit(cityview.render(table, frame, fmt, described), args.output)
    return 0


def _check_choice(frame: pl.DataFrame, *columns: str, value: str | None, what: str) -> None:
    """A region or country nobody has is a typo: one line with the valid choices."""
    if not value:
        return
    from .core.textnorm import fold

    known = {str(v) for c in columns for v in frame[c].drop_nulls().unique().to_list()}
    if fold(value) not in {fold(k) for k in known}:
        raise UsageError.unknown(what, value, known)


def cmd_agreement(args: argparse.Namespace) -> int:
    from .core import agreement

    cat = catalog()
    fixed = _given_editions(args.edition)
    if fixed and args.editions != "overlap":
        raise UsageError(
            f"--edition holds a family to one edition; --editions {args.editions} "
            "already chooses every family's editions"
        )

    result = agreement.matrix(cat, args.editions, fixed)
    from .termout import can_show

    ascii_only = not args.output and not can_show(sys.stdout, agreement.GLYPHS)
    _emit(agreement.render(result, _format(args), ascii_only), args.output)
    return 0


def _given_editions(items: list[str]) -> dict[str, str]:
    """--edition FAMILY=INDEX, repeated (cities and agreement); checked against the catalogue
    where it is used."""
    given: dict[str, str] = {}
    for item in items:
        family, sep, index_id = item.partition("=")
        if not sep or not family.strip() or not index_id.strip():
            raise UsageError(
                f"--edition {item!r}: write FAMILY=INDEX, e.g. --edition oe-gci=oe-gci-2024"
            )
        given[family.strip()] = index_id.strip()
    return given


def cmd_open(args: argparse.Namespace) -> int:
    """View a file as a temporary tab: its first rows are read (and a bad file or option refused
    in one line) before the app starts; the rest is read while the app draws."""
    from .cli import EXIT_USAGE, NO_TERMINAL, has_terminal
    from .core import opened

    request = opened.OpenRequest(
        Path(args.file).expanduser(),
        name=args.name,
        attribution=args.attribution,
        mapping=_given_map(args.map),
        tiers=_given_tiers(args.tiers),
        sheet=args.sheet,
        encoding=args.encoding,
        delimiter=args.delimiter,
    )
    head = opened.read_head(request)
    if not has_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_USAGE
    from .tui.opening import start
    from .tui.run import run_app

    return run_app(start(head))


def cmd_remove_index(args: argparse.Namespace) -> int:
    from .store import userindexes
    from .store.tomlfile import SaveError
    from .store.userindexes import valid_id

    if not valid_id(args.index):
        shown = args.index if len(args.index) <= 60 else args.index[:60] + "…"
        raise UsageError(
            f"{shown!r} is not an index id (at most {userindexes.MAX_ID} lower-case letters, "
            "digits and hyphens)"
        )
    info = catalog().indexes.get(args.index)
    if info is not None and info.bundled:
        raise UsageError(f"{args.index} is bundled with cityrank-tui and cannot be removed")
    try:
        leftovers = userindexes.remove(paths.data_dir(), args.index)
    except SaveError as exc:
        raise UsageError(str(exc)) from exc
    for warning in leftovers:
        print(f"cityrank-tui: {warning}", file=sys.stderr)
    print(f"removed {args.index}", file=sys.stderr)
    return 0
