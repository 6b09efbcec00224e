"""Cities down, indexes across: each city's rank in every index, side by side.

Used by the bookmarks list and export. Every rank keeps its index's attribution and the row's
source URL, so an exported sheet is as traceable as the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog, IndexInfo
from .cities import City, Standing, best_standings, city_by_id
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
    out = []
    names = catalog.cities["name"]
    shared = set(names.filter(names.is_duplicated()).to_list()) if cities else set()
    for city_id, name, extra in cities:
        city = city_by_id(catalog, city_id)
        found = best_standings(catalog, city) if city else {}
        shown = city.name if city else name
        out.append(CrossRow(city_id, shown, city, found, extra, namesake=shown in shared))
    return out


def short_rank(standing: Standing | None) -> str:
    """Standing.short, and — for a city no longer in the data."""
    return standing.short() if standing is not None else MISSING


def to_records(rows: list[CrossRow], infos: list[IndexInfo]) -> list[dict[str, Any]]:
    records = []
    for row in rows:
        record: dict[str, Any] = {
            "city_id": row.city_id,
            "name": row.name,
            "known": row.city is not None,
            "country": row.city.country if row.city else None,
            **row.extra,
            "indexes": {},
        }
        for info in infos:
            s = row.standings.get(info.id)
            record["indexes"][info.id] = {
                "status": s.status if s else UNKNOWN_CITY,
                "rank": s.rank if s else None,
                "of": info.universe_size,
                "via": s.via if s else None,
                "source_url": s.entry["source_url"] if s and s.entry else None,
                "attribution": info.attribution,
            }
        records.append(record)
    return records


def report(rows: list[CrossRow], infos: list[IndexInfo], title: str = "Bookmarks") -> Report:
    """Cities down, indexes across: flat `<index>_rank` … columns for CSV, each city's indexes
    nested for JSON, rank/of for people; the attribution of the indexes holding any of them."""
    # the publishers of the figures shown: indexes that hold at least one of these cities
    shown = [i for i in infos if any(_holds(r.standings.get(i.id)) for r in rows)]
    extra_keys = list(dict.fromkeys(k for r in rows for k in r.extra))
    parts = ("rank", "of", "status", "via", "source_url")
    header = [
        "city_id",
        "name",
        "known",
        "country",
        *extra_keys,
        *(f"{i.id}_{part}" for i in infos for part in parts),
    ]
    nested = to_records(rows, infos)
    flat = [
        {
            **{k: record.get(k, "") for k in header[: 4 + len(extra_keys)]},
            **{f"{i.id}_{part}": record["indexes"][i.id][part] for i in infos for part in parts},
        }
        for record in nested
    ]
    body = [
        [
            r.label,
            *(_text(r.extra.get(k, "")) for k in extra_keys),
            *(short_rank(r.standings.get(i.id)) for i in infos),
        ]
        for r in rows
    ]
    legend = "rank/of N · n/r not ranked (we hold the complete list) · ? listed without a rank · — not in our data"
    return Report(
        title=title,
        columns=tuple(Column(k) for k in header),
        rows=flat,
        json_rows=nested,
        attribution=tuple(attribution_lines(shown)),
        header=("City", *(k.capitalize() for k in extra_keys), *(i.tab_label for i in infos)),
        body=body,
        cap=40,
        notes=(legend,),
        csv_notes=tuple(f"{info.id}: {info.attribution}" for info in shown),
    )


def render(rows: list[CrossRow], infos: list[IndexInfo], fmt: str, title: str = "Bookmarks") -> str:
    return render_report(report(rows, infos, title), fmt)


def _holds(standing: Standing | None) -> bool:
    return standing is not None and standing.entry is not None


def _text(value: str | list[str]) -> str:
    return ", ".join(value) if isinstance(value, list) else value
