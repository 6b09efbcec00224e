"""One gazetteer for every bundled index: link a published name to the cities it means.

data/cities.csv is the register: one row per bundled city with our stable id (bookmarks hold
it; an id is never removed or renamed), its GeoNames id, and the spellings publishers use that
GeoNames lacks. GeoNames supplies the rest. Linking is strict: a published name must name
exactly one registered city (or, for a multi-city unit, each member exactly once).

`python data/build.py --register` adds the cities a new source names to the register:
each unknown name is looked up in GeoNames (within the published country when there is one;
the most populous place of that name otherwise) and written as a new row, for review.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from geo import GeoNames, split

HERE = Path(__file__).resolve().parent
from cityrank_tui.core.textnorm import fold, slug  # noqa: E402

STATE_SUFFIX = re.compile(r",\s*[A-Z]{2}$")
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")
PART_SEPARATOR = re.compile(r"\s*[–—-]\s*")
CITY_FIELDS = ["city_id", "geonameid", "name", "country_iso2", "aliases"]


class LinkError(Exception):
    pass


@dataclass
class Countries:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)

    @classmethod
    def from_table(cls, table: list[dict[str, str]]) -> Countries:
        out = cls()
        clash: set[str] = set()
        for row in table:
            out.rows[row["iso2"]] = row
            if row.get("regex"):
                out.patterns.append((re.compile(row["regex"], re.IGNORECASE), row["iso2"]))
            for key in {row["iso2"], row["iso3"], row["name"], *split(row["aliases"])}:
                folded = fold(key)
                if out.keys.get(folded, row["iso2"]) != row["iso2"]:
                    clash.add(folded)
                out.keys[folded] = row["iso2"]
        for key in clash:  # a name two countries share names neither
            del out.keys[key]
        return out

    def hints(self, published: str | None) -> set[str]:
        """ISO codes a published country names ('CN/HK', 'China and Hong Kong, China', 'GBR')."""
        if not published:
            return set()
        found = set()
        for part in re.split(r"/| and ", published):
            key = fold(part.strip().rstrip("*"))
            if key.startswith("the "):
                key = key[4:] if key not in self.keys else key
            if key in self.keys:
                found.add(self.keys[key])
                continue
            # country_converter's patterns recognise the many other spellings of a country
            matched = {iso for pattern, iso in self.patterns if pattern.search(part.strip())}
            if len(matched) != 1:
                raise LinkError(f"unknown country or economy {part!r} in {published!r}")
            found |= matched
        if "CN" in found:  # publishers file Hong Kong, Macao and Taipei under China
            found |= {"HK", "MO", "TW"}
        if "KR" in found:  # and both Koreas under Korea
            found.add("KP")
        return found


@dataclass
class Gazetteer:
    countries: Countries
    geonames: GeoNames
    cities: dict[str, dict[str, object]] = field(default_factory=dict)
    by_geonameid: dict[int, str] = field(default_factory=dict)
    primary: dict[str, list[str]] = field(default_factory=dict)  # our names and aliases
    secondary: dict[str, list[str]] = field(default_factory=dict)  # GeoNames' names
    added: list[str] = field(default_factory=list)  # register mode: rows added

    @classmethod
    def load(cls, countries: Countries, geonames: GeoNames, path: Path) -> Gazetteer:
        gaz = cls(countries, geonames)
        for row in _read(path):
            gaz._add(row)
        return gaz

    def _add(self, row: dict[str, str]) -> None:
        city_id = row["city_id"]
        if row["country_iso2"] not in self.countries.rows:
            raise LinkError(f"cities.csv: {city_id} has unknown country {row['country_iso2']}")
        gid = int(row["geonameid"]) if row.get("geonameid") else None
        aliases = split(row.get("aliases"))
        geo = (self.geonames.by_id.get(gid) or self.geonames.smaller_place(gid)) if gid else None
        if gid and geo is None:
            raise LinkError(f"cities.csv: {city_id} has GeoNames id {gid}, not in GeoNames")
        if gid in self.by_geonameid:
            raise LinkError(f"cities.csv: {city_id} and {self.by_geonameid[gid]} share {gid}")
        self.cities[city_id] = {**row, "geonameid": gid, "aliases": aliases, "geo": geo}
        if gid:
            self.by_geonameid[gid] = city_id
        for key in {fold(row["name"]), *(fold(a) for a in aliases)}:
            ids = self.primary.setdefault(key, [])
            if city_id not in ids:
                ids.append(city_id)
        for name in GeoNames.latin_names(geo) if geo else []:
            ids = self.secondary.setdefault(fold(name), [])
            if city_id not in ids:
                ids.append(city_id)

    def rows(self) -> list[dict[str, object]]:
        return list(self.cities.values())

    def write(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=CITY_FIELDS, lineterminator="\n")
            writer.writeheader()
            for row in sorted(self.cities.values(), key=lambda r: str(r["city_id"])):
                out = {k: row[k] for k in CITY_FIELDS}
                out["aliases"] = "|".join(row["aliases"])  # type: ignore[arg-type]
                out["geonameid"] = row["geonameid"] or ""
                writer.writerow(out)

    # -- linking -------------------------------------------------------------------------

    def link(self, name: str, published_country: str | None, register: bool = False) -> list[str]:
        """The city ids a published name refers to: one city, or each member of a unit."""
        hints = self.countries.hints(published_country)
        whole = self._whole(name, hints, register=False)
        if whole:
            return [whole]
        parts = [STATE_SUFFIX.sub("", p) for p in PART_SEPARATOR.split(PARENTHESIS.sub(" ", name))]
        if len(parts) > 1:
            ids = [self._whole(p, hints, register) for p in parts]
            if all(ids):
                return list(dict.fromkeys(i for i in ids if i))
        if register:
            found = self._whole(name, hints, register=True)
            if found:
                return [found]
        raise LinkError(
            f"cannot link {name!r} ({published_country or 'no country'}) to exactly one city"
        )

    def _whole(self, name: str, hints: set[str], register: bool) -> str | None:
        variants = [name, PARENTHESIS.sub(" ", name).strip(), STATE_SUFFIX.sub("", name)]
        for variant in dict.fromkeys(variants):
            sides = [s for s in variant.split("/") if s.strip()]
            found = {self._lookup(s, hints) for s in sides}
            found.discard(None)
            if len(found) == 1:
                return found.pop()
        if register:
            return self._register(variants[1].split("/")[0].strip(), hints)
        return None

    def _lookup(self, name: str, hints: set[str]) -> str | None:
        key = fold(name)
        for table in (self.primary, self.secondary):
            found = table.get(key, [])
            if hints:
                found = [c for c in found if self.cities[c]["country_iso2"] in hints]
            if len(found) > 1:
                return None  # several: never guess
            if len(found) == 1 and table is self.secondary:
                # an alternate name is not enough when GeoNames has another place of that name
                gid = self.cities[found[0]]["geonameid"]
                named = [
                    c
                    for c in self.geonames.named(key, "name")
                    if (not hints or c["countrycode"] in hints) and int(c["geonameid"]) != gid
                ]
                if named:
                    return None
            if len(found) == 1:
                return found[0]
        return None

    def _register(self, name: str, hints: set[str]) -> str | None:
        key = fold(name)
        best = None
        for level in ("name", "alternate"):
            found = [
                c for c in self.geonames.named(key, level) if not hints or c["countrycode"] in hints
            ]
            if found:
                best = max(found, key=lambda c: c["population"])
                break
        if best is None:
            return None
        gid = int(best["geonameid"])
        if gid in self.by_geonameid:
            city_id = self.by_geonameid[gid]
            row = self.cities[city_id]
            if key not in {fold(str(row["name"])), *(fold(a) for a in row["aliases"])}:  # type: ignore[attr-defined]
                row["aliases"] = [*row["aliases"], name]  # type: ignore[list-item]
            ids = self.primary.setdefault(key, [])
            if city_id not in ids:
                ids.append(city_id)
            self.added.append(f"alias {name!r} -> {city_id}")
            return city_id
        city_id = f"{slug(best['name'])}-{best['countrycode'].lower()}"
        if city_id in self.cities:
            city_id = f"{city_id}-{gid}"
        self._add(
            {
                "city_id": city_id,
                "geonameid": str(gid),
                "name": best["name"],
                "country_iso2": best["countrycode"],
                "aliases": name if fold(name) != fold(best["name"]) else "",
            }
        )
        self.added.append(f"{city_id}: {best['name']} (GeoNames {gid}) for {name!r}")
        return city_id

    def assign_geonames(self) -> None:
        """Register mode: give every registered city without a GeoNames id its GeoNames id."""
        for city_id, row in list(self.cities.items()):
            if row["geonameid"]:
                continue
            iso = str(row["country_iso2"])
            for name in [str(row["name"]), *row["aliases"]]:  # type: ignore[misc]
                key = fold(name)
                found = [
                    c for c in self.geonames.named(key, "alternate") if c["countrycode"] == iso
                ]
                found = [c for c in found if int(c["geonameid"]) not in self.by_geonameid]
                if found:
                    best = max(found, key=lambda c: c["population"])
                    row["geonameid"] = int(best["geonameid"])
                    row["geo"] = best
                    self.by_geonameid[int(best["geonameid"])] = city_id
                    self.added.append(f"{city_id}: GeoNames {best['geonameid']} {best['name']}")
                    break
            else:
                self.added.append(f"{city_id}: NOT FOUND in GeoNames")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
