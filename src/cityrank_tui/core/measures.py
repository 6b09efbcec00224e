"""What an index measures, as it declares it in data (indexes.toml -> indexes.parquet).

Every index-specific column is known only through these declarations: its label, kind,
which way is better, unit, decimals and meaning. Tables, details, comparisons, sorts and
exports read them; no module names an index's own columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

KINDS = ("rank", "score", "count", "share", "class", "text")


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    kind: str  # one of KINDS
    better: str = ""  # "lower", "higher" or "" (not ordered)
    unit: str = ""
    # Places a score or share prints at; None: as the file wrote it (an import's own precision).
    decimals: int | None = 0
    meaning: str = ""
    table: bool = True  # shown as a table column (False: details and exports only)
    # the publisher's own change since the previous edition of this measure ('rank', 'score'),
    # printed as 'Increase 3' / 'Decrease 2' / 'Steady'; checked against the rows we hold
    change_of: str = ""

    @property
    def column(self) -> str:
        """The entries column holding it (a class is held in the common tier column)."""
        return "tier" if self.kind == "class" and self.id == "tier" else self.id

    @property
    def ordered(self) -> bool:
        return self.better in ("lower", "higher")


def parse(text: str | None) -> tuple[Measure, ...]:
    """Measures from their JSON declaration; an empty declaration gives none."""
    if not text:
        return ()
    items = json.loads(text)
    out = []
    for item in items:
        if item.get("kind") not in KINDS:
            raise ValueError(f"measure {item.get('id')!r} has unknown kind {item.get('kind')!r}")
        out.append(Measure(**item))
    return tuple(out)


def defaults(columns: tuple[str, ...], score_label: str) -> tuple[Measure, ...]:
    """Measures of an index that declares none (an older import): its rank and score."""
    out = [Measure("rank", "Rank", "rank", "lower", meaning="Rank as published.")]
    if "score" in columns:
        # an import's score keeps the file's precision: 85.25 stays 85.25, 85 stays 85
        out.append(Measure("score", score_label or "Score", "score", "higher", decimals=None))
    return tuple(out)
