"""The index catalogue: which indexes exist, their metadata, and their entries (lazily loaded)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from . import measures as measures_mod
from .errors import DataError, UsageError
from .measures import Measure
from .schema import CITY_SCHEMA, COMMON_SCHEMA, INDEX_SCHEMA

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
        held = "bundled" if self.bundled else "imported"  # a user's own import is not bundled
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
    def label(self) -> str:
        return f"{self.short_name} ({self.publisher})"

    @property
    def tab_label(self) -> str:
        """Short enough for a tab or a column heading: 'GII 2023'; an imported index by its id."""
        return f"{self.family.upper()} {self.edition}" if self.bundled else self.id


def _read_parquet(path: Path, what: str) -> pl.DataFrame:
    if not path.is_file():
        raise DataError(f"{what} file is missing: {path}")
    try:
        return pl.read_parquet(path)
    except Exception as exc:  # polars raises several types for a damaged file
        raise DataError(f"{what} file {path} cannot be read ({type(exc).__name__}: {exc})") from exc


class Catalog:
    """Bundled indexes plus any imported into the user's data folder, in a stable order."""

    def __init__(self, bundled_dir: Path | None = None, user_dir: Path | None = None) -> None:
        self.bundled_dir = bundled_dir or bundled_data_dir()
        self.user_dir = user_dir
        self._entries: dict[str, pl.DataFrame] = {}
        self._members: dict[str, pl.DataFrame] = {}  # per index: (city_id, row) sorted by city_id
        self._complete: dict[str, frozenset[str]] = {}
        self._user_city_files: list[Path] = []
        self.warnings: list[str] = []  # e.g. an imported index whose files are damaged (skipped)

    @cached_property
    def indexes(self) -> dict[str, IndexInfo]:
        meta = _read_parquet(self.bundled_dir / "indexes.parquet", "index metadata")
        missing = set(INDEX_SCHEMA) - set(meta.columns)
        if missing:
            raise DataError(
                f"{self.bundled_dir / 'indexes.parquet'} lacks columns: {', '.join(sorted(missing))}"
            )
        found = {
            row["id"]: IndexInfo.from_row(
                row, self.bundled_dir / "entries" / f"{row['id']}.parquet"
            )
            for row in meta.iter_rows(named=True)
        }
        self._bundled_ids = set(found)
        found.update(self._user_indexes())
        return found

    def _user_indexes(self) -> dict[str, IndexInfo]:
        folder = self.user_dir / "indexes" if self.user_dir else None
        if folder is None or not folder.is_dir():
            return {}
        from .imported import read_user_index_meta  # imported indexes are optional

        found = {}
        for meta_path in sorted(folder.glob("*.toml")):
            try:
                info, cities = read_user_index_meta(meta_path)
            except DataError as exc:
                self.warnings.append(f"{exc}; that imported index is skipped")
                continue
            if info.id in found or info.id in self._bundled_ids:
                continue  # a bundled index always wins over a file of the same name
            found[info.id] = info
            if cities is not None:
                self._user_city_files.append(cities)
        return found

    def get(self, index_id: str) -> IndexInfo:
        try:
            return self.indexes[index_id]
        except KeyError:
            raise UsageError.unknown("index", index_id, self.indexes) from None

    def entries(self, index_id: str) -> pl.DataFrame:
        """All entries of an index, read once and checked against the expected columns."""
        if index_id not in self._entries:
            info = self.get(index_id)
            frame = _read_parquet(info.entries_path, f"entries of {index_id}")
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

    def rows_naming(self, index_id: str, city_id: str) -> pl.DataFrame:
        """The entries that name a city, directly or as a cluster member.

        Answered from a sorted (city id, row) list built once per index, so a profile or the
        bookmarks view costs a binary search, not a scan of every row of a large imported index.
        """
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
                .sort("id")
            )
            self._members[index_id] = members
        ids = members["id"]
        low, high = ids.search_sorted(city_id, "left"), ids.search_sorted(city_id, "right")
        return self.entries(index_id)[members["row"].slice(low, high - low)]

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
    def cities(self) -> pl.DataFrame:
        frame = _read_parquet(self.bundled_dir / "cities.parquet", "cities")
        missing = set(CITY_SCHEMA) - set(frame.columns)
        if missing:
            raise DataError(
                f"{self.bundled_dir / 'cities.parquet'} lacks columns: {', '.join(sorted(missing))}"
            )
        self.indexes  # noqa: B018  (reading the imported indexes finds their cities files)
        extra = []
        for path in self._user_city_files:
            try:
                found = _read_parquet(path, "imported cities")
                found = found.with_columns(
                    pl.lit(None, dtype=t).alias(c)
                    for c, t in CITY_SCHEMA.items()
                    if c not in found.columns
                )
                extra.append(found.select(list(CITY_SCHEMA)).cast(pl.Schema(CITY_SCHEMA)))
            except (DataError, pl.exceptions.PolarsError) as exc:
                self.warnings.append(f"{exc}; names first seen in that import show by their ids")
        if extra:
            frame = pl.concat([frame, *extra]).unique("city_id", keep="first", maintain_order=True)
        return frame

    @cached_property
    def countries(self) -> pl.DataFrame:
        """Every ISO 3166-1 country and territory with its UN M49 region, sub-region and aliases."""
        return _read_parquet(self.bundled_dir / "countries.parquet", "countries")

    @cached_property
    def places(self) -> pl.DataFrame:
        """GeoNames places of 15,000 people or more: what an imported name can link to."""
        return _read_parquet(self.bundled_dir / "places.parquet", "GeoNames places")

    @cached_property
    def city_names(self) -> dict[str, str]:
        """City id -> canonical name."""
        return dict(zip(self.cities["city_id"], self.cities["name"], strict=False))
