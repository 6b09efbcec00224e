"""Finding the one city a typed name means (`city`, `compare`, `bookmarks add`), and saying how.

The order, first match wins:
1. a city id, as it is;
2. the city's own name (case-, accent- and punctuation-folded): one city; or one at least
   PROMINENT times as populous as every namesake (London, England beside London, Ontario);
3. "name, qualifier": the name in that country or state/province ("London, Canada",
   "Portland, Maine");
4. another name of one city (a GeoNames alternate name: "Londn" is London);
5. a name or alternate name holding the text ("zuri" is Zürich).
Several cities at one step are listed, each with its state or province so that two Suzhous can
be told apart, and the user asked for the id. A match not by the city's own name, or one that
GeoNames' other places of that name make uncertain, says what was matched ("Londn: matched
London, England, United Kingdom").

Nickname-style alternate names are not matched: an alternate name that holds another known
city's whole name of two words or more, plus other words ("New York Van Java" for Jakarta,
"Albany i New York"), says what the city is compared with or where it is, not what it is
called; matching it made `city York` offer Jakarta. (Its own name always matches.)
"""

from __future__ import annotations

import difflib
import weakref
from dataclasses import dataclass, field

import polars as pl

from .catalog import Catalog
from .cities import PROMINENT, City, _cities
from .errors import UsageError
from .textnorm import fold, fold_series

LISTED = 12  # candidates named in one message


@dataclass(frozen=True)
class CityMatch:
    """The city a query named, and what the user should be told about the match."""

    city: City
    note: str | None = None  # "Londn: matched London, England, United Kingdom (…)"
    others: list[str] = field(default_factory=list)  # other places of that name, described


@dataclass
class _Known:
    cities: list[City]
    names: list[str]  # folded own name, per city
    aliases: list[tuple[str, ...]]  # folded alternate names kept for matching, per city
    admin1: dict[str, str]  # city_id -> state or province name (GeoNames)
    place_keys: pl.Series  # folded names of the GeoNames places, in catalog.places' order


_KNOWN: weakref.WeakKeyDictionary[Catalog, _Known] = weakref.WeakKeyDictionary()


def _known(catalog: Catalog) -> _Known:
    found = _KNOWN.get(catalog)
    if found is None:
        cities = _cities(catalog)
        names = [fold(c.name) for c in cities]
        own = set(names)
        aliases = []
        for city, name in zip(cities, names, strict=True):
            folded = dict.fromkeys(fold(a) for a in city.aliases)
            aliases.append(tuple(a for a in folded if a and not _nickname(a, name, own)))
        admin1 = _admin1_names(catalog)
        place_keys = fold_series(catalog.places["name"].fill_null(""))
        found = _KNOWN[catalog] = _Known(cities, names, aliases, admin1, place_keys)
    return found


def _nickname(alias: str, name: str, names: set[str]) -> bool:
    """Whether an alternate name holds another city's whole name of two words or more (as
    whole words) and other words too: 'new york van java' (Jakarta), 'albany i new york'
    (Albany). One-word names are too often words too ('kota batam' is "city of Batam", not
    Kota, India) to tell a nickname by."""
    words = alias.split()
    if len(words) < 2 or alias == name:
        return False
    for size in range(len(words) - 1, 0, -1):  # a part, never the whole alternate name
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if size > 1 and part != name and part in names:
                return True
    return False


def _admin1_names(catalog: Catalog) -> dict[str, str]:
    places = catalog.places.select("geonameid", "admin1_name").drop_nulls()
    cities = catalog.cities.select("city_id", "geonameid").drop_nulls()
    joined = cities.join(places, on="geonameid", how="inner")
    return dict(zip(joined["city_id"], joined["admin1_name"], strict=True))


def describe(catalog: Catalog, city: City) -> str:
    """'Suzhou, Anhui, China': the name, its state or province where GeoNames has one, and its
    country."""
    admin1 = _known(catalog).admin1.get(city.city_id)
    if admin1 and fold(admin1) == fold(city.name):  # 'Seoul, Seoul': the name says it
        admin1 = None
    parts = [city.name, admin1, city.country]
    return ", ".join(p for p in dict.fromkeys(parts) if p)


def _label(catalog: Catalog, city: City) -> str:
    return f"{describe(catalog, city)} ({city.city_id})"


def _other_places(
    catalog: Catalog,
    key: str,
    chosen: list[City],
    countries: set[str] | None = None,
    admin1: str | None = None,
) -> list[str]:
    """GeoNames places (15,000 people or more) of this name that no known city stands for,
    most populous first ('Portland, Maine, United States'); only in `countries` when given."""
    known = _known(catalog)
    taken = {c.geonameid for c in known.cities if c.geonameid is not None}
    taken |= {c.geonameid for c in chosen if c.geonameid is not None}
    same = catalog.places.filter(known.place_keys == key)
    rows = [
        r
        for r in same.sort("population", descending=True, nulls_last=True).iter_rows(named=True)
        if r["geonameid"] not in taken
        and (
            (countries is None and admin1 is None)
            or (countries is not None and r["country_iso2"] in countries)
            or (admin1 is not None and fold(r["admin1_name"] or "") == admin1)
        )
    ]
    names = dict(zip(catalog.countries["iso2"], catalog.countries["name"], strict=True))
    return [
        ", ".join(p for p in (r["name"], r["admin1_name"], names.get(r["country_iso2"])) if p)
        for r in rows
    ]


