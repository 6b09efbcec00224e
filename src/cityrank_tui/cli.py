"""Command line: the TUI by default, plus scriptable subcommands over the same core.

Heavy imports (polars, Textual) happen inside the commands, so `--version` and `--help` are quick.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .core import formats
from .core.errors import UsageError

if TYPE_CHECKING:  # argparse is imported when there are arguments to parse (build_parser)
    import argparse

EXIT_USAGE = 2


def _formats(*names: str) -> dict[str, Any]:
    return {
        "choices": names,
        "help": f"output format ({' | '.join(names)}; default {names[0]}, or from the --output "
        "file's extension)",
    }


def _edition_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--edition",
        action="append",
        default=[],
        metavar="FAMILY=INDEX",
        help="hold a family to one edition, e.g. --edition oe-gci=oe-gci-2024 (repeatable)",
    )


def _listing(p: argparse.ArgumentParser, choices: tuple[str, ...] = formats.TEXT) -> None:
    """Every listing command: the same --format choices, in the same order (GeoJSON too where
    the rows are places), and --output."""
    p.add_argument("--format", **_formats(*choices))
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    p.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (otherwise refused)"
    )


def _reading_options(p: argparse.ArgumentParser) -> None:
    """How a file is read and mapped: the same options for `import` and `open`."""
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="which column holds a field (rank, name, score, tier, country, region, subregion, note, "
        "source_url); repeatable. Obvious column names are guessed",
    )
    p.add_argument(
        "--tiers", help="tier names best first, comma-separated, e.g. 'Alpha,Beta,Gamma'"
    )
    p.add_argument(
        "--attribution", help="the publisher's attribution text, shown with every view and export"
    )
    p.add_argument("--sheet", help="Excel sheet name (default: the first sheet)")
    p.add_argument(
        "--encoding",
        help="the CSV's text encoding, e.g. cp1252 or utf-16 (default: detected; UTF-8 with or "
        "without BOM, UTF-16 with BOM, else Windows-1252, and said)",
    )
    p.add_argument(
        "--delimiter",
        help="the CSV's field separator: , ; | or tab (default: detected, and said)",
    )


def _command(sub: Any, name: str, help: str, **options: Any) -> argparse.ArgumentParser:
    """A subcommand whose own --help opens with the one line the command list shows."""
    options.setdefault("description", help[0].upper() + help[1:] + ".")
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, **options)
    return parser


def _view_options(p: argparse.ArgumentParser) -> None:
    """An index's filters, sort and --top: the same for `show` and `map`."""
    p.add_argument("--region", help="UN M49 region or sub-region, e.g. Asia or 'Eastern Asia'")
    p.add_argument("--subregion", help="UN M49 sub-region only")
    p.add_argument("--publisher-region", help="the publisher's own region or sub-region")
    p.add_argument("--country", help="country as published, ISO code, or country name")
    p.add_argument("--tier", help="tier name(s), comma-separated, e.g. NEXUS,HUB")
    p.add_argument(
        "--min-score", type=float, metavar="X", help="keep rows whose score is X or more"
    )
    p.add_argument(
        "--max-score", type=float, metavar="X", help="keep rows whose score is X or less"
    )
    p.add_argument("--min-rank", type=int, help="rank band: lowest rank number to keep")
    p.add_argument("--max-rank", type=int, help="rank band: highest rank number to keep")
    p.add_argument("--top", type=int, metavar="N", help="keep the first N rows after sorting")
    p.add_argument("--search", help="case- and accent-insensitive text in the name or a city alias")
    p.add_argument(
        "--sort",
        default="rank",
        metavar="FIELD[:desc]",
        help="one of the index's own measures, by id or by the label shown (e.g. Publications); default rank",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="cityrank-tui",
        description="Browse published city rankings in the terminal. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"cityrank-tui {__version__}")
    parser.add_argument(
        "--paths", action="store_true", help="print where settings, bookmarks and data live"
    )
    parser.add_argument(
        "--format",
        dest="paths_format",
        choices=("table", "json"),
        help="with --paths: table (default) or json, for scripts",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(sub, "indexes", help="list the indexes with edition, size and coverage")
    _listing(p)

    p = _command(sub, "show", help="list an index's entries, filtered and sorted")
    p.add_argument("index", help="index id, e.g. ici-2014 (see `indexes`)")
    _view_options(p)
    _listing(p, (*formats.PLACES, *formats.FILES))

    p = sub.add_parser(
        "map",
        help="an index's view on a world map, as text (the same filters as show)",
        description="The view's cities on a world map drawn in braille (ASCII when the output "
        "cannot show it): ranks 1-9 as digits, other cities as dots, a count where a cell holds "
        "several; zoomed to the cities' extent when a region or country filter is given.",
    )
    p.add_argument("index", help="index id, e.g. oe-gci-2024 (see `indexes`)")
    _view_options(p)
    p.add_argument(
        "--width", type=int, help="the map's width in characters (default: the terminal's, or 80)"
    )
    p.add_argument(
        "--height", type=int, default=24, help="the map's height in lines at most (default 24)"
    )
    p.add_argument("--ascii", action="store_true", help="draw with ASCII only: . land, o cities")
    p.add_argument("--output", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    p.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (otherwise refused)"
    )

    p = _command(sub, "sources", help="attribution, terms and sources of every index (or one)")
    p.add_argument("index", nargs="?", help="one index id (default: all, and GeoNames)")
    _listing(p)

    p = _command(sub, "city", help="every entry for one city in every index")
    p.add_argument("name", help="city name, alias or id (e.g. Seoul, Bangalore, san-jose-us)")
    _listing(p)

    p = _command(sub, "compare", help="2 to 4 cities side by side in every index")
    p.add_argument("cities", nargs="+", metavar="CITY", help="city names, aliases or ids")
    _listing(p)

    p = _command(
        sub,
        "correlate",
        help="two indexes: overlap, Spearman rank correlation, plot, disagreements",
    )
    p.add_argument("index_a", metavar="INDEX", help="the first index id, e.g. ici-2014 (x axis)")
    p.add_argument("index_b", metavar="INDEX", help="the second index id, e.g. gii-2023 (y axis)")
    _listing(p)

    p = _command(
        sub,
        "cities",
        help="every city, with its standing in every family (and the edition it comes from)",
    )
    p.add_argument("--region", help="UN M49 region or sub-region, e.g. Europe or 'Northern Europe'")
    p.add_argument("--country", help="ISO code or country name")
    p.add_argument("--search", help="case- and accent-insensitive text in the name or an alias")
    p.add_argument(
        "--min-families",
        type=int,
        default=0,
        metavar="N",
        help="only cities in at least N families",
    )
    p.add_argument(
        "--sort",
        default="median_pctl",
        metavar="COLUMN[:asc|desc]",
        help="a column id or the label shown (default: median percentile, best first; a median "
        "of one figure sorts after medians of two or more; imports shown, not counted in the "
        "median)",
    )
    p.add_argument("--top", type=int, metavar="N", help="keep the first N rows after sorting")
    p.add_argument(
        "--latest-only",
        action="store_true",
        help="each family's latest edition only (default: the most recent edition holding the city)",
    )
    _edition_option(p)
    _listing(p, formats.PLACES)

    p = _command(
        sub,
        "agreement",
        help="which rankings agree: Spearman's rho for every pair of index families",
    )
    p.add_argument(
        "--editions",
        choices=("overlap", "latest", "all"),
        default="overlap",
        help="each pair of families through its two editions with the most entries in common "
        "(default), each family's latest edition, or every edition against every other",
    )
    _edition_option(p)
    _listing(p)

    p = _command(sub, "import", help="import your own index from CSV, TSV, Parquet or Excel")
    p.add_argument("file", help="the file to import (.csv, .tsv, .parquet, .xlsx)")
    p.add_argument(
        "--id", required=True, help="an id for it, e.g. gawc-2024 (lower-case, digits, hyphens)"
    )
    p.add_argument("--name", required=True, help="its name, shown as the tab's title")
    p.add_argument("--edition", type=int, help="year of the edition")
    _reading_options(p)
    p.add_argument(
        "--report",
        metavar="FILE",
        help="write the whole import report to FILE, every unmatched or ambiguous name included "
        "(the screen lists the first 20 of each)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace the --report FILE if it exists (otherwise refused)",
    )

    p = _command(
        sub,
        "open",
        help="view a CSV, TSV, Parquet or Excel file as a tab, without importing it",
        description="View a file as a temporary tab: the same filters, search, sort, details and "
        "city profiles as an imported index; nothing is written to the data folder, and "
        "`import` keeps it. A file name starting with - goes after --: "
        "cityrank-tui open -- -x.csv",
    )
    p.add_argument("file", help="the file to open (.csv, .tsv, .parquet, .xlsx)")
    p.add_argument("--name", help="the tab's title (default: the file's name)")
    _reading_options(p)

    p = _command(
        sub, "remove-index", help="remove an imported index (bundled ones cannot be removed)"
    )
    p.add_argument("index", help="id of an imported index")

    p = _command(sub, "bookmarks", help="list, add, remove or export bookmarked cities")
    bsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    b = _command(bsub, "list", help="bookmarked cities with their rank in every index")
    b.add_argument("--list", dest="list_name", metavar="NAME", help="only this watchlist")
    _listing(b)
    b = _command(bsub, "add", help="bookmark a city (again: update its note or add it to a list)")
    b.add_argument("city", help="city name, alias or id")
    b.add_argument("--note", help="a note kept with the bookmark")
    b.add_argument("--list", dest="list_name", metavar="NAME", help="also put it on this watchlist")
    b = _command(bsub, "remove", help="remove a bookmark")
    b.add_argument("city", help="city name, alias or id (an unknown city's id works too)")
    b = _command(bsub, "export", help="bookmarks with every index's rank and source")
    b.add_argument("--list", dest="list_name", metavar="NAME", help="only this watchlist")
    _listing(b, ("csv", *(f for f in formats.TEXT if f != "csv")))

    p = sub.add_parser(
        "serve",
        help="serve the app to a web browser (needs the web extra)",
        description="Serve the app to a web browser: each browser tab gets its own session, "
        "running as this user with this user's bookmarks, state and imported indexes. Listens on "
        "loopback unless --public is given; for a trusted network only. Needs the web extra: "
        "pip install 'cityrank-tui[web]'.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a non-loopback --host (every visitor gets a full session with your files)",
    )

    p = _command(
        sub,
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for your shell: subcommands, options, format "
        "choices, index ids and file names complete with Tab. Install it with, e.g., "
        "`cityrank-tui completion bash > ~/.local/share/bash-completion/completions/cityrank-tui` "
        "(zsh: source the zsh script from ~/.zshrc; fish: write it to "
        "~/.config/fish/completions/cityrank-tui.fish).",
    )
    p.add_argument("shell", choices=("bash", "zsh", "fish"), help="bash, zsh or fish")
    return parser


# Arguments that name files: any bytes the file system allows are fine there.
PATH_ARGS = frozenset({"file", "output"})
NO_TERMINAL = (
    "cityrank-tui: the app needs a terminal (standard input and output are not one); "
    "for scripts use a command, e.g. `cityrank-tui show ici-2014 --format csv` (see --help)"
)


def _not_text(args: argparse.Namespace) -> str | None:
    """The first argument that is not valid UTF-8 text (it arrives with lone surrogates)."""
    for name, value in vars(args).items():
        if name in PATH_ARGS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return name
    return None


def has_terminal() -> bool:
    """A terminal on every stream, or Textual's web driver (a `serve` session talks over pipes)."""
    from .serve import WEB_DRIVER

    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return all(s is not None and s.isatty() for s in streams)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        return  # stdout is not a file descriptor (e.g. captured by a test): nothing to quiet


def main(argv: Sequence[str] | None = None) -> int:
    from .termout import guard_streams

    saved = guard_streams()
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # No arguments, the usual start, is the app: the parser of every subcommand is built (and
    # argparse imported) only when there is something to parse (building it took 25 ms in one
    # measurement, importing argparse 3 ms). --help, --version and usage errors exit here.
    args = build_parser().parse_args(argv) if argv else None
    from .core.errors import CityRankError

    try:
        if args is not None:
            bad = _not_text(args)
            if bad is not None:
                raise UsageError(f"the {bad} argument is not valid UTF-8 text")
            _check_outputs(args)
            if args.paths:
                from .commands_cli import print_paths

                return _finish(print_paths(args.paths_format or "table"))
            if args.paths_format and args.command is None:
                raise UsageError("--format before a command goes with --paths")
        if args is None or args.command is None:
            if not has_terminal():
                print(NO_TERMINAL, file=sys.stderr)
                return EXIT_USAGE
            # No cycle collection until the first frame is painted (the app turns it back on
            # then): at start, polars, Textual and the screen make objects by the hundred
            # thousand, and the collector kept walking them, 15-30 passes before the first frame.
            gc.disable()
            try:
                from .tui.run import run_app

                return run_app()
            finally:
                gc.enable()
        if args.command == "completion":  # made from this parser; needs nothing else
            from .completion import script

            sys.stdout.write(script(args.shell, build_parser()))
            return _finish(0)
        if args.command == "serve":  # needs neither polars nor the catalogue in this process
            from .serve import serve

            return serve(args.host, args.port, args.public)
        if args.command == "import":  # its own module: none of the other commands' imports
            _return_freed_memory()
            from .commands_import import cmd_import

            return _finish(cmd_import(args))
        from . import commands_cli

        command: Callable[[argparse.Namespace], int] = getattr(
            commands_cli, f"cmd_{args.command.replace('-', '_')}"
        )
        return _finish(command(args))
    except CityRankError as exc:
        print(f"cityrank-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `cityrank-tui show ... | head`: stop quietly, as Unix tools do
        _quiet_stdout()
        return 0
    except OSError as exc:
        if not _is_stdout_error(exc):
            return _crashed(exc, argv)
        _quiet_stdout()
        print(f"cityrank-tui: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a defect of ours: one line, the details in the crash log
        return _crashed(exc, argv)


# polars' allocator (jemalloc, whose options are read from this variable when polars is first
# imported; polars puts its own, dirty_decay_ms:500,muzzy_decay_ms:1000, before the value
# found here): memory freed and not used again within 0.1 s is given back to the system
# rather than kept for half a second and then another second (dirty, then muzzy pages). An
# import makes and drops many million-row columns: a 1M-row first import's peak RSS was
# 612-638 MiB with muzzy_decay_ms:0 alone, 574-603 MiB with this (1.59-1.62 s against
# 1.59-1.65 s, four alternated runs each on a quiet machine); 688-700 MiB with polars' own.
# dirty_decay_ms:0 gave 500 MiB but cost 0.2 s of system time (pages faulted in again).
ALLOCATOR_OPTIONS = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:100,muzzy_decay_ms:0")


def _return_freed_memory() -> None:
    """Set ALLOCATOR_OPTIONS for this process, unless the user set their own or polars is
    already imported (then it would not be read)."""
    if "polars" not in sys.modules:
        os.environ.setdefault(*ALLOCATOR_OPTIONS)


EXIT_CRASH = 70  # EX_SOFTWARE (sysexits.h): an internal error, not the user's input


def _crashed(exc: BaseException, argv: list[str]) -> int:
    from .store.crashlog import crash_line

    print(crash_line(exc, argv), file=sys.stderr)
    return EXIT_CRASH


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse --output / --report before any work: a device, FIFO, socket or folder, a missing
    folder, the file being read, or an existing file without --force (one line each)."""
    from .core.outfile import check_target

    given = getattr(args, "file", None)
    inputs = (Path(given).expanduser(),) if isinstance(given, str) else ()
    for option in ("output", "report"):
        value = getattr(args, option, None)
        if isinstance(value, str) and value:
            check_target(
                Path(value).expanduser(),
                force=bool(getattr(args, "force", False)),
                inputs=inputs,
                option=f"--{option}",
            )


def _finish(code: int) -> int:
    """Flush stdout now, so a full disk or a closed pipe is reported here, not at exit."""
    sys.stdout.flush()
    return code


def _is_stdout_error(exc: OSError) -> bool:
    """True for a failed write to stdout (a full disk, a closed terminal), not a file of ours."""
    return exc.filename is None


if __name__ == "__main__":
    raise SystemExit(main())
