"""Side by side: 2 to 4 cities, one aligned row per index and measure, the better value marked.

A city counts in an index directly or through a cluster that names it; the row says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import Catalog, IndexInfo
from .cities import City, Standing, best_standings
from .credits import attribution_lines
from .errors import UsageError
from .figures import figure, number, places
from .filters import column_label
from .render import MISSING, printable
from .report import Column, Fig, Report
from .report import render as render_report

MIN_CITIES, MAX_CITIES = 2, 4
BEST = "●"  # marks the better value (never colour alone)


@dataclass(frozen=True)
class Cell:
    value: object  # raw figure, None when missing
    text: str
    standing: Standing

    @property
    def source(self) -> str | None:
        return self.standing.entry["source_url"] if self.standing.entry else None


@dataclass(frozen=True)
class CompareRow:
    info: IndexInfo
    measure: str
    label: str
    cells: tuple[Cell, ...]
    best: frozenset[
        int
    ]  # positions of the better value(s); empty when fewer than two figures or all equal

    @property
    def differs(self) -> bool:
        return len({c.text for c in self.cells}) > 1

    def marked(self, n: int) -> str:
        return (f"{BEST} " if n in self.best else "  ") + self.cells[n].text


def check_cities(cities: list[City]) -> None:
    ids = [c.city_id for c in cities]
    if len(set(ids)) != len(ids):
        twice = sorted({c.name for c in cities if ids.count(c.city_id) > 1})
        raise UsageError(f"{', '.join(twice)} given twice; compare different cities")
    if len(cities) < MIN_CITIES:
        raise UsageError(
            f"comparison needs {MIN_CITIES} to {MAX_CITIES} cities; only one was given"
        )
    if len(cities) > MAX_CITIES:
        raise UsageError(f"comparison holds at most {MAX_CITIES} cities; {len(cities)} were given")


def _rank_text(s: Standing) -> str:
    return s.short(unranked="listed, no rank") + (
        " (cluster)" if s.via_cluster and s.rank is not None else ""
    )


def compare(catalog: Catalog, cities: list[City]) -> list[CompareRow]:
    check_cities(cities)
    found = [best_standings(catalog, c) for c in cities]
    rows: list[CompareRow] = []
    for info in catalog.indexes.values():
        per_city = [f[info.id] for f in found]
        # rank and class first, then every other ordered measure the index declares
        own = [m.column for m in info.measures if m.ordered and m.column not in ("rank", "tier")]
        measures = [
            *(["rank"] if info.ranked else []),
            *(["tier"] if info.tiers else []),
            *own,
        ]
        for measure in measures:
            values = [s.entry.get(measure) if s.entry else None for s in per_city]
            if measure != "rank" and all(v is None for v in values):
                continue
            if measure == "rank":
                texts = [_rank_text(s) for s in per_city]
            else:
                texts = [printable(figure(v, places(info, measure))) for v in values]
            cells = tuple(Cell(v, t, s) for v, t, s in zip(values, texts, per_city, strict=False))
            label = "Rank" if measure == "rank" else column_label(measure, info)
            measure_decl = info.measure(measure)
            higher = measure_decl.better == "higher" if measure_decl else measure == "score"
            # better at the precision shown: 336.21 and 336.24 both print 336.2, a tie
            shown = [number(v, places(info, measure)) for v in values]
            best = _best(measure, per_city, shown, higher)
            rows.append(CompareRow(info, measure, label, cells, best))
    return rows


def _best(
    measure: str, per_city: list[Standing], values: list[object], higher: bool
) -> frozenset[int]:
    if measure == "tier":
        values = [s.entry.get("tier_order") if s.entry else None for s in per_city]
    present: dict[int, Any] = {n: v for n, v in enumerate(values) if v is not None}
    if len(present) < 2 or len(set(present.values())) == 1:
        return frozenset()
    pick = max if higher else min
    top = pick(present.values())
    return frozenset(n for n, v in present.items() if v == top)


def report(rows: list[CompareRow], cities: list[City]) -> Report:
    """One row an index and measure: each city's value (a figure at its decimals), the best,
    how each city counts and each one's source; the marked values for people."""
    infos = list(dict.fromkeys(r.info for r in rows))
    header = [
        "index",
        "measure",
        *(c.city_id for c in cities),
        "best",
        *(f"{c.city_id}_via" for c in cities),
        *(f"{c.city_id}_source_url" for c in cities),
    ]
    flat = [
        dict(
            zip(
                header,
                [
                    r.info.id,
                    r.measure,
                    *(Fig(c.value, places(r.info, r.measure)) for c in r.cells),
                    "; ".join(cities[n].city_id for n in sorted(r.best)),
                    *(c.standing.via for c in r.cells),
                    *(c.source for c in r.cells),
                ],
                strict=True,
            )
        )
        for r in rows
    ]
    nested = [
        {
            "index": r.info.id,
            "measure": r.measure,
            "label": r.label,
            "values": [Fig(c.value, places(r.info, r.measure)) for c in r.cells],
            "texts": [c.text for c in r.cells],
            "via": [c.standing.via for c in r.cells],
            "best": sorted(r.best),
            "source_urls": [c.source for c in r.cells],
        }
        for r in rows
    ]
    legend = f"{BEST} better value · n/r not ranked · {MISSING} not in our data · (cluster) ranked through a cluster"
    return Report(
        title="Comparison of " + ", ".join(c.name for c in cities),
        columns=tuple(Column(k) for k in header),
        rows=flat,
        json_rows=nested,
        attribution=tuple(attribution_lines(infos)),
        header=("Index", "Measure", *(c.name for c in cities)),
        body=[
            [r.info.tab_label, r.label, *(r.marked(n) for n in range(len(cities)))] for r in rows
        ],
        notes=(legend,),
        csv_notes=tuple(f"{info.id}: {info.attribution}" for info in infos),
        extra={
            "cities": [{"city_id": c.city_id, "name": c.name, "country": c.country} for c in cities]
        },
    )


def render(rows: list[CompareRow], cities: list[City], fmt: str) -> str:
    return render_report(report(rows, cities), fmt)
