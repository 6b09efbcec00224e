"""A city's profile: every index it is in (directly or through a cluster), its absences, and how it
moved between editions of one index family, with the publisher's warning where editions differ."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .catalog import Catalog
from .cities import City, Standing, standings


@dataclass(frozen=True)
class Movement:
    family: str
    earlier: Standing
    later: Standing

    @property
    def change(self) -> int:
        """Places gained (positive) or lost (negative) from the earlier to the later edition."""
        earlier, later = self.earlier.rank, self.later.rank
        # movements() pairs ranked standings only
        assert earlier is not None and later is not None
        return earlier - later

    @property
    def text(self) -> str:
        e, later = self.earlier, self.later
        if self.change > 0:
            moved = f"up {self.change}"
        elif self.change < 0:
            moved = f"down {-self.change}"
        else:
            moved = "unchanged"
        sizes = (
            ""
            if e.info.universe_size == later.info.universe_size
            else f" (out of {e.info.universe_size or '?'}, then {later.info.universe_size or '?'})"
        )
        return f"{e.info.edition} → {later.info.edition}: {e.rank} → {later.rank}, {moved}{sizes}"

    @property
    def caveat(self) -> str:
        """What the publisher says about comparing these editions (the later edition's note first)."""
        return self.later.info.comparability or self.earlier.info.comparability


BARS = "▁▂▃▄▅▆▇█"


def trend(standings: list[Standing]) -> str:
    """A family's editions as a small chart, oldest first: taller is better (a higher percentile).

    One glyph per edition we hold the city's rank for, then the ranks in words, e.g.
    '▅▆█  2022 12/100 · 2023 8/100 · 2024 1/100'. Percentiles, not raw ranks, set the height, so
    editions of different sizes read alike; an edition without a rank for the city is left out,
    never guessed."""
    ranked = sorted(
        (s for s in standings if s.percentile is not None), key=lambda s: s.info.edition
    )
    if not ranked:
        return ""
    bars = "".join(
        BARS[min(int((s.percentile or 0) / 100 * len(BARS)), len(BARS) - 1)] for s in ranked
    )
    words = " · ".join(f"{s.info.edition} {s.short()}" for s in ranked)
    return f"{bars}  {words}"


@dataclass(frozen=True)
class Profile:
    city: City
    standings: list[Standing]
    movements: list[Movement]

    def trends(self) -> dict[str, str]:
        """family -> its chart across editions, for families with two or more ranked editions."""
        best: dict[str, Standing] = {}
        for s in self.standings:
            if s.rank is not None:
                best.setdefault(s.info.id, s)
        families: dict[str, list[Standing]] = {}
        for s in best.values():
            families.setdefault(s.info.family, []).append(s)
        return {f: trend(group) for f, group in families.items() if len(group) >= 2}

    @property
    def ranked(self) -> list[Standing]:
        return [s for s in self.standings if s.entry is not None]

    @property
    def absent(self) -> list[Standing]:
        return [s for s in self.standings if s.entry is None]


def profile(catalog: Catalog, city: City) -> Profile:
    found = standings(catalog, city)
    best: dict[str, Standing] = {}
    for s in found:
        if s.rank is not None:
            best.setdefault(s.info.id, s)
    movements = []
    families: dict[str, list[Standing]] = {}
    for s in best.values():
        families.setdefault(s.info.family, []).append(s)
    for family, ranked in families.items():
        ranked.sort(key=lambda s: s.info.edition)
        movements += [Movement(family, a, b) for a, b in itertools.pairwise(ranked)]
    return Profile(city, found, movements)
