"""Bring your own index: read a CSV, TSV, Parquet or Excel file, map its columns, check every
figure, link names to known cities, and hand back entries in the same shape as a bundled index.

Nothing here writes files (store/userindexes.py does). Every problem is a UsageError that says
what is wrong and where (line numbers count the header as line 1, as a spreadsheet shows them).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from ..store import userindexes
from ..store.userindexes import ID_PATTERN
from . import numbers
from .catalog import Catalog
from .errors import UsageError
from .families import CITIES_TAB_NAME
from .headers import FIELDS, GUESSES, REQUIRED, map_columns, resolve_mapping, unit_of
from .linkwords import candidates as candidate_words
from .linkwords import folded_names, lossy, lossy_line, namesakes_of, placed
from .numbers import lines as _lines
from .reading import FORMATS, UNSUPPORTED, read_table
from .schema import CITY_SCHEMA, conform
from .textnorm import fold_series, slug_series

__all__ = [
    "FIELDS",
    "FORMATS",
    "GUESSES",
    "ID_PATTERN",
    "REQUIRED",
    "map_columns",
    "read_table",
    "resolve_mapping",
]
MAX_RANK = 2**31 - 1  # ranks are stored as 32-bit integers
TEXT_FIELDS = ("tier", "country", "region", "subregion", "note", "source_url")

SHOW_BAD = 5  # offending rows listed per problem
_T = TypeVar("_T")


@dataclass
class ImportResult:
    frame: pl.DataFrame  # entries, ENTRY_SCHEMA columns
    # CITY_SCHEMA rows (and `keys`) of the GeoNames places this import links to first. The names
    # that link to nothing are cities made from their rows (userindexes.placeholder_cities).
    new_cities: pl.DataFrame
    mapping: dict[str, str]  # field -> source column
    ignored: list[str]  # source columns not used
    tiers: list[str]
    report: list[str] = field(
        default_factory=list
    )  # what a user should know (ties, missing ranks, …)
    # what linking found, for `full_report`: (unsure names, guessed places, the names of the
    # new cities made of names, a column `name`: what the report lists of them, and how many)
    linked: tuple[pl.Series, pl.DataFrame, pl.DataFrame, pl.Series] | None = None
    score_decimals: int = 0  # the file's own precision of its scores (numbers.precision)
    # the rows of `frame` the new cities are made of (userindexes.new_city_rows), for `save`
    made_rows: pl.Series | None = None
    # the hashes of their keys when linking had them (save stores them, userindexes.KEY_HASH)
    made_hashes: pl.Series | None = None

    @property
    def full_report(self) -> list[str]:
        """The report with every name listed (`import --report FILE`): made only when asked
        for, as a million new names make a long text."""
        if self.linked is None:
            return self.report
        unsure, guessed, made, namesakes = self.linked
        shown = link_report(self.frame, self.new_cities, made, unsure, guessed, namesakes=namesakes)
        full = link_report(
            self.frame, self.new_cities, made, unsure, guessed, cap=None, namesakes=namesakes
        )
        return [*self.report[: len(self.report) - len(shown)], *full]


Progress = Callable[[str], None]


def check_id(index_id: str, catalog: Catalog) -> None:
    problem = userindexes.id_problem(index_id)
    if problem:
        raise UsageError(problem)
    if index_id == CITIES_TAB_NAME:
        raise UsageError(
            f"{index_id!r} names the Cities tab (config.toml's start_tab); choose another id"
        )
    info = catalog.indexes.get(index_id)
    if info is not None and info.bundled:
        raise UsageError(f"{index_id!r} is a bundled index; choose another id for your import")


def build(
    catalog: Catalog,
    index_id: str,
    table: pl.DataFrame,
    mapping: dict[str, str],
    tiers: list[str] | None = None,
    progress: Progress | None = None,
    source: str = "",
) -> ImportResult:
    """Turn a read table into checked entries. Raises UsageError naming the first problem."""
    say = progress or (lambda message: None)
    entries = _checked(table, mapping, tiers, "imported", say)
    report = [*entries.notes, *entries.remarks]
    started = time.perf_counter()
    frame, places, unsure, guessed, namesakes, made_found = _link_cities(
        catalog, entries.frame, index_id, entries.folded
    )
    full = _finished(frame, entries, index_id, source)
    del frame  # the rows as linked, before `_finished`: held no longer than needed
    # the new cities' first rows (save stores their keys' hashes): as linking found them when
    # `_finished` kept the rows in place (a file in rank order), else found again
    made_rows, made_hashes = made_found if entries.in_order else (None, None)
    if made_rows is None:
        made_rows = userindexes.new_city_rows(full, index_id)
    # the names of the new cities made of names: all the report needs of them (the cities
    # themselves, userindexes.placeholders_at, are not held through `save`)
    made = full.select("name")[made_rows]
    say(f"linked names to cities ({time.perf_counter() - started:.1f} s)")
    taken = placed(full, catalog.city_keys, places, catalog.places)
    if taken.len():
        report.append(
            f"{taken.len():,} {'name was' if taken.len() == 1 else 'names were'} linked to a "
            f"place GeoNames shares the name of, said with its state or province: "
            f"{_names(taken.to_list(), LISTED)}"
        )
    report.extend(link_report(full, places, made, unsure, guessed, namesakes=namesakes))
    ignored = [c for c in table.columns if c not in mapping.values()]
    return ImportResult(
        full,
        places,
        mapping,
        ignored,
        entries.tier_order,
        report,
        (unsure, guessed, made, namesakes),
        entries.score_decimals,
        made_rows,
        made_hashes,
    )


@dataclass(frozen=True)
class _Checked:
    """A mapped table's rows, checked and read, before any linking (what build and unlinked share)."""

    frame: pl.DataFrame  # rank, name, score and the mapped text fields, in the file's order
    tier_order: list[str]  # the tiers best first
    notes: list[str]  # how figures were read (decimal commas, thousands separators)
    remarks: list[str]  # rows without a rank, shared ranks
    in_order: bool  # the ranked rows already increase and none lacks a rank: no sort needed
    score_decimals: int  # the file's own precision of its scores (numbers.precision)
    folded: pl.Series  # the names folded (textnorm.fold_series): linked and searched by


