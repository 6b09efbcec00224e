"""state.toml: the last tab and each tab's filters and sort. Losing it is harmless."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ..core.filters import Filter, Sort, View
from . import paths, tomlfile


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


def view_from_dict(data: dict[str, Any], bookmarked: frozenset[str] = frozenset()) -> View:
    """Rebuild a view; anything malformed is dropped rather than trusted.

    "Bookmarked only" is restored against the bookmarks as they are now.
    """
    names = {f.name for f in fields(Filter)}
    raw = data.get("filter", {}) if isinstance(data.get("filter"), dict) else {}
    clean: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in names or key == "city_ids":
            continue
        if key == "tiers" and isinstance(value, list):
            clean[key] = tuple(str(v) for v in value)
        elif key in ("min_score", "max_score") and isinstance(value, (int, float)):
            clean[key] = float(value)
        elif (key in ("min_rank", "max_rank") and isinstance(value, int)) or isinstance(value, str):
            clean[key] = value
    if data.get("bookmarked_only") is True:
        clean["city_ids"] = bookmarked
    sort = Sort(str(data.get("sort", "rank")), bool(data.get("descending", False)))
    return View(Filter(**clean), sort)


class AppState:
    def __init__(self) -> None:
        result = tomlfile.read(paths.state_file())
        self.warning = result.warning
        self.last_tab: str | None = (
            result.data.get("last_tab") if isinstance(result.data.get("last_tab"), str) else None
        )
        views = result.data.get("views", {})
        self.views: dict[str, dict[str, Any]] = views if isinstance(views, dict) else {}
        # The theme last picked in the palette, and config.toml's theme at that moment: a pick
        # lasts until config.toml's theme is edited (then the hand-edited file wins).
        theme = result.data.get("theme")
        self.theme: dict[str, str] | None = (
            {k: v for k, v in theme.items() if isinstance(v, str)}
            if isinstance(theme, dict)
            else None
        )

    def picked_theme(self, configured: str) -> str | None:
        """The palette's pick, unless config.toml's theme changed since it was made."""
        if self.theme and self.theme.get("over") == configured:
            return self.theme.get("picked")
        return None

    def pick_theme(self, picked: str, configured: str) -> None:
        self.theme = {"picked": picked, "over": configured}

    def save(self) -> None:
        data: dict[str, Any] = {"last_tab": self.last_tab or "", "views": self.views}
        if self.theme:
            data["theme"] = self.theme
        tomlfile.write(paths.state_file(), data)
