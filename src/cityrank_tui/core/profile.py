"""A city's profile: every index it is in (directly or through a cluster), its absences, and how it
moved between editions of one index family, with the publisher's warning where editions differ."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .catalog import Catalog, IndexInfo
from .cities import NOT_RANKED, City, Standing, standings


def family_name(info: IndexInfo) -> str:
    """A family as the profile names it, one spelling everywhere: its editions' short name
    without the edition ('GII clusters' for 'GII clusters 2023', 'Resonance' for
    'Resonance 2025'); the family's id in capitals where the name does not end so."""
    name, edition = " ".join(info.short_name.split()), str(info.edition or "")
    if edition and name.endswith(" " + edition):
        return name[: -len(edition)].rstrip()
    return info.family.upper() if info.bundled else name


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
    def name(self) -> str:
        """The family's display name (family_name)."""
        return family_name(self.later.info)

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


def _uncharted(s: Standing) -> str:
    """Why an edition has no bar: no rank held, or a rank without the list's size."""
    if s.entry is None:
        return "not ranked" if s.absence == NOT_RANKED else "not in our data"
    if s.rank is None:
        return "no rank"
    return f"rank {s.rank} of ?, no list size for a percentile"


@dataclass(frozen=True)
class Profile:
    city: City
    standings: list[Standing]
    movements: list[Movement]

    def trends(self) -> dict[str, str]:
        """family's display name -> its chart across editions, for families with two or more
        charted editions; the editions of the family the chart leaves out are named after it,
        with why ('not charted: 35 (rank 2 of ?, no list size for a percentile)')."""
        best: dict[str, Standing] = {}
        for s in self.standings:  # each index once: a ranked standing over any other
            if s.info.id not in best or (best[s.info.id].rank is None and s.rank is not None):
                best[s.info.id] = s
        families: dict[str, list[Standing]] = {}
        for s in best.values():
            families.setdefault(s.info.family, []).append(s)
        charts = {}
        for group in families.values():
            charted = [s for s in group if s.percentile is not None]
            if len(charted) < 2:
                continue
            left = sorted((s for s in group if s.percentile is None), key=lambda s: s.info.edition)
            chart = trend(charted)
            if left:
                chart += " · not charted: " + ", ".join(
                    f"{s.info.edition or s.info.id} ({_uncharted(s)})" for s in left
                )
            charts[family_name(group[0].info)] = chart
        return charts

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
