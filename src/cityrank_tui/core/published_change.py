"""Published change against computed movement: where a publisher's own change column (GFCI's
'Rank change': 'Increase 3', 'Decrease 2', 'Steady') disagrees with the ranks or ratings we
hold for the two editions, both are kept and the row says which is which.

A measure declares what it is the change of (`Measure.change_of`: 'rank' or 'score'). The
previous value is the one movement matched (core/movement.py: same cities, or the same first
city); a row with no matched previous value, or a change printed in other words, is not
checked: nothing is inferred.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from .catalog import IndexInfo

CONFLICT = "movement_conflict"  # why the published change and ours differ; missing where they agree
WARNING = "⚠"

_CHANGE = re.compile(r"^\s*(increase|decrease)\s+(\d+(?:\.\d+)?)\s*$|^\s*(steady)\s*$", re.I)


def published_gain(text: str | None) -> float | None:
    """The printed change as a signed number ('Increase 3' -> 3, 'Decrease 2' -> -2,
    'Steady' -> 0), or None where it is missing or printed in other words."""
    if not text:
        return None
    found = _CHANGE.match(text)
    if found is None:
        return None
    if found.group(3):
        return 0.0
    size = float(found.group(2))
    return size if found.group(1).lower() == "increase" else -size


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _explain(
    label: str, printed: str, of: str, now: float, before: float, against: str, ours: str
) -> str:
    if of == "rank":
        claimed = now + (published_gain(printed) or 0.0)  # places gained = previous - now
        return (
            f"{label} as published: '{printed}' (from {_ordinal(int(claimed))}); from the ranks "
            f"we hold: {ours} ({_ordinal(int(before))} in {against}, {_ordinal(int(now))} here). "
            "Both are kept: the first is the publisher's, the second is counted from our rows."
        )
    claimed = now - (published_gain(printed) or 0.0)
    return (
        f"{label} as published: '{printed}' (from {_number(claimed)}); from the values we hold: "
        f"{'+' if now >= before else '-'}{_number(abs(now - before))} ({_number(before)} in "
        f"{against}, {_number(now)} here). "
        "Both are kept: the first is the publisher's, the second is counted from our rows."
    )


def conflicts(
    info: IndexInfo,
    frame: pl.DataFrame,
    previous: Mapping[str, Sequence[Any]],
    movement: Sequence[str | None],
    against: str,
) -> list[str | None]:
    """For each row of `frame`, why its published change disagrees with ours, or None.

    `previous`: for each checked measure ('rank', 'score'), the matched previous value per row
    (None where there is no match); `movement`: the movement cell per row (▲2, ▼1, =)."""
    out: list[str | None] = [None] * frame.height
    for measure in info.measures:
        of = measure.change_of
        if not of or measure.column not in frame.columns or of not in frame.columns:
            continue
        before_values = previous.get(of)
        if before_values is None:
            continue
        printed_values = frame[measure.column].to_list()
        now_values = frame[of].to_list()
        for i, (printed, now, before) in enumerate(
            zip(printed_values, now_values, before_values, strict=True)
        ):
            claimed = published_gain(printed)
            if claimed is None or now is None or before is None:
                continue
            ours = (before - now) if of == "rank" else (now - before)
            if math.isclose(ours, claimed, abs_tol=1e-9):
                continue
            text = _explain(
                measure.label, printed, of, now, before, against, str(movement[i] or "")
            )
            out[i] = text if out[i] is None else f"{out[i]} {text}"
    return out


def listing(info: IndexInfo, frame: pl.DataFrame) -> list[str]:
    """One line per row whose published change disagrees with ours (for the build's report)."""
    if CONFLICT not in frame.columns:
        return []
    rows = frame.filter(pl.col(CONFLICT).is_not_null())
    return [f"{info.id} {r['name']}: {r[CONFLICT]}" for r in rows.iter_rows(named=True)]