def match_city(catalog: Catalog, query: str) -> CityMatch:
    """The one city a query names, with a note saying how when that is not plain. Raises
    UsageError naming the candidates when the query is ambiguous or unknown."""
    known = _known(catalog)
    cities = known.cities
    for city in cities:
        if city.city_id == query:
            return CityMatch(city)
    key = fold(query)
    if not key:
        raise UsageError("give a city's name or id")
    named = [c for c, n in zip(cities, known.names, strict=True) if n == key]
    if named:
        return _by_name(catalog, query, key, named)
    if "," in key:
        found = _qualified(catalog, query, key)
        if found is not None:
            return found
    by_alias = [c for c, a in zip(cities, known.aliases, strict=True) if key in a]
    if len(by_alias) == 1:
        city = by_alias[0]
        return CityMatch(
            city, f"{query}: matched {describe(catalog, city)} (one of its other names)"
        )
    if by_alias:
        raise _several(catalog, query, by_alias, "Give the id to choose one.")
    elsewhere = _other_places(catalog, key, [])
    holding = [
        c
        for c, n, a in zip(cities, known.names, known.aliases, strict=True)
        if key in n or any(key in x for x in a)
    ]
    if elsewhere:
        said = "; ".join(elsewhere[:LISTED])
        also = (
            f" Known names holding {query!r}: {'; '.join(_label(catalog, c) for c in holding[:LISTED])}."
            if holding
            else ""
        )
        raise UsageError(
            f"no city called {query!r} in any index we hold; GeoNames places so named: {said} "
            f"(in none of our indexes).{also}"
        )
    if len(holding) == 1:
        city = holding[0]
        return CityMatch(city, f"{query}: matched {describe(catalog, city)} (a name holding it)")
    if holding:
        raise _several(catalog, query, holding, "Be more specific or give the id.")
    names = {n: c for c, n in zip(cities, known.names, strict=True)}
    for city, alias in zip(cities, known.aliases, strict=True):
        for a in alias:
            names.setdefault(a, city)
    close = [_label(catalog, names[n]) for n in difflib.get_close_matches(key, list(names), 5, 0.7)]
    hint = f" Did you mean: {'; '.join(dict.fromkeys(close))}?" if close else ""
    raise UsageError(f"no city called {query!r} in our data.{hint}")


def _by_name(catalog: Catalog, query: str, key: str, named: list[City]) -> CityMatch:
    """A city by its own name: the only one, or the prominent one of several (said)."""
    elsewhere = _other_places(catalog, key, named)
    if len(named) > 1:
        ranked = sorted(named, key=lambda c: c.population or 0, reverse=True)
        first, second = ranked[:2]
        if not all(c.population for c in named) or (first.population or 0) < PROMINENT * (
            second.population or 0
        ):
            raise _several(
                catalog, query, named, "Give the id, or 'name, state or country', to choose one."
            )
        others = [describe(catalog, c) + f" ({c.city_id})" for c in ranked[1:]] + elsewhere
        return CityMatch(
            first,
            f"{query}: matched {describe(catalog, first)}, the most populous of that name",
            others,
        )
    return CityMatch(named[0], None, elsewhere)  # the others are said beside it


def _qualified(catalog: Catalog, query: str, key: str) -> CityMatch | None:
    """'London, Canada' / 'Portland, Maine': the name in that country, state or province."""
    known = _known(catalog)
    name, _, qualifier = key.rpartition(",")
    name, qualifier = name.strip(), qualifier.strip()
    isos = _country_codes(catalog, qualifier)
    found = [
        c
        for c, n in zip(known.cities, known.names, strict=True)
        if n == name
        and (
            (c.country_iso2 is not None and c.country_iso2 in isos)
            or fold(known.admin1.get(c.city_id, "")) == qualifier
            or fold(c.admin1 or "") == qualifier
        )
    ]
    if len(found) == 1:
        return CityMatch(found[0])
    if found:
        raise _several(catalog, query, found, "Give the id to choose one.")
    elsewhere = _other_places(catalog, name, [], isos, qualifier)
    if isos or elsewhere:
        typed_name, _, typed_where = query.rpartition(",")
        said = (
            f"; GeoNames places so named there: {'; '.join(elsewhere[:LISTED])} (in none of "
            "our indexes)"
            if elsewhere
            else ""
        )
        raise UsageError(
            f"no city called {typed_name.strip()!r} in {typed_where.strip()} in our data{said}"
        )
    return None


def _country_codes(catalog: Catalog, qualifier: str) -> set[str]:
    out = set()
    for row in catalog.countries.iter_rows(named=True):
        names = [row["name"], row["iso2"], row["iso3"], *(row["aliases"] or "").split("|")]
        if qualifier in {fold(n) for n in names if n}:
            out.add(row["iso2"])
    return out


def _several(catalog: Catalog, query: str, found: list[City], ask: str) -> UsageError:
    listed = "; ".join(_label(catalog, c) for c in found[:LISTED])
    more = f"; … and {len(found) - LISTED} more" if len(found) > LISTED else ""
    return UsageError(f"{query!r} matches several cities: {listed}{more}. {ask}")
