"""Finding cities by name for the command palette, fast at a million imported cities.

The palette used to hold three entries per city and fuzzy-match each one in Python on every
keystroke (1.9 s a query with a 500,000-row import), so it listed only the first 5,000 cities.
Here each city's folded name is computed once per catalogue, and a query is one vectorised
pass over those names (letters in order, as the palette's fuzzy matcher takes them); typing on
searches only the names the shorter query kept. Only the best few cities become palette hits.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import polars as pl

from ..core.catalog import Catalog
from ..core.textnorm import fold, fold_series

MAX_CITIES = 30  # cities offered per query; the palette shows about a screenful anyway
SLICE = 100_000  # names read at a time by a letters-in-order search

# What the palette offers for a city: (verb as typed, folded), e.g. "Profile of Seoul".
VERBS = ("jump", "profile", "pick")
# How a query may start for each verb, longest first: 'profile of zurich', 'profile zurich',
# 'jump to zurich', 'jump zurich', 'go to zurich' all name the verb and then the city.
_PHRASES = {
    "jump": ("jump to", "go to", "jump", "goto"),
    "profile": ("profile of", "profile"),
    "pick": ("pick",),
}

_NAMES: weakref.WeakKeyDictionary[Catalog, pl.DataFrame] = weakref.WeakKeyDictionary()


_BUILDING = threading.Lock()  # the app builds them ahead on a worker thread (app.warm_idle)


def city_names(catalog: Catalog) -> pl.DataFrame:
    """city_id, name, where it is ('Anhui, China') and the folded name of every city: built
    once per catalogue (a palette opened while the app builds them ahead waits for those, not
    built twice)."""
    with _BUILDING:
        frame = _NAMES.get(catalog)
        if frame is None:
            cities = catalog.cities
            # 'Anhui, China': where GeoNames names a state or province (not the city's own name
            # again), so that two cities of one name (the two Suzhous) are told apart
            places = catalog.places.unique("geonameid")
            admin = places.select(
                "geonameid",
                "admin1_name",
                _admin_key=_folded(places["admin1_name"].fill_null("")),
            )
            where = pl.concat_str(
                [
                    pl.when(pl.col("_admin_key") != pl.col("folded")).then(pl.col("admin1_name")),
                    pl.col("country"),
                ],
                separator=", ",
                ignore_nulls=True,
            )
            frame = (
                cities.select("city_id", "name", "country", "geonameid")
                .with_columns(folded=_folded(cities["name"].fill_null("")))
                .join(admin, on="geonameid", how="left", maintain_order="left")
                .select("city_id", "name", where.alias("country"), "folded")
            )
            _NAMES[catalog] = frame.rechunk()
    return frame


def _folded(names: pl.Series) -> pl.Series:
    """`fold` of every name, vectorised (plain ASCII names are only lower-cased)."""
    return fold_series(names)


def parse(query: str) -> tuple[tuple[str, ...], str]:
    """(the verbs a query can mean, the folded name part): 'profile of seo' -> (('profile',), 'seo').

    A query that is only the start of a verb ('prof') names no city yet: no name part.
    """
    text = " ".join(fold(query).split())
    for verb, phrases in _PHRASES.items():
        for phrase in phrases:  # longest first: 'profile of x' is not a city named 'of x'
            if text.startswith(phrase + " "):
                return (verb,), text[len(phrase) + 1 :].strip()
    for verb, phrases in _PHRASES.items():
        if any((phrase + " ").startswith(text) for phrase in phrases):
            return (verb,), ""
    return VERBS, text


# Letters of a palette query looked for: a pasted megabyte would compile a regex beyond
# polars' limit (and no city has a name of more than a few dozen letters).
MAX_QUERY = 200


def _in_order(letters: str) -> str:
    """A regex matching names that hold these letters in this order (the palette's fuzzy rule).

    Greedy `.*` with `(?s)`: the same matches as lazy `.*?`, in 40 % of the time at 900k names.
    """
    return "(?s)" + ".*".join(
        c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in letters.replace(" ", "")
    )


def _first_matches(folded: pl.Series, pattern: str, limit: int) -> tuple[pl.Series, bool]:
    """Positions of names matching `pattern`, read a slice at a time until `limit` are found;
    and whether every name was read (then they are all the matches)."""
    found = []
    count = 0
    for start in range(0, len(folded), SLICE):
        part = folded.slice(start, SLICE).str.contains(pattern).fill_null(False).arg_true()
        found.append(part.cast(pl.UInt32) + start)
        count += len(part)
        if count >= limit and start + SLICE < len(folded):
            return pl.concat(found), False
    return (pl.concat(found) if found else pl.Series([], dtype=pl.UInt32)), True


@dataclass
class CitySearch:
    """One palette opening's city search; remembers the last query to narrow the next one."""

    names: pl.DataFrame
    _last: tuple[str, pl.Series] | None = None

    def find(self, name_query: str, limit: int = MAX_CITIES) -> list[tuple[str, str, str]]:
        """(city_id, name, country) of the best matches: names that start with the query, then
        hold it; only when none holds it, names that hold its letters in order (the palette's
        fuzzy rule). Ties in catalogue order (bundled cities first)."""
        letters = name_query.replace(" ", "")
        if not letters or len(letters) > MAX_QUERY:  # no city name is that long (nor a regex)
            return []
        folded = self.names["folded"]
        pattern = _in_order(name_query)
        last = self._last
        self._last = None
        if last is not None and name_query.startswith(last[0]) and len(last[1]) * 4 < len(folded):
            # More letters: only fewer of the names the last query's letters matched can match.
            hits = last[1].filter(folded.gather(last[1]).str.contains(pattern))
            texts = folded.gather(hits)
            starts = hits.filter(texts.str.starts_with(name_query))
            holds = hits.filter(texts.str.contains(name_query, literal=True))
        else:
            # Every name is read: names that start with the query often fill the list at once.
            starts = folded.str.starts_with(name_query).fill_null(False).arg_true()
            if len(starts) >= limit:
                return self._rows(starts.head(limit))
            holds = folded.str.contains(name_query, literal=True).fill_null(False).arg_true()
            if len(holds):
                return self._rows(
                    pl.concat([starts, holds.filter(~holds.is_in(starts.implode()))]).head(limit)
                )
            if len(letters) == 1:  # one letter in order is that letter anywhere: none holds it
                self._last = (name_query, holds.cast(pl.UInt32))
                return []
            hits, complete = _first_matches(folded, pattern, limit)
            if not complete:  # enough found before the end: shown, but no base to narrow from
                return self._rows(hits.head(limit))
        self._last = (name_query, hits.cast(pl.UInt32))
        if len(holds):  # names holding the text as typed: the letters-in-order ones are noise
            return self._rows(
                pl.concat([starts, holds.filter(~holds.is_in(starts.implode()))]).head(limit)
            )
        return self._rows(hits.head(limit))

    def _rows(self, chosen: pl.Series) -> list[tuple[str, str, str]]:
        best = self.names[chosen]
        return list(zip(best["city_id"], best["name"], best["country"], strict=True))
