"""The index catalogue: which indexes exist, their metadata, and their entries (lazily loaded)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from . import first_screen as first_screen_mod
from . import measures as measures_mod
from .errors import DataError, UsageError
from .measures import Measure
from .schema import CITY_SCHEMA, COMMON_SCHEMA, INDEX_SCHEMA, read_parquet

REQUIRED_ENTRY_COLUMNS = ("index", "rank", "name", "city_ids", "source_url", "search_text")


def bundled_data_dir() -> Path:
    """Where the Parquet shipped with the package lives (inside the wheel, or data/parquet in a checkout)."""
    override = os.environ.get("CITYRANK_BUNDLED_DIR")
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent.parent / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "parquet"


@dataclass(frozen=True)
class IndexInfo:
    """What one index is: publisher, edition, universe, score meaning, attribution, coverage."""

    id: str
    family: str
    name: str
    short_name: str
    publisher: str
    edition: int
    universe_size: int | None  # None when the publisher's count was not found
    universe_unit: str
    entity_label: str
    score_label: str
    score_meaning: str
    score_scale: str
    tiers: tuple[str, ...]
    columns: tuple[str, ...]
    full_columns: tuple[str, ...]
    full_label: str
    attribution: str
    methodology: str
    comparability: str
    source_urls: tuple[str, ...]
    gaps: str
    complete_groups: tuple[str, ...]  # publisher regions/sub-regions whose list we hold in full
    rows_bundled: int
    rows_full: int
    has_scores: bool
    bundled: bool
    entries_path: Path
    family_name: str = ""
    measures: tuple[Measure, ...] = ()
    group_coverage: tuple[str, ...] = ()  # "Asia 87 of 87" per publisher list
    terms: str = ""
    country_note: str = ""
    ranked: bool = True  # False: a classification without ranks (sorted by class)
    # Why the publisher's ranks cannot be set against the previous edition's ("" when they can).
    not_comparable_with_previous: str = ""
    # The file an index was opened from (`cityrank-tui open FILE`: held in memory, never
    # stored, gone when the app quits); "" for every bundled or imported index.
    opened_from: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any], entries_path: Path) -> IndexInfo:
        skip = {"entries_path", "measures"}
        values: dict[str, Any] = {
            f.name: row.get(f.name) for f in fields(cls) if f.name not in skip
        }
        for key in (
            "tiers",
            "columns",
            "full_columns",
            "source_urls",
            "complete_groups",
            "group_coverage",
        ):
            values[key] = tuple(values[key] or ())
        for key in (
            "score_scale",
            "comparability",
            "gaps",
            "methodology",
            "full_label",
            "score_meaning",
            "family_name",
            "terms",
            "country_note",
            "not_comparable_with_previous",
            "opened_from",
        ):
            values[key] = values[key] or ""
        values["ranked"] = values["ranked"] is not False
        try:
            declared = measures_mod.parse(row.get("measures_json"))
        except (ValueError, TypeError) as exc:
            raise DataError(f"index {row.get('id')}: bad measure declaration ({exc})") from exc
        declared = declared or measures_mod.defaults(values["columns"], values["score_label"])
        return cls(**values, entries_path=entries_path, measures=declared)

    def measure(self, column: str) -> Measure | None:
        """The declared measure held in a column, if any."""
        for m in self.measures:
            if m.column == column:
                return m
        return None

    @property
    def of(self) -> str:
        """' of 707' after a rank; ' (universe not published)' when the count is unknown."""
        return f" of {self.universe_size:,}" if self.universe_size else " (of ?)"

    @property
    def coverage(self) -> str:
        """'35 of 100 clusters with full figures' style summary, with what 'full' means here."""
        # a user's own import is not bundled; an opened file is not even imported
        held = "bundled" if self.bundled else "opened" if self.opened_from else "imported"
        universe = f"{self.universe_size:,}" if self.universe_size else "an unpublished number of"
        text = (
            f"{self.rows_bundled:,} of {universe} {self.universe_unit} {held}; "
            f"{self.rows_full:,} {self.full_label}"
        )
        if self.group_coverage:
            text += f" (publisher lists: {', '.join(self.group_coverage)})"
        return text

    @property
    def tab_coverage(self) -> str:
        """One short line for a tab's header: coverage per publisher list where it splits them."""
        if not self.group_coverage:
            return self.coverage
        universe = self.universe_size if self.universe_size else "?"
        groups = ", ".join(re.sub(r" (\d+) of (\d+)$", r" \1/\2", g) for g in self.group_coverage)
        return f"{self.rows_bundled} of {universe} {self.universe_unit} bundled · {groups}"

    @property
    def score_what(self) -> str:
        """What the score is ('0-100'; an import's 'as in the imported file', never 'none'
        where the file has scores): the details' "Score:" line and the tab's header alike."""
        if not self.ranked:
            return "a classification: classes, no ranks or scores"
        if not self.has_scores:
            if self.bundled:
                return "no scores published in our data"
            return f"no score column in the {'opened' if self.opened_from else 'imported'} file"
        kind = (
            "bundled data"
            if self.bundled
            else "opened file"
            if self.opened_from
            else "imported file"
        )
        return self.score_scale or f"as in the {kind}"

    @property
    def score_words(self) -> str:
        """The tab header's line: 'Score: 0-100', or why there is no score."""
        if self.ranked and self.has_scores:
            return f"{self.score_label}: {self.score_what}"
        return self.score_what

    @property
    def label(self) -> str:
        return f"{self.short_name} ({self.publisher})"

    @property
    def tab_label(self) -> str:
        """Short enough for a tab or a column heading: 'GII 2023'; an imported index or an
        opened file by the name it was given (`--name`), cut to TAB_LABEL_MAX with '…'."""
        if self.bundled:
            return f"{self.family.upper()} {self.edition}"
        name = " ".join(self.short_name.split()) or self.id
        return name if len(name) <= TAB_LABEL_MAX else name[: TAB_LABEL_MAX - 1].rstrip() + "…"


