"""Cities down, indexes across: each city's rank in every index, side by side.

Used by the bookmarks list and export. Every rank keeps its index's attribution and the row's
source URL, so an exported sheet is as traceable as the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import csvsafe, jsonstream
from .catalog import Catalog, IndexInfo
from .cities import City, Standing, best_standings_for, cities_by_id
from .credits import attribution_lines
from .render import MISSING
from .report import Column, Report
from .report import render as render_report

UNKNOWN_CITY = "unknown city"


@dataclass(frozen=True)
class CrossRow:
    city_id: str
    name: str
    city: City | None  # None when the id is not in the data (kept, shown as unknown)
    standings: dict[str, Standing]
    extra: dict[str, str | list[str]] = field(default_factory=dict)  # e.g. note, lists
    namesake: bool = False  # another city we hold has this name (London, Ontario)

    @property
    def label(self) -> str:
        if self.city is None:
            return f"{self.name} ({UNKNOWN_CITY})"
        if self.namesake and self.city.country:
            return f"{self.name} ({self.city.country})"  # never a bare "London" for Ontario's
        return self.name


def cross_rows(
    catalog: Catalog, cities: list[tuple[str, str, dict[str, str | list[str]]]]
) -> list[CrossRow]:
    """(city id, stored name, extra columns) -> one row each, in the given order."""
    known = cities_by_id(catalog, [city_id for city_id, _, _ in cities])
    found = best_standings_for(catalog, list(known.values()))
    out = []
    names = catalog.cities["name"]
    shared = set(names.filter(names.is_duplicated()).to_list()) if cities else set()
    for city_id, name, extra in cities:
        city = known.get(city_id)
        standings = found[city_id] if city else {}
        shown = city.name if city else name
        out.append(CrossRow(city_id, shown, city, standings, extra, namesake=shown in shared))
    return out


def short_rank(standing: Standing | None) -> str:
    """Standing.short, and — for a city no longer in the data."""
    return standing.short() if standing is not None else MISSING


def short_column(rows: list[CrossRow], info: IndexInfo) -> list[str]:
    """`short_rank` of every row in one index; an absence shared by many rows is spelled once."""
    spelled: dict[int, str] = {}
    out = []
    for row in rows:
        s = row.standings.get(info.id)
        if s is None or s.entry is None:
            key = id(s)
            if key not in spelled:
                spelled[key] = short_rank(s)
            out.append(spelled[key])
        else:
            out.append(short_rank(s))
    return out


def _index_record(info: IndexInfo, s: Standing | None) -> dict[str, Any]:
    return {
        "status": s.status if s else UNKNOWN_CITY,
        "rank": s.rank if s else None,
        "of": info.universe_size,
        "via": s.via if s else None,
        "source_url": s.entry["source_url"] if s and s.entry else None,
        "attribution": info.attribution,
    }


def _record(row: CrossRow, indexes: object) -> dict[str, Any]:
    return {
        "city_id": row.city_id,
        "name": row.name,
        "known": row.city is not None,
        "country": row.city.country if row.city else None,
        **row.extra,
        "indexes": indexes,
    }


def records(rows: list[CrossRow], infos: list[IndexInfo]) -> Iterator[dict[str, Any]]:
    """One record per row, made as it is asked for (50,000 rows are never all held at once)."""
    for row in rows:
        yield _record(row, {i.id: _index_record(i, row.standings.get(i.id)) for i in infos})


def _json_records(rows: list[CrossRow], infos: list[IndexInfo]) -> Iterator[dict[str, Any]]:
    """`records`, with each index's part encoded once where it is the same for many rows (a
    city we do not know, an absence: one shared Standing per index and kind)."""
    shared: dict[tuple[str, int], jsonstream.Raw] = {}
    unknown: jsonstream.Raw | None = None  # every index's part for a city we do not know
    for row in rows:
        if not row.standings:
            if unknown is None:
                unknown = jsonstream.Raw(jsonstream.dumps(next(records([row], infos))["indexes"]))
            yield _record(row, unknown)
            continue
        indexes: dict[str, Any] = {}
        for info in infos:
            s = row.standings.get(info.id)
            if s is not None and s.entry is not None:
                indexes[info.id] = _index_record(info, s)
                continue
            key = (info.id, id(s))
            if key not in shared:
                shared[key] = jsonstream.Raw(jsonstream.dumps(_index_record(info, s)))
            indexes[info.id] = shared[key]
        yield _record(row, indexes)


PARTS = ("rank", "of", "status", "via", "source_url")
LEGEND = (
    "rank/of N · n/r not ranked (we hold the complete list) · ? listed without a rank · "
    "— not in our data"
)


def _shown(rows: list[CrossRow], infos: list[IndexInfo]) -> list[IndexInfo]:
    """The publishers of the figures shown: indexes that hold at least one of these cities."""
    held = {k for r in rows for k, s in r.standings.items() if _holds(s)}
    return [i for i in infos if i.id in held]


def _header(infos: list[IndexInfo], extra_keys: list[str]) -> list[str]:
    return [
        "city_id",
        "name",
        "known",
        "country",
        *extra_keys,
        *(f"{i.id}_{part}" for i in infos for part in PARTS),
    ]


def report(rows: list[CrossRow], infos: list[IndexInfo], title: str = "Bookmarks") -> Report:
    """Cities down, indexes across: flat `<index>_rank` … columns for CSV, each city's indexes
    nested for JSON, rank/of for people; the attribution of the indexes holding any of them."""
    shown = _shown(rows, infos)
    extra_keys = list(dict.fromkeys(k for r in rows for k in r.extra))
    header = _header(infos, extra_keys)
    nested = list(records(rows, infos))
    flat = [
        {
            **{k: record.get(k, "") for k in header[: 4 + len(extra_keys)]},
            **{f"{i.id}_{part}": record["indexes"][i.id][part] for i in infos for part in PARTS},
        }
        for record in nested
    ]
    columns = [short_column(rows, i) for i in infos]
    body = [
        [
            r.label,
            *(_text(r.extra.get(k, "")) for k in extra_keys),
            *(column[n] for column in columns),
        ]
        for n, r in enumerate(rows)
    ]
    return Report(
        title=title,
        columns=tuple(Column(k) for k in header),
        rows=flat,
        json_rows=nested,
        attribution=tuple(attribution_lines(shown)),
        header=("City", *(k.capitalize() for k in extra_keys), *(i.tab_label for i in infos)),
        body=body,
        cap=40,
        notes=(LEGEND,),
        csv_notes=tuple(f"{info.id}: {info.attribution}" for info in shown),
    )


def render(rows: list[CrossRow], infos: list[IndexInfo], fmt: str, title: str = "Bookmarks") -> str:
    return "".join(chunks(rows, infos, fmt, title))


def chunks(
    rows: list[CrossRow], infos: list[IndexInfo], fmt: str, title: str = "Bookmarks"
) -> Iterator[str]:
    """The rows in `fmt`, as pieces of text to write one after another. JSON and CSV (50,000
    bookmarks) are made a piece at a time, with the parts repeated across rows made once; the
    other formats are the report's (the same cells, drawn by core/report.py)."""
    if fmt == "json":
        head = {"title": title, "rows": [], "attribution": attribution_lines(_shown(rows, infos))}
        yield from jsonstream.document(head, _json_records(rows, infos))
        return
    if fmt == "csv":
        extra_keys = list(dict.fromkeys(k for r in rows for k in r.extra))
        cells = _csv_body(rows, infos, extra_keys)
        yield from csvsafe.to_csv_chunks(_header(infos, extra_keys), cells, guarded=True)
        yield "".join(f"# {info.id}: {info.attribution}\n" for info in _shown(rows, infos))
        return
    yield render_report(report(rows, infos, title), fmt)


