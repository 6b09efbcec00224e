"""City identity: find a city by name, id or alias, and where it stands in every index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from .catalog import Catalog, IndexInfo
from .render import MISSING
from .textnorm import fold

PROMINENT = 5  # how many times more populous a namesake must be to be taken without its id


@dataclass(frozen=True)
class City:
    city_id: str
    name: str
    country_iso2: str | None
    country: str | None  # None: the source gave none (a city kept from an imported file)
    region: str | None
    subregion: str | None
    aliases: tuple[str, ...]
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None
    admin1: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country or NO_COUNTRY} ({self.city_id})"

    def where(self, sep: str = " · ") -> str:
        """ "Japan · Eastern Asia"; what is not known is said, never left as "None"."""
        parts = [p for p in (self.country, self.subregion) if p]
        return sep.join(parts) if parts else NO_COUNTRY


NO_COUNTRY = "country not known: none in its source"


def _city(row: dict[str, Any]) -> City:
    known = {f for f in City.__dataclass_fields__}
    values = {k: v for k, v in row.items() if k in known}
    return City(**{**values, "aliases": tuple(row["aliases"] or ())})


def _cities(catalog: Catalog) -> list[City]:
    return [_city(row) for row in catalog.cities.iter_rows(named=True)]


def find_city(catalog: Catalog, query: str) -> City:
    """The one city a query names (id, name, "name, country" or alias; folded as search is).

    Raises UsageError listing the candidates when the query is ambiguous or unknown (see
    cityfind.match_city, which also says how the city was matched).
    """
    from .cityfind import match_city

    return match_city(catalog, query).city


def namesakes(catalog: Catalog, city: City) -> list[City]:
    """Other cities with the same name (to say which one a name-only query chose)."""
    key = fold(city.name)
    return [c for c in _cities(catalog) if fold(c.name) == key and c.city_id != city.city_id]


NOT_RANKED = "not ranked"
PERCENTILE_DECIMALS = 1  # how a percentile is shown
NOT_IN_DATA = "not in our data"


@dataclass(frozen=True)
class Standing:
    """One city in one index: its entry (direct, or through a cluster that names it), or its absence.

    An absence is "not ranked" only when we hold the publisher's complete list the city would be
    on; otherwise it is "not in our data": the publisher may rank it without our having the figure.
    """

    info: IndexInfo
    entry: dict[str, Any] | None
    via_cluster: bool
    absence: str = NOT_IN_DATA

    @property
    def status(self) -> str:
        if self.entry is None:
            return self.absence
        if self.entry["rank"] is None and not self.info.ranked and self.entry.get("tier"):
            return f"class {self.entry['tier']}"  # a classification publishes no ranks
        if self.entry["rank"] is None:
            return "listed, rank not published"
        return f"rank {self.entry['rank']}{self.info.of}"

    @property
    def rank(self) -> int | None:
        return None if self.entry is None else self.entry["rank"]

    @property
    def via(self) -> str | None:
        """'direct', 'cluster <name>', or None when absent."""
        if self.entry is None:
            return None
        return f"cluster {self.entry['name']}" if self.via_cluster else "direct"

    def short(self, unranked: str = "?") -> str:
        """'12/445', '2/1,000'; 'n/r' when not ranked; `unranked` when listed without a rank; — when not in our data."""
        if self.entry is None:
            return "n/r" if self.absence == NOT_RANKED else MISSING
        if self.rank is None and not self.info.ranked and self.entry.get("tier"):
            return str(self.entry["tier"])
        if self.rank is None:
            return unranked
        of = self.info.universe_size
        return f"{self.rank:,}/{f'{of:,}' if of else '?'}"

    @property
    def percentile(self) -> float | None:
        """Share of the index's universe ranked below this entry (100 = top), exact: rounded
        only where it is shown (PERCENTILE_DECIMALS)."""
        if self.entry is None or self.entry["rank"] is None or not self.info.universe_size:
            return None
        rank: int = self.entry["rank"]
        return 100 * (self.info.universe_size - rank) / self.info.universe_size


def city_by_id(catalog: Catalog, city_id: str) -> City | None:
    rows = catalog.cities.filter(pl.col("city_id") == city_id)
    if rows.is_empty():
        return None
    return _city(rows.row(0, named=True))


def cities_by_id(catalog: Catalog, city_ids: list[str]) -> dict[str, City]:
    """The known cities among `city_ids`, by id: one query for all of them."""
    rows = catalog.cities.filter(pl.col("city_id").is_in(list(set(city_ids))))
    return {row["city_id"]: _city(row) for row in rows.iter_rows(named=True)}


def _whole_ranking(catalog: Catalog, info: IndexInfo) -> bool:
    return bool(
        info.universe_size
        and info.rows_bundled >= info.universe_size
        and catalog.entries(info.id)["rank"].null_count() == 0
    )


def _absence(catalog: Catalog, info: IndexInfo, city: City) -> str:
    if _whole_ranking(catalog, info):
        return NOT_RANKED  # we hold the whole ranking
    if city.country_iso2 in catalog.complete_countries(info.id):
        return NOT_RANKED
    return NOT_IN_DATA


def standings(catalog: Catalog, city: City) -> list[Standing]:
    """Where a city stands in every index, in catalogue order (several rows where it is in several clusters)."""
    out = []
    for info in catalog.indexes.values():
        rows = catalog.rows_naming(info.id, city.city_id)
        if rows.is_empty():
            out.append(Standing(info, None, False, _absence(catalog, info, city)))
            continue
        for row in rows.sort("rank", nulls_last=True).iter_rows(named=True):
            out.append(Standing(info, row, len(row["city_ids"]) > 1))
    return out


def best_standings(catalog: Catalog, city: City) -> dict[str, Standing]:
    """One standing per index: the best-ranked entry naming the city."""
    out: dict[str, Standing] = {}
    for standing in standings(catalog, city):
        out.setdefault(standing.info.id, standing)
    return out


def best_standings_for(catalog: Catalog, cities: list[City]) -> dict[str, dict[str, Standing]]:
    """`best_standings` of many cities (50,000 bookmarks): one join per index for all of them,
    not a query per city and index. An absence is one shared value per index and kind."""
    out: dict[str, dict[str, Standing]] = {c.city_id: {} for c in cities}
    if not cities:
        return out
    ids = pl.Series("id", list(out), dtype=pl.String)
    for info in catalog.indexes.values():
        found_ids, rows = catalog.best_rows_naming(info.id, ids)
        found = {
            city_id: Standing(info, row, len(row["city_ids"]) > 1)
            for city_id, row in zip(found_ids, rows.iter_rows(named=True), strict=True)
        }
        not_ranked = Standing(info, None, False, NOT_RANKED)
        not_in_data = Standing(info, None, False, NOT_IN_DATA)
        whole = _whole_ranking(catalog, info)
        complete = frozenset() if whole else catalog.complete_countries(info.id)
        for city in cities:
            standing = found.get(city.city_id)
            if standing is None:
                whole_or_country = whole or city.country_iso2 in complete
                standing = not_ranked if whole_or_country else not_in_data
            out[city.city_id][info.id] = standing
    return out