TAB_LABEL_MAX = 20  # characters of an imported index's name in its tab and column headings


class Catalog:
    """Bundled indexes plus any imported into the user's data folder, in a stable order."""

    def __init__(
        self,
        bundled_dir: Path | None = None,
        user_dir: Path | None = None,
        first_screen: bool = True,
    ) -> None:
        self.bundled_dir = bundled_dir or bundled_data_dir()
        self.user_dir = user_dir
        # What the bundled editions' tabs show first (core/first_screen.py), when its file
        # matches the Parquet: the index rows are read from it, without polars.
        self.first_screen = first_screen_mod.load(self.bundled_dir) if first_screen else None
        self._entries: dict[str, pl.DataFrame] = {}
        self._members: dict[str, pl.DataFrame] = {}  # per index: (city_id, row) sorted by city_id
        self._complete: dict[str, frozenset[str]] = {}
        self._user_city_files: list[tuple[str, Path]] = []  # (index id, cities file)
        self._user_entry_files: list[tuple[str, Path]] = []  # (index id, entries file)
        self.warnings: list[str] = []  # e.g. an imported index whose files are damaged (skipped)
        # Indexes held in memory only (an opened file): id -> (info, entries, its new cities)
        self._held: dict[str, tuple[IndexInfo, pl.DataFrame, pl.DataFrame | None]] = {}

    @cached_property
    def indexes(self) -> dict[str, IndexInfo]:
        if self.first_screen is not None:
            rows: Iterable[dict[str, Any]] = self.first_screen.index_rows
        else:
            meta = read_parquet(self.bundled_dir / "indexes.parquet", "index metadata")
            missing = set(INDEX_SCHEMA) - set(meta.columns)
            if missing:
                raise DataError(
                    f"{self.bundled_dir / 'indexes.parquet'} lacks columns: "
                    f"{', '.join(sorted(missing))}"
                )
            rows = meta.iter_rows(named=True)
        found = {
            row["id"]: IndexInfo.from_row(
                row, self.bundled_dir / "entries" / f"{row['id']}.parquet"
            )
            for row in rows
        }
        self._bundled_ids = set(found)
        found.update(self._user_indexes())
        return found

    def _user_indexes(self) -> dict[str, IndexInfo]:
        if self.user_dir is None or not any((self.user_dir / "indexes").glob("*.toml")):
            return {}  # nothing imported: the module that reads imports is not needed yet
        from ..store import userindexes

        stored, warnings = userindexes.scan(self.user_dir)
        self.warnings.extend(warnings)
        found = {}
        for one in stored:
            if one.id in found or one.id in self._bundled_ids:
                continue  # a bundled index always wins over a file of the same name
            found[one.id] = IndexInfo.from_row(one.row, one.entries_path)
            self._user_entry_files.append((one.id, one.entries_path))
            if one.cities_path is not None:
                self._user_city_files.append((one.id, one.cities_path))
        return found

    def get(self, index_id: str) -> IndexInfo:
        try:
            return self.indexes[index_id]
        except KeyError:
            raise UsageError.unknown("index", index_id, self.indexes) from None

    def entries(self, index_id: str) -> pl.DataFrame:
        """All entries of an index, read once and checked against the expected columns."""
        from ..store import userindexes

        if index_id not in self._entries:
            info = self.get(index_id)
            frame = (
                read_parquet(info.entries_path, f"entries of {index_id}")
                if info.bundled
                else userindexes.read_entries(info.entries_path, index_id)
            )
            missing = [c for c in REQUIRED_ENTRY_COLUMNS if c not in frame.columns]
            if missing:
                raise DataError(f"{info.entries_path} lacks columns: {', '.join(missing)}")
            for column, dtype in COMMON_SCHEMA.items():  # older or imported files lack some
                if column not in frame.columns:
                    frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(column))
            for m in info.measures:  # a declared measure the file lacks is missing, not an error
                if m.column not in frame.columns:
                    frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(m.column))
            self._entries[index_id] = frame
        return self._entries[index_id]

    def read_bundled_ahead(self) -> None:
        """Read every bundled edition's entries (small files), e.g. on a worker thread while
        the app is idle, so that a first visit to an edition does not wait for them. An edition
        that cannot be read is skipped here: showing it reads it again and says why."""
        for info in list(self.indexes.values()):
            if info.bundled and info.id not in self._entries:
                try:
                    self.entries(info.id)
                except DataError:
                    continue

    def _member_rows(self, index_id: str) -> pl.DataFrame:
        """(row, id): each entry's row number once per city it names, sorted by city id."""
        members = self._members.get(index_id)
        if members is None:
            members = (
                self.entries(index_id)
                .select(
                    pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"),
                    pl.col("city_ids").alias("id"),
                )
                .explode("id")
                .drop_nulls("id")
                .sort("id", "row")
            )
            self._members[index_id] = members
        return members

    def rows_naming(self, index_id: str, city_id: str) -> pl.DataFrame:
        """The entries that name a city, directly or as a cluster member.

        Answered from a sorted (city id, row) list built once per index, so a profile or the
        bookmarks view costs a binary search, not a scan of every row of a large imported index.
        """
        members = self._member_rows(index_id)
        ids = members["id"]
        low, high = ids.search_sorted(city_id, "left"), ids.search_sorted(city_id, "right")
        return self.entries(index_id)[members["row"].slice(low, high - low)]

    def best_rows_naming(
        self, index_id: str, city_ids: pl.Series
    ) -> tuple[pl.Series, pl.DataFrame]:
        """For many cities at once: (city ids, entries) holding, for each of `city_ids` the index
        names, its best-ranked entry (unranked last; the first in the file among equals). One
        join over the index, where `rows_naming` per city would be a query per city."""
        entries = self.entries(index_id)
        wanted = pl.DataFrame({"id": city_ids.unique()}, schema={"id": pl.String})
        found = self._member_rows(index_id).join(wanted, on="id", how="semi")
        found = (
            found.with_columns(rank=entries["rank"].gather(found["row"]))
            .sort(["id", "rank", "row"], nulls_last=True)
            .unique("id", keep="first", maintain_order=True)
        )
        return found["id"], entries[found["row"]]

    def complete_countries(self, index_id: str) -> frozenset[str]:
        """Countries (ISO) on the publisher lists we hold in full for this index (its complete_groups)."""
        if index_id not in self._complete:
            groups = list(self.get(index_id).complete_groups)
            frame = self.entries(index_id).filter(
                pl.col("publisher_region").is_in(groups)
                | pl.col("publisher_subregion").is_in(groups)
            )
            self._complete[index_id] = frozenset(frame["country_iso2"].drop_nulls())
        return self._complete[index_id]

    @cached_property
    def bundled_cities(self) -> pl.DataFrame:
        """The gazetteer shipped with the package (cities any bundled index names)."""
        frame = read_parquet(self.bundled_dir / "cities.parquet", "cities")
        missing = set(CITY_SCHEMA) - set(frame.columns)
        if missing:
            raise DataError(
                f"{self.bundled_dir / 'cities.parquet'} lacks columns: {', '.join(sorted(missing))}"
            )
        return frame

    @cached_property
    def cities(self) -> pl.DataFrame:
        """Bundled cities, then those each imported index first saw (a bundled id wins): the
        GeoNames places in its cities file, then the names it kept as new cities, made from its
        entries (store/userindexes.py's placeholder_cities; files written before that hold
        them in the cities file too)."""
        from ..store import userindexes

        frame = self.bundled_cities
        self.indexes  # noqa: B018  (reading the imported indexes finds their cities files)
        extra = []
        for _, path in self._user_city_files:
            try:
                extra.append(userindexes.read_cities(path))
            except DataError as exc:
                self.warnings.append(f"{exc}; names first seen in that import show by their ids")
        if extra:
            frame = pl.concat([frame, *extra]).unique("city_id", keep="first", maintain_order=True)
        # New cities made of names: ids `<import id>:…`, one per id in each import, and no
        # bundled or GeoNames id has a colon, so only cities files written before (which held
        # them) and a held index (an opened file, whose import id may be a stored one) can
        # repeat one; those repeats are dropped, not every id made unique again.
        known = frame.select("city_id") if frame["city_id"].str.contains(":").any() else None
        parts = [frame]
        for index_id, path in self._user_entry_files:
            try:
                made = userindexes.as_cities(userindexes.read_placeholders(path, index_id))
            except DataError as exc:
                self.warnings.append(f"{exc}; names first seen in that import show by their ids")
                continue
            parts.append(made if known is None else made.join(known, on="city_id", how="anti"))
        frame = pl.concat(parts)
        for _, _, cities in self._held.values():
            if cities is not None:
                held = cities.join(frame.select("city_id"), on="city_id", how="anti")
                frame = pl.concat([frame, held.unique("city_id", maintain_order=True)])
        return frame

    @cached_property
    def city_keys(self) -> pl.DataFrame:
        """Every known city once (store/userindexes.py's KEY_SCHEMA: its names and aliases
        folded as `keys`), with the id of the import that first saw it (`source`; null for
        bundled cities). What an import links names against: imported cities come with their
        keys folded when they were written, so no earlier import's cities are folded again."""
        from ..store import userindexes

        parts = [
            userindexes.city_keys(self.bundled_cities).with_columns(
                source=pl.lit(None, dtype=pl.String)
            )
        ]
        self.indexes  # noqa: B018  (reading the imported indexes finds their cities files)
        for index_id, path in self._user_city_files:
            try:
                keys = userindexes.read_city_keys(path)
            except DataError:
                continue  # `cities` warns about that file
            parts.append(keys.with_columns(source=pl.lit(index_id)))
        found = pl.concat(parts)
        # Only a GeoNames place can be first seen by two imports (or be bundled): the first wins,
        # as in `cities`. Every other imported id starts with its import's own id.
        places = pl.col("geonameid").is_not_null()
        return pl.concat(
            [
                found.filter(places).unique("city_id", keep="first", maintain_order=True),
                found.filter(~places),
            ]
        )

    def placeholder_keys(self, keys: pl.Series, skip: str = "") -> pl.DataFrame:
        """The new cities earlier imports (but `skip`) made of names (userindexes's
        PLACEHOLDER_SCHEMA) whose key may be one of `keys`: what a new import's names may link
        to beside `city_keys`. Each earlier import's entries are scanned for those keys
        (userindexes.read_placeholders), not read and joined whole."""
        from ..store import userindexes

        self.indexes  # noqa: B018  (reading the imported indexes finds their entries files)
        parts = [pl.DataFrame(schema=userindexes.PLACEHOLDER_SCHEMA)]
        hashes = None
        for index_id, path in self._user_entry_files:
            if index_id == skip:
                continue
            if hashes is None:
                hashes = userindexes.key_hashes(keys)
            try:
                parts.append(userindexes.read_placeholders(path, index_id, hashes))
            except DataError:
                continue  # `cities` warns about that file
        return pl.concat(parts)

    @cached_property
    def countries(self) -> pl.DataFrame:
        """Every ISO 3166-1 country and territory with its UN M49 region, sub-region and aliases."""
        return read_parquet(self.bundled_dir / "countries.parquet", "countries")

    @cached_property
    def places(self) -> pl.DataFrame:
        """GeoNames places of 15,000 people or more: what an imported name can link to."""
        return read_parquet(self.bundled_dir / "places.parquet", "GeoNames places")

    def hold(self, info: IndexInfo, entries: pl.DataFrame, cities: pl.DataFrame | None) -> None:
        """Show an index that lives in memory only (a file opened, not imported), or replace
        the one held under its id (e.g. once its names are linked). `cities` are the new cities
        its names created (CITY_SCHEMA columns; more are ignored). Nothing is written."""
        self._held[info.id] = (
            info,
            entries,
            None if cities is None else cities.select(list(CITY_SCHEMA)),
        )
        self.indexes[info.id] = info
        self._entries[info.id] = entries
        for cache in (self._members, self._complete):
            cache.pop(info.id, None)
        for name in ("cities", "city_names"):  # made again, with the held index's new cities
            self.__dict__.pop(name, None)

    def held(self) -> list[tuple[IndexInfo, pl.DataFrame, pl.DataFrame | None]]:
        """What `hold` holds: a reloaded catalogue takes them over."""
        return list(self._held.values())

    @cached_property
    def city_names(self) -> dict[str, str]:
        """City id -> canonical name."""
        return dict(zip(self.cities["city_id"], self.cities["name"], strict=False))
