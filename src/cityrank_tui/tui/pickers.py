"""The filter and sort pickers of an index tab, as dialogs whose every choice IS the result.

Each filter picker's choices carry the whole new Filter (a sort picker's the new Sort), so the
tab awaits one typed value and applies it: no callback per dialog, no (field, value) tuples to
unpack. The rules behind the choices (rank bands, the view's score range) live in core.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import polars as pl

from ..core.catalog import IndexInfo
from ..core.filters import Filter, Sort, choice_counts, column_label, sortable
from ..core.viewfacts import ScoreRange, band_top, rank_bands
from .screens.dialogs import Choice, PickScreen, ScoreRangeScreen

if TYPE_CHECKING:
    from textual.app import App

EXPORT_FORMATS = (
    ("csv", "CSV"),
    ("tsv", "TSV"),
    ("parquet", "Parquet"),
    ("json", "JSON"),
    ("geojson", "GeoJSON"),
    ("md", "Markdown"),
)


async def wait_filter(app: App[Any], screen: PickScreen) -> Filter | None:
    """Show a filter picker and wait: the Filter picked, or None (Esc, nothing changes)."""
    value = await app.push_screen_wait(screen)
    return value if isinstance(value, Filter) else None


def region_picker(info: IndexInfo, frame: pl.DataFrame, flt: Filter) -> PickScreen:
    """UN M49 regions and sub-regions, each with its rows, and the publisher's own grouping
    beside them (2thinknow's Asia right after the UN's Asia), labelled with the publisher: a
    name both use means different cities (2thinknow's Asia holds Sydney, not Tel Aviv)."""
    options = [Choice(flt.with_(region=None, publisher_region=None), "(any region)")]
    own = choice_counts(frame, "publisher_region", "publisher_subregion")
    top = set(choice_counts(frame, "publisher_region"))
    mark = f" · {info.publisher}"
    for level, column in (("regions", "region"), ("sub-regions", "subregion")):
        un = choice_counts(frame, column)
        theirs = {v: n for v, n in own.items() if (v in top) == (column == "region")}
        if not un and not theirs:
            continue
        also = f" and {info.publisher}'s own (·{mark[2:]})" if theirs else ""
        options.append(Choice(None, f"UN M49 {level}{also}", heading=True))
        both = [(v, n, False) for v, n in un.items()] + [(v, n, True) for v, n in theirs.items()]
        for value, n, publisher in sorted(both, key=lambda c: (c[0].casefold(), c[2])):
            chosen = (
                flt.with_(region=None, publisher_region=value)
                if publisher
                else flt.with_(region=value, publisher_region=None)
            )
            options.append(Choice(chosen, f"  {value}{mark if publisher else ''} ({n:,})"))
    return PickScreen("Filter by region", options, flt)


def country_picker(frame: pl.DataFrame, flt: Filter) -> PickScreen:
    options = [Choice(flt.with_(country=None), "(any country)")] + [
        Choice(flt.with_(country=v), f"{v} ({n:,})")
        for v, n in choice_counts(frame, "country_name").items()
    ]
    return PickScreen("Filter by country", options, flt)


def tier_picker(info: IndexInfo, frame: pl.DataFrame, flt: Filter) -> PickScreen:
    """The publisher's tiers (and the top k at once); rank bands where it publishes none.

    Counts are of the rows on show with every other filter kept (with region Europe, Europe's
    rows), so a choice says how many rows picking it shows."""
    others = flt.with_(tiers=(), min_rank=None, max_rank=None)
    shown = frame if others.is_empty else frame.filter(others.expr())
    where = "" if others.is_empty else " (counts in this view)"
    if info.tiers:
        per_tier = choice_counts(shown, "tier")
        options = [Choice(flt.with_(tiers=()), "(any tier)")] + [
            Choice(flt.with_(tiers=(t,)), f"{n}. {t} ({per_tier.get(t, 0):,})")
            for n, t in enumerate(info.tiers, 1)
        ]
        if len(info.tiers) > 2:  # several tiers at once: the top ones, as the CLI's --tier A,B
            options.append(Choice(None, "Several tiers", heading=True))
            for k in range(2, len(info.tiers)):
                leading = tuple(info.tiers[:k])
                rows = sum(per_tier.get(t, 0) for t in leading)
                options.append(
                    Choice(flt.with_(tiers=leading), f"  1–{k}. {' + '.join(leading)} ({rows:,})")
                )
        return PickScreen(f"Filter by {info.publisher} tier{where}", options, flt)
    options = [
        Choice(flt.with_(min_rank=None, max_rank=None), "(any rank)"),
        Choice(None, "Rank bands (not a publisher tier)", heading=True),
    ]
    ranks = shown["rank"] if "rank" in shown.columns else pl.Series([], dtype=pl.Int64)
    options += [
        Choice(
            flt.with_(min_rank=low, max_rank=high),
            f"  Ranks {low}–{high} ({int(ranks.is_between(low, high).sum()):,})",
        )
        for low, high in rank_bands(band_top(info, frame))
    ]
    return PickScreen(
        f"{info.short_name} publishes no tiers: pick a rank band{where}", options, flt
    )


def sort_picker(info: IndexInfo, current: Sort, columns: Collection[str] = ()) -> PickScreen:
    options = []
    for column in sortable(info, columns):
        arrow = (" ▼" if current.descending else " ▲") if column == current.field else ""
        options.append(Choice(current.toggled(column, info), column_label(column, info) + arrow))
    chosen = current.toggled(current.field, info)  # the current field's choice reverses it
    return PickScreen("Sort by (again to reverse)", options, chosen)


def score_screen(
    info: IndexInfo, flt: Filter, shown: ScoreRange, whole: ScoreRange
) -> ScoreRangeScreen:
    """The score dialog, saying the range of the rows on show and of the whole index."""
    return ScoreRangeScreen(
        info.score_label, flt.min_score, flt.max_score, score_note(shown, whole)
    )


def score_note(shown: ScoreRange, whole: ScoreRange) -> str:
    """'in this view 53 to 54 (index 28 to 56)'; rows without a score are counted, never guessed."""

    def span(r: ScoreRange) -> str:
        return "none" if r.low is None or r.high is None else f"{r.low:g} to {r.high:g}"

    text = f"in this view {span(shown)}"
    if shown != whole:
        text += f" (index {span(whole)})"
    if shown.missing:
        text += f"; {shown.missing:,} rows without a score"
    return text


def export_picker() -> PickScreen:
    return PickScreen("Export the view as", [Choice(fmt, label) for fmt, label in EXPORT_FORMATS])