def _checked(
    table: pl.DataFrame,
    mapping: dict[str, str],
    tiers: list[str] | None,
    verb: str,
    say: Progress,
) -> _Checked:
    """Check and read a mapped table's rank, score, name and text columns. UsageError naming the
    first problem (`verb`: what cannot be done with a bad column, "imported" or "read"), and
    the names folded too. The names (and their folding) are read in a thread of their
    own while the figures and other text fields are read here (polars works on both at once),
    each problem said in the same order."""
    if table.height == 0:
        raise UsageError("the file has no rows")
    for fld, column in mapping.items():
        dtype = table.schema[column]
        if isinstance(dtype, UNSUPPORTED) or dtype == pl.Binary:
            raise UsageError(
                f"column {column!r} (for {fld}) holds {dtype} values, not text or numbers, "
                f"so it cannot be {verb}; map another column with --map"
            )
    started = time.perf_counter()
    # each column under its field's name: polars' text methods read a column's own name as a
    # pattern when it looks like one (`^City$`), and then find no column at all
    cells = {fld: table[column].alias(fld) for fld, column in mapping.items()}
    texts = _in_thread(lambda: _texts(table, mapping, cells))
    parsed = numbers.parse(cells["rank"], mapping["rank"], "rank", integer=True)
    rank, notes = parsed.values, [parsed.note]
    for bad, what in ((rank < 1, "1 or more"), (rank > MAX_RANK, f"at most {MAX_RANK:,}")):
        bad = bad.fill_null(False)
        if bad.any():
            raise UsageError(f"ranks must be {what} (lines {', '.join(map(str, _lines(bad)))})")
    if "score" in mapping:
        parsed = numbers.parse(cells["score"], mapping["score"], "score")
        score, notes, decimals = parsed.values, [*notes, parsed.note], parsed.decimals
    else:
        decimals = 0
        score = pl.Series([None] * table.height, dtype=pl.Float64)
    fields = _fields(table, mapping, cells)
    names, folded = texts.result()
    empty = names.is_null() | (names == "")
    if empty.any():
        raise UsageError(
            f"{empty.sum()} row(s) have no name (lines {', '.join(map(str, _lines(empty)))})"
        )
    say(f"checked {table.height:,} ranks and scores ({time.perf_counter() - started:.1f} s)")
    remarks: list[str] = []
    if rank.null_count():
        remarks.append(
            f"{rank.null_count():,} {'row has' if rank.null_count() == 1 else 'rows have'} no "
            "rank: kept, listed after the ranked rows"
        )
    ranked = rank.drop_nulls().cast(pl.Int32)
    increasing = ranked.len() < 2 or bool((ranked.diff().drop_nulls() > 0).all())
    ties = ranked.is_duplicated() if not increasing else None
    if ties is not None and ties.any():
        tied = ranked.filter(ties).unique().sort()
        remarks.append(
            f"{tied.len():,} {'rank is' if tied.len() == 1 else 'ranks are'} shared by several "
            "rows (kept as ties), e.g. "
            f"{', '.join(map(str, tied.head(5).to_list()))}"
        )
    columns = {"rank": rank.cast(pl.Int32), "name": names, "score": score.cast(pl.Float64)}
    frame = pl.DataFrame({**columns, **fields})
    return _Checked(
        frame,
        _tiers(frame, tiers),
        [note for note in notes if note],
        remarks,
        increasing and not rank.null_count(),
        decimals,
        folded,
    )


def _texts(
    table: pl.DataFrame, mapping: dict[str, str], cells: dict[str, pl.Series]
) -> tuple[pl.Series, pl.Series]:
    """The names as checked (trimmed, unguarded), and folded."""
    padded = _padded(table, [mapping["name"]])
    names = _unguard(_stripped(cells["name"], padded.get(mapping["name"])))
    return names, fold_series(names)


def _fields(
    table: pl.DataFrame, mapping: dict[str, str], cells: dict[str, pl.Series]
) -> dict[str, pl.Series]:
    """The mapped text fields as checked (trimmed, unguarded, a blank field missing)."""
    padded = _padded(table, [mapping[f] for f in TEXT_FIELDS if f in mapping])
    fields = {}
    for fld in TEXT_FIELDS:
        if fld in mapping:
            values = _unguard(_stripped(cells[fld], padded.get(mapping[fld])))
            if (values == "").any():
                values = pl.select(pl.when(values == "").then(None).otherwise(values)).to_series()
            fields[fld] = values
    return fields


