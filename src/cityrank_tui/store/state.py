"""state.toml: the last tab shown, each family tab's last edition, each edition's filters and
sort, and the Cities tab's. Losing it is harmless.

Two sessions may share the file (two terminals, two browser tabs of `serve`): a save never
writes what this session merely read. It locks the file, reads it as it is now, applies only
the entries this session changed (this tab's view, this family's edition, the theme, the last
tab) and writes the result, so one session never drops another's filters or theme.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..core.filters import Filter, Sort, View
from . import paths, tomlfile
from .filelock import locked

LOCK_TIMEOUT = 5.0  # seconds to wait for another session's save (each takes milliseconds)

if TYPE_CHECKING:  # the Cities tab's module is imported when that tab is made, not at start
    from ..core.cityview import CityView


def view_to_dict(view: View) -> dict[str, Any]:
    flt = {
        k: (list(v) if isinstance(v, (tuple, frozenset)) else v)
        for k, v in asdict(view.filter).items()
        if v not in (None, "", ())
    }
    flt.pop("city_ids", None)  # "bookmarked only" follows the bookmarks file, not a frozen list
    out: dict[str, Any] = {"sort": view.sort.field, "descending": view.sort.descending}
    if flt:
        out["filter"] = flt
    if view.filter.city_ids is not None:
        out["bookmarked_only"] = True
    return out


_TEXT_FIELDS = ("region", "subregion", "publisher_region", "country", "text")


def _field_problem(key: str, value: Any) -> str | None:
    """Why a saved filter value cannot be used, or None if it can."""
    if key in _TEXT_FIELDS:
        return None if isinstance(value, str) else f"{key} must be text"
    if key == "tiers":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "tiers must be a list of tier names"
    if key in ("min_score", "max_score"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok and math.isfinite(value) else f"{key} must be a number"
    if key in ("min_rank", "max_rank"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"{key} must be a whole number"
    return f"{key} is not a filter"


def view_problem(data: object) -> str | None:
    """Why a saved view (one tab's entry in state.toml) cannot be restored, or None if it can."""
    if not isinstance(data, dict):
        return "it must be a table"
    raw = data.get("filter", {})
    if not isinstance(raw, dict):
        return "filter must be a table"
    for key, value in raw.items():
        problem = _field_problem(key, value)
        if problem:
            return problem
    if not isinstance(data.get("sort", "rank"), str):
        return "sort must be a field name"
    for key in ("descending", "bookmarked_only", "latest_only"):
        if not isinstance(data.get(key, False), bool):
            return f"{key} must be true or false"
    editions = data.get("editions", {})
    if not isinstance(editions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in editions.items()
    ):
        return "editions must be a table of family = edition"
    return None


def view_from_dict(data: dict[str, Any], bookmarked: frozenset[str] = frozenset()) -> View:
    """Rebuild a view; a malformed value is dropped rather than trusted.

    "Bookmarked only" is restored against the bookmarks as they are now.
    """
    raw = data.get("filter", {}) if isinstance(data.get("filter"), dict) else {}
    clean: dict[str, Any] = {}
    for key, value in raw.items():
        if _field_problem(key, value) is not None:
            continue
        if key == "tiers":
            clean[key] = tuple(value)
        elif key in ("min_score", "max_score"):
            clean[key] = float(value)
        else:
            clean[key] = value
    if data.get("bookmarked_only") is True:
        clean["city_ids"] = bookmarked
    sort = data.get("sort", "rank")
    sort = Sort(sort if isinstance(sort, str) else "rank", data.get("descending") is True)
    return View(Filter(**clean), sort)


def city_view_to_dict(view: CityView) -> dict[str, Any]:
    flt = view.filter
    out: dict[str, Any] = {"sort": view.sort[0], "descending": view.sort[1]}
    for key in ("region", "country"):
        if getattr(flt, key):
            out[key] = getattr(flt, key)
    if flt.text:
        out["text"] = flt.text
    if flt.min_families:
        out["min_families"] = flt.min_families
    if view.bookmarked_only:
        out["bookmarked_only"] = True
    if view.rule.latest_only:
        out["latest_only"] = True
    if view.rule.fixed:
        out["editions"] = dict(view.rule.fixed)
    return out


def city_view_problem(data: object) -> str | None:
    """Why the Cities tab's saved view cannot be restored, or None if it can."""
    if not isinstance(data, dict):
        return "it must be a table"
    for key in ("region", "country", "text", "sort"):
        if not isinstance(data.get(key, ""), str):
            return f"{key} must be text"
    families = data.get("min_families", 0)
    if not isinstance(families, int) or isinstance(families, bool) or families < 0:
        return "min_families must be a whole number, 0 or more"
    for key in ("descending", "bookmarked_only", "latest_only"):
        if not isinstance(data.get(key, False), bool):
            return f"{key} must be true or false"
    editions = data.get("editions", {})
    if not isinstance(editions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in editions.items()
    ):
        return "editions must be a table of family = edition"
    return None


def city_view_from_dict(data: dict[str, Any]) -> CityView:
    """Rebuild the Cities tab's view from a dict `city_view_problem` accepted (the sort's column
    is checked against the table by the tab: a family may have gone since)."""
    from ..core.cityview import CityFilter, CityView, EditionRule

    flt = CityFilter(
        region=data.get("region") or None,
        country=data.get("country") or None,
        text=data.get("text", ""),
        min_families=data.get("min_families", 0),
    )
    default = CityView()
    sort = (data.get("sort") or default.sort[0], data.get("descending", default.sort[1]))
    rule = EditionRule(
        data.get("latest_only", False), tuple(sorted(data.get("editions", {}).items()))
    )
    return CityView(flt, sort, data.get("bookmarked_only", False), rule)


class _Tracked(dict[str, Any]):
    """A dict that records which keys this session set or removed (to merge on save)."""

    def __init__(self, data: dict[str, Any], changed: set[tuple[str, str]], section: str) -> None:
        super().__init__(data)
        self._changed = changed
        self._section = section

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._changed.add((self._section, key))

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._changed.add((self._section, key))


_SCALARS = ("last_tab", "cities", "theme", "copy_format")


STATE_LIMIT = 2 * 1024 * 1024


class AppState:
    def __init__(self) -> None:
        # What this session changed since its last save: ("views", id), ("editions", family),
        # ("last_tab", ""), ("cities", ""), ("theme", "").
        self._changed: set[tuple[str, str]] = set()
        path = paths.state_file()
        # State is a few KB (a tab's filters); a 20 MB file made start take 9 s and every
        # change rewrite it on the UI thread: one that large is ignored with one line.
        result = tomlfile.read(path, limit=STATE_LIMIT)
        self.warnings: list[str] = [result.warning] if result.warning else []
        last_tab = result.data.get("last_tab")
        self.last_tab: str | None = last_tab if isinstance(last_tab, str) else None
        # family -> the edition last shown in its tab (a wrong entry is skipped, not trusted)
        editions = result.data.get("editions", {})
        self.editions: dict[str, str] = _Tracked(
            {k: v for k, v in editions.items() if isinstance(v, str)}
            if isinstance(editions, dict)
            else {},
            self._changed,
            "editions",
        )
        views = result.data.get("views", {})
        self.views: dict[str, dict[str, Any]] = _Tracked({}, self._changed, "views")
        if not isinstance(views, dict):
            # (before, this returned early and left the theme unset: the app then failed on it)
            self.warnings.append(f"{path}: views must be a table; the saved views were dropped.")
            views = {}
        for index_id, view in views.items():
            problem = view_problem(view)
            if problem:
                self.warnings.append(
                    f"{path}: the saved view of {index_id} was dropped ({problem})."
                )
            else:
                dict.__setitem__(self.views, index_id, view)  # read, not changed
        # The Cities tab's view (a wrong one is dropped with a note, as an edition's is)
        cities = result.data.get("cities")
        self.cities: dict[str, Any] | None = None
        if cities is not None:
            problem = city_view_problem(cities)
            if problem:
                self.warnings.append(
                    f"{path}: the saved view of the Cities tab was dropped ({problem})."
                )
            else:
                self.cities = cities
        # The theme last picked in the palette, and config.toml's theme at that moment: a pick
        # lasts until config.toml's theme is edited (then the hand-edited file wins).
        theme = result.data.get("theme")
        self.theme: dict[str, str] | None = (
            {k: v for k, v in theme.items() if isinstance(v, str)}
            if isinstance(theme, dict)
            else None
        )
        # What y / Y copy as, picked in the app, and config.toml's copy_format at that moment
        # (as the theme: a pick lasts until config.toml's copy_format is edited).
        copy = result.data.get("copy_format")
        self.copy_format: dict[str, str] | None = (
            {k: v for k, v in copy.items() if isinstance(v, str)}
            if isinstance(copy, dict)
            else None
        )
        self._loaded = True  # from here on, setting last_tab, cities or theme is a change

    def picked_theme(self, configured: str) -> str | None:
        """The palette's pick, unless config.toml's theme changed since it was made."""
        if self.theme and self.theme.get("over") == configured:
            return self.theme.get("picked")
        return None

    def pick_theme(self, picked: str, configured: str) -> None:
        self.theme = {"picked": picked, "over": configured}

    def picked_copy_format(self, configured: str | None) -> str | None:
        """The format picked in the app, unless config.toml's copy_format changed since."""
        if self.copy_format and self.copy_format.get("over", "") == (configured or ""):
            return self.copy_format.get("picked")
        return None

    def pick_copy_format(self, picked: str, configured: str | None) -> None:
        self.copy_format = {"picked": picked, "over": configured or ""}

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name in _SCALARS and "_loaded" in self.__dict__:
            self._changed.add((name, ""))

    def save(self) -> None:
        """Merge this session's changes into state.toml as it is on disk now (see the module's
        docstring). Raises SaveError; the changes then stay pending for the next save."""
        if not self._changed:
            return
        path = paths.state_file()
        with locked(path, "state", LOCK_TIMEOUT):
            current = tomlfile.read(path)  # a damaged file is set aside there: start afresh
            data = {k: v for k, v in current.data.items() if k != "schema_version"}
            for section, key in sorted(self._changed):
                if section in _SCALARS:
                    value = getattr(self, section)
                    if value:
                        data[section] = value
                    else:
                        data.pop(section, None)
                    continue
                mine: dict[str, Any] = getattr(self, section)
                theirs = data.get(section)
                merged = dict(theirs) if isinstance(theirs, dict) else {}
                if key in mine:
                    merged[key] = mine[key]
                else:
                    merged.pop(key, None)
                data[section] = merged
            tomlfile.write(path, data)
        self._changed.clear()