def _index_cells(info: IndexInfo, s: Standing | None) -> list[object]:
    part = _index_record(info, s)
    return [csvsafe.cell(part[k]) for k in PARTS]


def _csv_body(
    rows: list[CrossRow], infos: list[IndexInfo], extra_keys: list[str]
) -> Iterator[list[object]]:
    """Each row's cells, guarded (csvsafe.cell); an index's cells for an absence, and every
    index's for a city we do not know, are made once (50,000 rows × 29 indexes)."""
    shared: dict[tuple[str, int], list[object]] = {}
    unknown: list[object] | None = None
    for row in rows:
        cells = [
            csvsafe.cell(v)
            for v in (
                row.city_id,
                row.name,
                row.city is not None,
                row.city.country if row.city else None,
                *(row.extra.get(k, "") for k in extra_keys),
            )
        ]
        if not row.standings:
            if unknown is None:
                unknown = [c for info in infos for c in _index_cells(info, None)]
            yield cells + unknown
            continue
        for info in infos:
            s = row.standings.get(info.id)
            if s is not None and s.entry is not None:
                cells += _index_cells(info, s)
                continue
            key = (info.id, id(s))
            if key not in shared:
                shared[key] = _index_cells(info, s)
            cells += shared[key]
        yield cells


def _holds(standing: Standing | None) -> bool:
    return standing is not None and standing.entry is not None


def _text(value: str | list[str]) -> str:
    return ", ".join(value) if isinstance(value, list) else value