def _in_thread(work: Callable[[], _T]) -> Future[_T]:
    """`work` run in a daemon thread (polars lets go of the GIL while it works); its result, or
    what it raised, is the future's."""
    done: Future[_T] = Future()

    def run() -> None:
        try:
            done.set_result(work())
        except BaseException as exc:  # handed to whoever waits for the result
            done.set_exception(exc)

    threading.Thread(target=run, name="import-texts", daemon=True).start()
    return done


def _finished(frame: pl.DataFrame, entries: _Checked, index_id: str, source: str) -> pl.DataFrame:
    """The entries as stored: each row's source (the file's own column, else `source`), the
    index id and the tier order, conformed and in rank order."""
    # a value the same on every row is made once as a column (a literal spread by with_columns
    # costs ~10 ms a column at a million rows)
    own = pl.repeat(source or None, frame.height, dtype=pl.String, eager=True)
    frame = frame.with_columns(
        (
            pl.coalesce("source_url", pl.lit(own)) if "source_url" in frame.columns else pl.lit(own)
        ).alias("source_url"),
        pl.lit(pl.repeat(index_id, frame.height, dtype=pl.String, eager=True)).alias("index"),
        (
            _tier_codes({t: n for n, t in enumerate(entries.tier_order, 1)})
            if "tier" in frame.columns
            else pl.lit(None, dtype=pl.Int8)
        ).alias("tier_order"),
    )
    full = conform(frame)
    if not entries.in_order:  # else the file is in rank order already
        full = full.sort("rank", "name", nulls_last=True, maintain_order=True)
    return full


def _tier_codes(codes: dict[str, int]) -> pl.Expr:
    """Each row's tier as its place in the tier order (missing for no tier): a comparison per
    tier for the usual few (~two thirds of the cost of `replace_strict` at a million rows)."""
    if not codes or len(codes) > 8:
        return pl.col("tier").replace_strict(codes, default=None, return_dtype=pl.Int8)
    codes_expr = pl.lit(None, dtype=pl.Int8)
    for tier, code in reversed(codes.items()):  # the first tier's test made first
        codes_expr = (
            pl.when(pl.col("tier") == tier).then(pl.lit(code, dtype=pl.Int8)).otherwise(codes_expr)
        )
    return codes_expr


# What polars' strip_chars() trims: Unicode White_Space (tests/unit/test_padded_columns.py
# finds the same set by trimming every character), and the first and last bytes of its UTF-8
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITE_SPACE += "\u2028\u2029\u202f\u205f\u3000"
_FIRST_BYTES = sorted({c.encode()[0] for c in WHITE_SPACE})
_LAST_BYTES = sorted({c.encode()[-1] for c in WHITE_SPACE})


def _padded(table: pl.DataFrame, columns: list[str]) -> dict[str, bool]:
    """For each text column, whether a cell has white space at either end (a column that is not
    text is not here). Only the cells whose first or last byte can belong to white space are
    trimmed to know (a byte at each end is looked at, not the whole text copied), all the
    columns in one pass that polars makes side by side."""
    texts = [c for c in dict.fromkeys(columns) if table.schema[c] == pl.String]
    if not texts:
        return {}
    cells = pl.DataFrame([table[c].alias(str(n)) for n, c in enumerate(texts)])
    ends = cells.select(
        (
            pl.col(name).cast(pl.Binary).bin.get(0, null_on_oob=True).is_in(_FIRST_BYTES)
            | pl.col(name).cast(pl.Binary).bin.get(-1, null_on_oob=True).is_in(_LAST_BYTES)
        ).fill_null(False)
        for name in cells.columns
    )
    found = {}
    for name, column in zip(cells.columns, texts, strict=True):
        maybe = cells[name].filter(ends[name])
        found[column] = bool(
            maybe.str.strip_chars().str.len_bytes().sum() != maybe.str.len_bytes().sum()
        )
    return found


def _stripped(values: pl.Series, padded: bool | None = None) -> pl.Series:
    """`values.str.strip_chars()`; the column as read when no cell had white space to strip, so
    that the checked rows share the read table's texts rather than hold a copy beside them.
    `padded`: whether a cell has any (`_padded`), when known."""
    if padded is False:
        return values
    stripped = values.str.strip_chars()
    if padded:
        return stripped
    if stripped.str.len_bytes().sum() == values.str.len_bytes().sum():
        return values
    return stripped


def _unguard(values: pl.Series) -> pl.Series:
    """Undo the `'` our CSV exports put before a cell starting with = + - @ (formula injection
    guard), so that an export imports back as it was."""
    if not values.str.starts_with("'").any():
        return values  # nothing guarded: no pattern to run over every cell
    return values.str.replace(r"^'([=+\-@\t\r])", "$1")


def _tiers(frame: pl.DataFrame, given: list[str] | None) -> list[str]:
    if "tier" not in frame.columns:
        if given:
            raise UsageError("--tiers given but no tier column is mapped (--map tier=COLUMN)")
        return []
    in_order = frame["rank"].null_count() == 0 and frame["rank"].is_sorted()
    present = (
        (frame if in_order else frame.sort("rank", nulls_last=True))["tier"]
        .drop_nulls()
        .unique(maintain_order=True)
        .to_list()
    )
    if not given:
        return present  # in the order they first appear down the ranking
    unknown = [t for t in present if t not in given]
    if unknown:
        raise UsageError(
            f"tier values not in --tiers: {', '.join(unknown[:SHOW_BAD])}; "
            f"--tiers lists {', '.join(given)}"
        )
    return list(given)


LISTED = 20  # names listed on screen per kind; `import --report FILE` writes them all


def _names(names: list[str], cap: int | None, total: int | None = None) -> str:
    """The first `cap` of names (all with cap=None); `total` counts them when only the first
    `cap` are given."""
    total = len(names) if total is None else total
    if cap is None or total <= cap:
        return "; ".join(names)
    return "; ".join(names[:cap]) + f"; … and {total - cap:,} more (--report FILE lists all)"


def link_report(
    frame: pl.DataFrame,
    places_new: pl.DataFrame,
    made: pl.DataFrame,
    unsure: pl.Series,
    guessed: pl.DataFrame,
    cap: int | None = LISTED,
    namesakes: pl.Series | None = None,
) -> list[str]:
    """What linking did, naming the names that were not linked for certain: the first `cap` of
    each kind (all of them with cap=None, for `import --report FILE`). `places_new`: the
    GeoNames places first linked; `made`: the new cities made of names (their `name`s)."""
    n_placeholders = made.height
    places = places_new.height
    lines = []
    if unsure.len():
        lines.append(
            f"{unsure.len():,} names match several known cities, and no country given for the "
            f"row tells them apart: {_names(unsure.to_list(), cap)}. Kept as new cities; give "
            "each row its country (map a country column) to link them"
        )
    if guessed.height:
        said = (
            guessed.select(
                pl.concat_str(
                    [pl.col("name"), pl.lit(" -> "), pl.col("city_id"), pl.lit(", of: "), "_of"],
                    ignore_nulls=True,
                )
            )
            .to_series()
            .to_list()
            if "_of" in guessed.columns
            else [f"{n} -> {c}" for n, c, *_ in guessed.iter_rows()]
        )
        lines.append(
            f"{guessed.height:,} names match several GeoNames places; the most populous was "
            f"taken (give a country to choose): {_names(said, cap)}"
        )
    if namesakes is not None and namesakes.len():
        lines.append(
            f"{namesakes.len():,} "
            f"{'name without a country was' if namesakes.len() == 1 else 'names without a country were'}"
            " linked to the known city of that name, though GeoNames has other places so named "
            "(give the row's country to link "
            f"another): {_names(namesakes.to_list(), cap)}"
        )
    damaged = lossy(frame["name"])
    if damaged.len():
        lines.append(lossy_line(damaged, _names(damaged.to_list(), cap)))
    linked = frame.height - n_placeholders
    line = (
        f"{linked:,} of {frame.height:,} names linked to cities ({places:,} of them to GeoNames "
        f"places not in any bundled index); {n_placeholders:,} kept as new cities"
    )
    if n_placeholders:
        # only the names shown are made Python strings: a million new names are not listed
        shown = made["name"] if cap is None else made["name"].head(cap)
        line += f": {_names(shown.to_list(), cap, n_placeholders)}"
    lines.append(line)
    return lines


def _link_cities(
    catalog: Catalog, frame: pl.DataFrame, index_id: str, folded: pl.Series
) -> tuple[
    pl.DataFrame, pl.DataFrame, pl.Series, pl.DataFrame, pl.Series, tuple[pl.Series, pl.Series]
]:
    """Match each name (accent- and case-insensitive, aliases too) to one known city, in the row's
    country when one is given; names matching none are kept as new cities, never dropped.
    Also returns the names that matched several cities with no country to decide between them,
    and each new city's first row (a position in `frame`) with the hash of its key.

    Costs grow with this file, not with earlier imports: names are folded once each (most are
    plain ASCII: lower-cased and trimmed), country cells once per distinct cell, and the names
    of known cities come folded from the catalogue (imported ones as their import stored them).
    Only rows that match something go through the choosing; the rest are hash lookups.
    `folded`: the names folded (fold_series), as `_checked` gives them."""
    # Cities this id's previous import created are not known to its re-import: otherwise it
    # links its names to those, keeps no cities file of its own, and leaves them orphaned.
    cities = catalog.city_keys.filter(pl.col("source").ne_missing(index_id)).drop("source")
    rows = pl.DataFrame(
        {"_row": pl.int_range(frame.height, dtype=pl.UInt32, eager=True)}
    ).with_columns(_key=folded)
    # The new cities of earlier imports one of these names may link to, each with its one key
    # (files written before they were made from the entries hold them in `city_keys` already).
    earlier = catalog.placeholder_keys(rows["_key"], skip=index_id)
    if earlier.height and cities["city_id"].str.contains(":", literal=True).any():
        earlier = earlier.join(cities, on="city_id", how="anti")
    rows = pl.concat([rows, _row_countries(catalog, frame)], how="horizontal")
    # What a link gives a row (its city's name, country, regions and names searched), once per
    # city in `info`: the match carries only a city's position there (`_info`), and each row
    # takes its fields from there at the end (a million matched rows carry no texts around).
    city_info = _link_fields(
        cities.unique("city_id", keep="first", maintain_order=True),
        pl.col("keys").list.join(" | "),
    )
    # an earlier import's new city has one key and one row (its id's first): no duplicates
    earlier_info = _link_fields(earlier, pl.col("key"))
    city_keys = (
        cities.select("city_id", key="keys")
        .explode("key")
        .unique(["key", "city_id"], keep="first", maintain_order=True)
        .join(
            city_info.select("city_id", "_iso").with_row_index("_info"),
            on="city_id",
            how="left",
            maintain_order="left",
        )
    )
    earlier_keys = earlier.select("city_id", "key", pl.col("country_iso2").alias("_iso"))
    earlier_keys = earlier_keys.with_row_index("_info", offset=city_info.height)
    columns = ["key", "city_id", "_iso", "_info"]
    keys = pl.concat([city_keys.select(columns), earlier_keys.select(columns)])
    del earlier, earlier_keys, city_keys  # a later import's 900k earlier cities: held once
    # A row that names a country links only to a city in that country: 'London' with 'Canada'
    # is not London, England, even when that is the only known London; it goes on to the
    # GeoNames places of Canada. A city is kept when it is the only one left for the row.
    rows_keys = rows.select("_row", "_key", "country_iso2")
    candidates = _joined_by_key(rows_keys, keys).filter(
        pl.col("country_iso2").is_null() | (pl.col("country_iso2") == pl.col("_iso"))
    )
    several = pl.len().over("_row") > 1
    chosen = candidates.filter(~several).select("_row", "city_id", "_info")
    alike = candidates.filter(several).select("_row", "city_id")
    ambiguous = alike["_row"].unique()
    # the rows that matched no city (`_row` is a row's position): a mask, not an anti join
    matched = pl.repeat(False, frame.height, eager=True).scatter(candidates["_row"], True)
    open_rows = rows_keys.filter(~matched)
    del keys, candidates  # each row's matches are in chosen, alike and open_rows now
    place_links, places, place_unsure, place_alike = _link_places(catalog, cities, open_rows)
    # A place's own country and regions; its name and names searched when a known city stands
    # for it (same GeoNames id), else the row's own.
    place_info = place_links.join(
        city_info.select("city_id", "_canon", "_aliases"),
        on="city_id",
        how="left",
        maintain_order="left",  # row for row with place_links: their positions are _info
    ).select(city_info.columns)
    info = pl.concat([city_info, earlier_info, place_info])
    links = pl.concat(
        [
            chosen.select("_row", "_info"),
            place_links.select("_row").with_columns(
                _info=pl.int_range(pl.len(), dtype=pl.UInt32)
                + (city_info.height + earlier_info.height)
            ),
        ]
    )
    # One link per linked row; each output column is made from them and the rows' own fields.
    out, made_first, made_hashes = _output(frame, rows, info, links, index_id)
    del rows, info, links
    new = places.filter(pl.col("city_id").is_in(place_links["city_id"].implode()))
    unsure = (
        candidate_words(alike, _described(cities, earlier_info, alike), catalog.places)
        .join(frame.select("name").with_row_index("_row"), on="_row", how="left")
        .select(pl.format("{} ({})", "name", "_of"))
        .to_series()
        .unique(maintain_order=True)
        if ambiguous.len()
        else pl.Series("name", [], dtype=pl.String)
    )
    guessed = (  # only the rows guessed: no million first ids made to keep none of them
        out[place_unsure.sort()]
        .select("name", pl.col("city_ids").list.first().alias("city_id"))
        .with_columns(_row=place_unsure.sort())
    )
    if guessed.height:
        guessed = guessed.join(
            candidate_words(place_alike, cities, catalog.places), on="_row", how="left"
        )
    guessed = guessed.drop("_row").unique(["name", "city_id"], maintain_order=True)
    namesakes = namesakes_of(
        catalog.places, cities, rows_keys, chosen.select("_row", "city_id"), frame["name"]
    )
    return out, new, unsure, guessed, namesakes, (made_first, made_hashes)


def _joined_by_key(rows: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """`rows.join(keys, left_on="_key", right_on="key")`, joined by the keys' 64-bit hashes and
    then checked as texts (a pair whose hashes alone agree is dropped): the same pairs, at less
    than half the cost when a million names meet a million keys (a later import's)."""
    hashed = rows.with_columns(_h=pl.col("_key").hash())
    return (
        hashed.join(keys.with_columns(_h=pl.col("key").hash()), on="_h")
        .filter(pl.col("_key") == pl.col("key"))
        .drop("_h", "key")
    )


def _output(
    frame: pl.DataFrame, rows: pl.DataFrame, info: pl.DataFrame, links: pl.DataFrame, index_id: str
) -> tuple[pl.DataFrame, pl.Series, pl.Series]:
    """The entries with their links: the file's columns, then each row's country and regions
    (its link's, else its own), city ids, city names and search text. `rows`: each row's folded
    name (_key) and own country fields; `links`: _row and _info, one line per linked row (its
    link's position in `info`); a row not among them links to nothing: a new city
    `<index_id>:<slug>-<country>`, made of those rows alone. When most rows link, each link
    field is gathered for every row (missing where a row links to nothing) and the rows' own
    fields fill the gaps; else each column starts as the rows' own fields and the links' are
    put in at the linked rows only (a million rows of new cities gather no link fields). One
    column is made at a time, so that no million-row copy of every link field is held. Also
    returns the first row of each new city (the positions `new_city_rows` finds) and the
    hashes of their keys (userindexes.KEY_HASH)."""
    n = frame.height
    at = links["_row"]
    most = at.len() * 2 > n
    # most rows linked: each row's position in `info` (missing where it links to nothing)
    where = pl.Series("_info", [], pl.UInt32).extend_constant(None, n).scatter(at, links["_info"])

    def link(field: str) -> pl.Series:
        """The links' `field`: for every row when most rows link, else at the rows `at`."""
        return info[field].gather(where if most else links["_info"])

    def either(name: str, field: str, own: pl.Series) -> pl.Series:
        """The link's value, else the row's own."""
        if at.is_empty():
            return own.alias(name)
        if own.null_count() == n:  # the rows say nothing of it: the links' alone
            return info[field].gather(where).alias(name)
        if most:
            both = pl.DataFrame([link(field).alias("a"), own.alias("b")])
            return both.select(pl.coalesce("a", "b").alias(name)).to_series()
        both = pl.DataFrame([link(field).alias("a"), own.gather(at).alias("b")])
        return own.clone().scatter(at, both.select(pl.coalesce("a", "b")).to_series()).alias(name)

    columns = [frame[c] for c in frame.columns if c not in ("region", "subregion")]
    iso = either("country_iso2", "_iso", rows["country_iso2"])
    columns += [
        iso,
        either("country_name", "_cname", rows["country_name"]),
        either("region", "_reg", rows["region"]),
        either("subregion", "_sub", rows["subregion"]),
    ]
    # A new city's id, `<index_id>:<slug>-<country>`: made for every row when most rows link
    # to nothing (the linked rows' ids are then put in), else only for the rows that do not.
    made = None if not most else where.is_null().arg_true()
    keys, isos = (
        (rows["_key"], iso) if made is None else (rows["_key"].gather(made), iso.gather(made))
    )
    ids = _new_ids(index_id, keys, isos) if keys.len() else keys
    if made is not None:
        ids = link("city_id").scatter(made, ids) if made.len() else link("city_id")
    elif at.len():
        ids = ids.scatter(at, link("city_id"))
    # one id per row: a one-element list each, made of the ids' offsets (no copy of the texts)
    columns.append(ids.reshape((-1, 1)).cast(pl.List(pl.String)).alias("city_ids"))
    columns.append(either("city_names", "_canon", frame["name"]))
    # a row searches by its own name and its city's names: 'key | aliases' ('key | ' for a
    # row that links to nothing)
    keys = rows["_key"] if most or at.is_empty() else rows["_key"].gather(at)
    searched = _searched(keys, link("_aliases")) if at.len() else None
    if most and searched is not None:
        search = searched
    else:
        search = rows.select(pl.format("{} | ", "_key")).to_series()
        if searched is not None:
            search = search.scatter(at, searched)
    columns.append(search.alias("search_text"))
    # each new city's first row (userindexes.new_city_rows, found here from the ids as made),
    # and the hashes of their keys, which save stores (the key its search text starts with)
    made = where.is_null().arg_true() if made is None else made
    firsts = made.gather(userindexes.first_rows(ids.gather(made)))
    return pl.DataFrame(columns), firsts, userindexes.key_hashes(rows["_key"].gather(firsts))


def _searched(keys: pl.Series, aliases: pl.Series) -> pl.Series:
    """'key | aliases' for each key ('key | ' where aliases are missing): one format, the
    missing ones put in after (a concat_str with fill_null took twice as long at 1M rows)."""
    both = pl.DataFrame([keys.alias("k"), aliases.alias("a")])
    texts = both.select(pl.format("{} | {}", "k", "a")).to_series()
    gaps = aliases.is_null().arg_true()
    if gaps.is_empty():
        return texts
    return texts.scatter(gaps, both[gaps].select(pl.format("{} | ", "k")).to_series())


def _new_ids(index_id: str, keys: pl.Series, isos: pl.Series) -> pl.Series:
    """`<index_id>:<slug of key>-<country code, lower case, or xx>` for each key: made in one
    form for every row (the more common: with a country or without), then the others put in."""
    parts = pl.DataFrame([slug_series(keys).alias("s"), isos.alias("i")])
    with_code = pl.format(f"{index_id}:{{}}-{{}}", "s", pl.col("i").str.to_lowercase())
    without = pl.format(f"{index_id}:{{}}-xx", "s")
    named = isos.is_not_null()
    most_named = named.sum() * 2 > named.len()
    ids = parts.select(with_code if most_named else without).to_series()
    others = (~named if most_named else named).arg_true()
    if others.is_empty():
        return ids
    return ids.scatter(
        others, parts[others].select(without if most_named else with_code).to_series()
    )


def _row_countries(catalog: Catalog, frame: pl.DataFrame) -> pl.DataFrame:
    """Each row's country as its country cell says (ISO code, name, UN M49 region): each
    distinct cell is folded and looked up once. A region or sub-region column the file maps
    is what the row says of those; without a country column a row says nothing."""
    names = ("country_iso2", "country_name", "region", "subregion")
    if "country" not in frame.columns:
        return pl.DataFrame({c: pl.Series(c, [None] * frame.height, pl.String) for c in names})
    cells = frame.select(pl.col("country").unique().drop_nulls())
    known = cells.with_columns(_ckey=fold_series(cells["country"])).join(
        _countries(catalog), left_on="_ckey", right_on="key", how="inner"
    )  # a cell folds to one key, which names at most one country
    if known.is_empty():  # no cell names a country: no million-row join to learn that
        found = pl.DataFrame(
            [pl.Series(c, [], pl.String).extend_constant(None, frame.height) for c in names]
        )
    else:  # each row's cell's position among the known ones, then their fields at it
        at = frame["country"].replace_strict(
            known["country"],
            pl.int_range(known.height, dtype=pl.UInt32, eager=True),
            default=None,
            return_dtype=pl.UInt32,
        )
        found = pl.DataFrame([known[c].gather(at) for c in names])
    for own in ("region", "subregion"):  # a column the user mapped stays the row's own
        if own in frame.columns:
            found = found.with_columns(frame[own])
    return found.select(names)


def _countries(catalog: Catalog) -> pl.DataFrame:
    """Every ISO country's names, aliases and codes (folded) -> ISO code, name, UN M49 region."""
    known = catalog.countries.select(
        pl.col("iso2").alias("country_iso2"),
        pl.col("name").alias("country_name"),
        pl.col("m49_region").alias("region"),
        pl.col("m49_subregion").alias("subregion"),
        key=pl.concat_list(
            pl.col("name"), pl.col("iso2"), pl.col("iso3"), pl.col("aliases").str.split("|")
        ),
    )
    keys = known.explode("key").drop_nulls("key").filter(pl.col("key") != "")
    keys = keys.with_columns(key=fold_series(keys["key"]))
    # a key two countries share decides neither
    return keys.unique(["key", "country_iso2"]).filter(pl.len().over("key") == 1)


def _with_city_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """CITY_SCHEMA columns in order, then the folded names (`keys`) a later import links by."""
    columns = {**CITY_SCHEMA, "keys": pl.List(pl.String)}
    return (
        frame.with_columns(
            pl.lit(None, dtype=t).alias(c) for c, t in columns.items() if c not in frame.columns
        )
        .select(list(columns))
        .cast(pl.Schema(columns))
    )


def _link_places(
    catalog: Catalog, cities: pl.DataFrame, open_rows: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series, pl.DataFrame]:
    """Names no known city matched, linked to a GeoNames place: by its main name, and, for a
    row that gives the place's country, by its other Latin names too (GeoNames lists old names
    and nicknames among them: 'Francisco' is an old name of Amancio, Cuba, not what a file
    naming no country means); the most populous of several, which are reported as ambiguous.
    Returns the links (_row, city_id and the place's country and regions as _iso, _cname,
    _reg, _sub), the new cities those places become, the rows whose match was ambiguous and
    their candidates (_row, geonameid). `cities` are the known ones (Catalog.city_keys)."""
    empty = pl.Series("_row", [], dtype=pl.UInt32)
    none = pl.DataFrame(
        schema={"_row": pl.UInt32, "city_id": pl.String}
        | {c: pl.String for c in ("_iso", "_cname", "_reg", "_sub")}
    )
    no_pairs = pl.DataFrame(schema={"_row": pl.UInt32, "geonameid": pl.Int64})
    if open_rows.is_empty():
        return none, _with_city_columns(pl.DataFrame()), empty, no_pairs
    places = catalog.places
    names = places.select("geonameid", key=folded_names(places), level=pl.lit(0))
    # other names count only for a row naming the place's country: only the places of the
    # countries these rows name have theirs folded (none for a file without a country column)
    named = open_rows["country_iso2"].drop_nulls().unique()
    alts = (
        places.filter(pl.col("country_iso2").is_in(named.implode()))
        .select("geonameid", key=pl.col("aliases"), level=pl.lit(1))
        .explode("key")
        .drop_nulls("key")
    )
    alts = alts.with_columns(key=fold_series(alts["key"]))
    place_keys = pl.concat([names, alts]).unique(["key", "geonameid"], keep="first")
    found = (
        _joined_by_key(open_rows, place_keys)
        .join(
            places.select("geonameid", "population", pl.col("country_iso2").alias("_iso")),
            on="geonameid",
        )
        .filter(
            (pl.col("country_iso2").is_null() & (pl.col("level") == 0))
            | (pl.col("country_iso2") == pl.col("_iso"))
        )
    )
    if found.is_empty():
        return none, _with_city_columns(pl.DataFrame()), empty, no_pairs
    best_level = found.group_by("_row").agg(pl.col("level").min().alias("_best"))
    found = found.join(best_level, on="_row").filter(pl.col("level") == pl.col("_best"))
    alike = found.filter(pl.len().over("_row") > 1).select("_row", "geonameid")
    unsure = alike["_row"].unique()
    chosen = found.sort(
        ["population", "geonameid"], descending=[True, False], nulls_last=True
    ).unique("_row", keep="first")
    picked = places.join(chosen.select("geonameid").unique(), on="geonameid")
    geo = _countries_by_iso(catalog)
    ids = picked.join(geo, on="country_iso2", how="left").with_columns(
        city_id=pl.concat_str(
            [
                slug_series(fold_series(picked["name"])),
                pl.col("country_iso2").str.to_lowercase(),
            ],
            separator="-",
        )
    )
    # A place a known city already stands for (same GeoNames id) links to that city.
    same_place = (
        cities.join(ids.select("geonameid"), on="geonameid", how="semi")
        .select("geonameid", pl.col("city_id").alias("_bundled"))
        .unique(maintain_order=True)
    )
    ids = ids.join(same_place, on="geonameid", how="left")
    taken = cities.join(ids.select("city_id"), on="city_id", how="semi")["city_id"]
    ids = ids.with_columns(
        city_id=pl.when(pl.col("city_id").is_in(taken.implode()))
        .then(
            pl.concat_str([pl.col("city_id"), pl.col("geonameid").cast(pl.String)], separator="-")
        )
        .otherwise(pl.col("city_id"))
    ).with_columns(city_id=pl.coalesce("_bundled", "city_id"))
    new = _with_city_columns(ids.filter(pl.col("_bundled").is_null()))
    new = new.with_columns(keys=userindexes.city_keys(new)["keys"])
    link = chosen.select("_row", "geonameid").join(
        ids.select(
            "geonameid",
            "city_id",
            pl.col("country_iso2").alias("_iso"),
            pl.col("country").alias("_cname"),
            pl.col("region").alias("_reg"),
            pl.col("subregion").alias("_sub"),
        ),
        on="geonameid",
    )
    return link.drop("geonameid"), new, unsure, alike


def _countries_by_iso(catalog: Catalog) -> pl.DataFrame:
    return catalog.countries.select(
        pl.col("iso2").alias("country_iso2"),
        pl.col("name").alias("country"),
        pl.col("m49_region").alias("region"),
        pl.col("m49_subregion").alias("subregion"),
    )


def measures(scored: bool, decimals: int) -> list[dict[str, Any]]:
    """An imported or opened file's measures: its rank, and its score at the file's own
    precision (numbers.precision: `80,0` among `81,25` shows 80.00, never 80)."""
    out: list[dict[str, Any]] = [
        {
            "id": "rank",
            "label": "Rank",
            "kind": "rank",
            "better": "lower",
            "meaning": "Rank as written in the file.",
        }
    ]
    if scored:
        out.append(
            {
                "id": "score",
                "label": "Score",
                "kind": "score",
                "better": "higher",
                "decimals": decimals,
            }
        )
    return out


def default_meta(
    index_id: str,
    name: str,
    result: ImportResult,
    edition: int | None,
    attribution: str | None,
    source: Path,
) -> dict[str, Any]:
    """Metadata for an imported index, written beside its entries."""
    has = set(result.mapping)
    columns = [
        "rank",
        "name",
        *(c for c in ("tier", "score", "country", "subregion", "note") if c in has),
    ]
    if "country" not in has and result.frame["subregion"].is_not_null().any():
        columns += ["country", "subregion"]
    ranked = result.frame["rank"].drop_nulls()
    return {
        "name": name,
        "short_name": name[:24],
        "publisher": "(imported)",
        "edition": edition or 0,
        "universe_size": max(int(ranked.max() or 0), result.frame.height),  # type: ignore[arg-type]
        "universe_unit": "entries",
        "tiers": result.tiers,
        "score_scale": (unit_of(result.mapping["score"]) or "") if "score" in has else "",
        "columns": columns,
        "full_columns": ["rank", "score"] if "score" in has else ["rank"],
        "full_label": "with rank and score" if "score" in has else "with a rank",
        "attribution": attribution
        or f"Imported by the user from {source.name}; check the publisher's terms.",
        "methodology": f"Imported from {source.name}. Columns: "
        + ", ".join(f"{f} = {c!r}" for f, c in result.mapping.items()),
        "gaps": "",
        "source_urls": [],
        "measures_json": json.dumps(measures("score" in has, result.score_decimals)),
        "imported_from": str(source),
        "imported_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def unlinked(
    table: pl.DataFrame,
    mapping: dict[str, str],
    tiers: list[str] | None = None,
    index_id: str = "",
    source: str = "",
) -> tuple[pl.DataFrame, list[str], list[str], int]:
    """`build` without linking names to cities: the same checks, figures, rows and order, with
    no city yet (`city_ids` empty, searched by the name itself). Returns the entries, the tiers
    best first and how figures were read. `open FILE` shows this at once while `build` links in
    the background (tests/unit/test_opened.py checks both give the same rows in the same order).
    Also the scores' precision (numbers.precision), as build gives it."""
    entries = _checked(table, mapping, tiers, "read", lambda message: None)
    said = [*entries.notes, *entries.remarks]  # what import says too: shared ranks, no rank
    frame = entries.frame.with_columns(
        pl.lit([], dtype=pl.List(pl.String)).alias("city_ids"),
        entries.folded.alias("search_text"),
    )
    finished = _finished(frame, entries, index_id, source)
    return finished, entries.tier_order, said, entries.score_decimals


def _described(
    cities: pl.DataFrame, earlier_info: pl.DataFrame, alike: pl.DataFrame
) -> pl.DataFrame:
    """The cities a name matched several of, as the report describes them (city_id, name,
    country, geonameid): the known cities, and an earlier import's new cities among them
    (they are not in `cities`: described from their link fields, with no GeoNames id). Without
    these, a name matching two of an earlier import's new cities was listed as 'Town 527 ()'."""
    known = cities.select("city_id", "name", "country", "geonameid")
    earlier = earlier_info.filter(pl.col("city_id").is_in(alike["city_id"].implode()))
    if earlier.is_empty():
        return known
    return pl.concat(
        [
            known,
            earlier.select(
                "city_id",
                pl.col("_canon").alias("name"),
                pl.col("_cname").alias("country"),
                pl.lit(None, dtype=known.schema["geonameid"]).alias("geonameid"),
            ),
        ]
    )


def _link_fields(frame: pl.DataFrame, aliases: pl.Expr) -> pl.DataFrame:
    """What a link gives a row, one line per city: its name, country, regions and the names
    searched (`aliases`)."""
    return frame.select(
        "city_id",
        pl.col("name").alias("_canon"),
        pl.col("country_iso2").alias("_iso"),
        pl.col("country").alias("_cname"),
        pl.col("region").alias("_reg"),
        pl.col("subregion").alias("_sub"),
        aliases.alias("_aliases"),
    )
